package io.coffer.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The real packages committed under src/test/resources/packages, described in SOURCES.md there. */
final class Packages {

    static final String HOSTNAME_DEB = "hostname_3.23+nmu1_amd64.deb";
    static final String LIBCAP2_DEB = "libcap2_2.66-4+deb12u3+b1_amd64.deb";
    static final String NETBASE_DEB = "netbase_6.4_all.deb";
    static final String SAMPLE_RPM = "coffer-sample-1.4.2-7.noarch.rpm";
    static final String PLAIN_RPM = "coffer-plain-0.9.1-2.noarch.rpm";
    static final String JAKARTA_JAR = "jakarta.inject-api-2.0.1.jar";
    static final String JAKARTA_POM = "jakarta.inject-api-2.0.1.pom";
    static final String SLF4J_JAR = "slf4j-api-2.0.20.jar";
    static final String SLF4J_POM = "slf4j-api-2.0.20.pom";

    static final List<String> DEBS = List.of(HOSTNAME_DEB, LIBCAP2_DEB, NETBASE_DEB);
    static final List<String> RPMS = List.of(SAMPLE_RPM, PLAIN_RPM);
    static final List<String> JARS = List.of(JAKARTA_JAR, SLF4J_JAR);
    static final List<String> POMS = List.of(JAKARTA_POM, SLF4J_POM);
    static final List<String> ALL = List.of(HOSTNAME_DEB, LIBCAP2_DEB, NETBASE_DEB, SAMPLE_RPM, PLAIN_RPM,
            JAKARTA_JAR, SLF4J_JAR, JAKARTA_POM, SLF4J_POM);

    private Packages() {
    }

    /** The path of the committed file {@code name}. */
    static Path path(String name) {
        URL url = Packages.class.getResource("/packages/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource packages/" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("test resource URL " + url + " is not a path", e);
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the first {@code length} bytes of package {@code name} to {@code directory}, under the same name. */
    static Path truncated(String name, int length, Path directory) {
        return write(directory.resolve(name), Arrays.copyOf(bytes(name), length));
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
