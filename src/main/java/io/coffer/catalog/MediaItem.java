package io.coffer.catalog;

import java.util.List;
import java.util.Map;

/**
 * A file of a version: the master copy in the physical store, named by its SHA-256, plus what was
 * read from it and where any physical media are kept.
 *
 * @param metadata what inspection read from the file (format specific keys)
 * @param locations offline places holding the media, newest check first
 */
public record MediaItem(long id, long versionId, String product, String version, String fileName, long size,
        String sha256, String mediaType, String format, String license, Map<String, String> metadata,
        List<OfflineLocation> locations, String createdAt, String createdBy) {

    /**
     * Where physical media or certificates are kept, e.g. "licence key in the safe, room 2.14".
     *
     * @param checkedBy who last saw the media there, at {@code checkedAt}
     */
    public record OfflineLocation(long id, String location, String checkedBy, String checkedAt) {}
}
