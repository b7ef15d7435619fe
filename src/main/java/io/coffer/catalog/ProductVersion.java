package io.coffer.catalog;

/**
 * A version of a product: a software configuration item. Never deleted; withdrawn instead.
 *
 * @param uploadSeq order of arrival within the product, from 1; orders opaque versions
 * @param status active, deprecated or withdrawn
 * @param statusReason why the status was last changed, with {@code statusBy} and {@code statusAt}
 */
public record ProductVersion(long id, long productId, String product, String version, long uploadSeq,
        String releaseDate, Status status, String statusReason, String statusBy, String statusAt, String createdAt,
        String createdBy) {

    /** The life of a version in the library. */
    public enum Status {
        ACTIVE,
        DEPRECATED,
        WITHDRAWN;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
