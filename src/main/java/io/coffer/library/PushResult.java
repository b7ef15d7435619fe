package io.coffer.library;

import io.coffer.catalog.MediaItem;

/** What a push did. A conflicting push is not a result but an {@link ImmutableVersionException}. */
public sealed interface PushResult {

    MediaItem item();

    /** The file is now in the library. {@code note} says why inspection was skipped, or is null. */
    record Stored(MediaItem item, boolean productCreated, boolean versionCreated, String note)
            implements PushResult {}

    /** The same bytes were already there under the same product, version and file name: nothing changed. */
    record AlreadyPresent(MediaItem item) implements PushResult {}
}
