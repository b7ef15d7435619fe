package io.coffer.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads catalogue metadata from a file that has just been uploaded, so that the librarian types
 * little: product, version, supplier, licence and so on, from Debian and RPM packages, Java
 * archives and POMs, and a name and version guessed from the file name for anything else.
 *
 * <p>Design: uploads are untrusted, so inspection must never be the way to hurt the server. The
 * file is read in place, never extracted and never loaded whole; every length the content states
 * is checked against the file size and against a {@link Limits} before it is used; archive
 * formats whose libraries would trust such lengths (ar, tar, the zip directory, RPM headers) are
 * parsed here; XML is parsed with DOCTYPEs refused. Bad content of any kind ends up as
 * {@link Inspection#problem()}, never as an exception, and whatever was read before the trouble
 * is kept. Only a failure to read the local file itself is thrown.
 *
 * <p>Instances hold no state between calls and may be shared between threads.
 */
public final class Inspector {

    private static final Logger log = LoggerFactory.getLogger(Inspector.class);

    private final Limits limits;

    /** An inspector with the default limits. */
    public Inspector() {
        this(Limits.DEFAULT);
    }

    Inspector(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Inspects {@code file}, a complete file on local disk, whose name as uploaded is
     * {@code fileName}.
     *
     * @param file the file to read; it is not modified
     * @param fileName the name the uploader gave, used for messages, for detection when the content
     *     has no signature, and for guessing; a path is reduced to its last element; null or blank
     *     means the name of {@code file}
     * @return what was found; never null. Bad content does not throw: it sets
     *     {@link Inspection#problem()}
     * @throws UncheckedIOException if the local file cannot be opened or read
     */
    public Inspection inspect(Path file, String fileName) {
        Objects.requireNonNull(file, "file");
        String name = displayName(fileName, file);
        Findings found = new Findings(limits.maxFieldChars());
        MediaFormat format;
        String problem = null;
        try (LocalFile local = LocalFile.open(file)) {
            Detection detection = Detection.of(local, name, limits);
            format = detection.format();
            try {
                format = read(local, name, detection, found);
            } catch (LocalFileFailure e) {
                throw e;
            } catch (Unreadable e) {
                problem = phrase(name, format, e);
            } catch (IOException | RuntimeException e) {
                // Libraries report bad content with exceptions of their choosing; a bug of ours would
                // land here too, which is why it is logged with its stack.
                problem = "'" + name + "' is not a readable " + format.description() + ": " + Unreadable.describe(e);
                log.warn("Inspection of '{}' as {} failed unexpectedly", name, format, e);
            }
        }
        guessFromName(name, found);
        Inspection inspection = found.toInspection(format, problem);
        log.debug("Inspected '{}' as {}: product={} version={} problem={}", name, format,
                inspection.product(), inspection.version(), problem);
        return inspection;
    }

    private MediaFormat read(LocalFile file, String name, Detection detection, Findings found) throws IOException {
        switch (detection.format()) {
            case DEB -> new DebReader(limits).read(file, found);
            case RPM -> new RpmReader(limits).read(file, found);
            case JAR, ZIP -> {
                return new ZipReader(limits).read(file, name, detection.javaByName(), found);
            }
            case POM -> {
                byte[] xml;
                try (var in = new CappedInputStream(file.stream(), limits.maxMetadataFileBytes(), "the POM")) {
                    xml = in.readAllBytes();
                }
                PomReader.Pom pom = PomReader.parse(xml, "the POM");
                PomReader.offer(pom, found);
                PomReader.offerDevelopers(pom, found);
            }
            case TAR -> new TarSummary(limits).read(file, detection.compression(), found);
            case OTHER -> {
                if (detection.compression() != Compression.NONE) {
                    found.attribute("compression", detection.compression().label());
                }
            }
        }
        return detection.format();
    }

    private static void guessFromName(String name, Findings found) {
        FileNameGuess guess = FileNameGuess.of(name);
        List<String> guessed = new ArrayList<>();
        if (!found.hasProduct() && guess.product() != null) {
            found.product(guess.product());
            guessed.add("product");
        }
        if (!found.hasVersion() && guess.version() != null) {
            found.version(guess.version());
            guessed.add("version");
        }
        if (!found.hasArchitecture() && guess.architecture() != null) {
            found.architecture(guess.architecture());
            guessed.add("architecture");
        }
        if (!guessed.isEmpty()) {
            found.attribute("guessedFromFileName", String.join(",", guessed));
        }
    }

    private static String phrase(String name, MediaFormat format, Unreadable e) {
        String within = e.kind() == Unreadable.Kind.TOO_LARGE ? " within Coffer's limits" : "";
        return "'" + name + "' is not a readable " + format.description() + within + ": " + e.getMessage();
    }

    private static String displayName(String fileName, Path file) {
        String name = fileName;
        if (name == null || name.isBlank()) {
            Path last = file.getFileName();
            name = last == null ? file.toString() : last.toString();
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        return name.replaceAll("\\p{Cntrl}", "?");
    }
}
