package io.coffer.release;

/**
 * One media item of a release, pinned by its digest: the release holds exactly these bytes, whatever
 * happens to the catalog later.
 *
 * @param license the licence recorded for the item, or null
 * @param supplier the product's supplier, or null
 */
public record ReleaseItem(String product, String version, String fileName, long size, String sha256,
        String license, String supplier) {}
