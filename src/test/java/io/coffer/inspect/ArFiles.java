package io.coffer.inspect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;

/**
 * Takes ar archives apart and puts them together for crafted Debian packages. Reading uses
 * commons-compress rather than the inspector's own ar reader, so the fixtures do not depend on the
 * code under test; writing follows the ar header layout byte for byte.
 */
final class ArFiles {

    private ArFiles() {
    }

    /** The members of {@code deb} by name, in order. */
    static Map<String, byte[]> members(Path deb) {
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(deb); ArArchiveInputStream ar = new ArArchiveInputStream(in)) {
            for (ArArchiveEntry e = ar.getNextEntry(); e != null; e = ar.getNextEntry()) {
                members.put(e.getName(), ar.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return members;
    }

    /** An ar archive holding {@code members} in order. */
    static byte[] archive(Map<String, byte[]> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("!<arch>\n".getBytes(StandardCharsets.US_ASCII));
        members.forEach((name, data) -> {
            String header = String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", name, "0", "0", "0", "100644",
                    data.length);
            out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(data);
            if (data.length % 2 == 1) {
                out.write('\n');
            }
        });
        return out.toByteArray();
    }
}
