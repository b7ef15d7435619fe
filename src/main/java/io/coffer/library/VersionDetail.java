package io.coffer.library;

import io.coffer.catalog.BuildRecord;
import io.coffer.catalog.MediaItem;
import io.coffer.catalog.ProductVersion;
import java.util.List;

/** A version with its media items and, for in-house software, how it was built (null when not recorded). */
public record VersionDetail(ProductVersion version, List<MediaItem> media, BuildRecord build) {}
