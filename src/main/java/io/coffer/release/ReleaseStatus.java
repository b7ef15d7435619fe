package io.coffer.release;

import java.util.Locale;

/**
 * Where a release is in its life: draft, submitted, approved, scheduled, deployed, closed; or
 * rejected, cancelled, rolled back.
 */
public enum ReleaseStatus {
    DRAFT,
    SUBMITTED,
    APPROVED,
    SCHEDULED,
    DEPLOYED,
    CLOSED,
    REJECTED,
    CANCELLED,
    ROLLED_BACK;

    /** The id used in the API, the CLI and the catalog, e.g. {@code rolled-back}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
