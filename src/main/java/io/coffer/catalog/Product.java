package io.coffer.catalog;

/**
 * A product in the catalog.
 *
 * @param supplier vendor or in-house team; null when unknown
 * @param kind external (bought or downloaded) or internal (built in-house)
 * @param scheme how its versions are ordered: semver, debian, rpm, maven, calendar, opaque
 */
public record Product(long id, String name, String supplier, Kind kind, String scheme, String description,
        String homepage, String createdAt, String createdBy) {

    /** Where a product comes from. */
    public enum Kind {
        EXTERNAL,
        INTERNAL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
