package io.coffer.release;

import java.util.Locale;

/** How big a release is; the release policy says what each type needs. */
public enum ReleaseType {
    MAJOR,
    MINOR,
    EMERGENCY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
