package io.coffer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real packages committed as test data under src/test/resources/packages. */
public final class Packages {

    private Packages() {}

    public static Path dir() {
        try {
            return Path.of(Packages.class.getResource("/packages").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All files matching a glob such as {@code *.deb}, sorted by name; fails when there is none. */
    public static List<Path> all(String glob) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir(), glob)) {
            s.forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no test package matching " + glob + " in " + dir());
        }
        found.sort(null);
        return found;
    }

    public static Path first(String glob) {
        return all(glob).get(0);
    }
}
