package io.coffer.release;

import java.util.List;

/**
 * The frozen content of an approved release: the release package. Its canonical JSON (object keys
 * sorted, no insignificant white space, UTF-8) is what the server signs, and what anyone holding the
 * public key can verify offline.
 *
 * @param manifestVersion format version of this document, currently 1
 * @param release the release identifier, e.g. {@code REL-2027-0003}
 * @param type major, minor or emergency
 * @param windowStart planned window start, ISO-8601 with offset, or null
 * @param windowEnd planned window end, ISO-8601 with offset, or null
 * @param windowZone the IANA time zone the window was planned in, or null
 * @param items every media item, sorted by product, version, file name
 * @param approvals the approvals that let the release pass, in the order given
 * @param frozenAt ISO-8601 UTC time of the freeze
 * @param policyVersion the version of the release policy that applied
 */
public record Manifest(int manifestVersion, String release, String title, String type, String owner,
        String author, String windowStart, String windowEnd, String windowZone, List<ReleaseItem> items,
        List<Approval> approvals, String frozenAt, int policyVersion) {

    public static final int FORMAT = 1;
}
