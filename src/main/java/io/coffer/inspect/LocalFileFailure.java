package io.coffer.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An I/O failure of the uploaded file on local disk, as opposed to bad content in it. Readers of
 * the file wrap their I/O errors in this type so that it passes through decompressors and parsers
 * untouched and leaves {@link Inspector#inspect} as the {@link UncheckedIOException} its contract
 * promises, while every other exception is taken as a sign of bad content.
 */
final class LocalFileFailure extends UncheckedIOException {

    LocalFileFailure(String message, IOException cause) {
        super(message, cause);
    }
}
