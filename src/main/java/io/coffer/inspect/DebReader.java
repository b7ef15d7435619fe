package io.coffer.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a Debian binary package: the fields of its control file, and the licence from a
 * machine-readable (DEP-5) copyright file under usr/share/doc when the data archive has one.
 * The control part is required; the licence is a bonus, so a data archive that is too large to
 * scan or uses an unsupported compression is noted in the "incomplete" attribute instead of
 * failing the inspection. A data archive that turns out damaged is still a problem.
 *
 * <p>The scan stops at the copyright file. Because dpkg writes usr/share/doc late in the archive,
 * the licence of a package whose data archive decompresses past {@link Limits#maxScanBytes()}
 * before that point is not found.
 */
final class DebReader {

    /** debian-binary, control, data and the odd signature member; more is not a package. */
    private static final int MAX_MEMBERS = 8;

    private final Limits limits;

    DebReader(Limits limits) {
        this.limits = limits;
    }

    void read(LocalFile file, Findings found) {
        ArArchive.Listing listing = ArArchive.members(file, MAX_MEMBERS);
        List<ArArchive.Member> members = listing.members();
        if (members.isEmpty() || !members.get(0).name().equals("debian-binary")) {
            if (members.isEmpty() && listing.damage() != null) {
                throw Unreadable.malformed(listing.damage());
            }
            String first = members.isEmpty() ? "nothing" : "'" + members.get(0).name() + "'";
            throw Unreadable.malformed("its first ar member is " + first + ", expected debian-binary");
        }
        checkFormatVersion(file, members.get(0).requireComplete());
        ArArchive.Member control = listing.find("control.tar");
        Compression controlCompression = compressionOf(control, "control.tar");
        found.attribute("controlCompression", controlCompression.label());
        if (!controlCompression.supported()) {
            found.attribute("incomplete", "compression " + controlCompression.label() + " not supported: "
                    + control.name() + " was not read");
        }
        control.requireComplete();

        Deb822.Paragraph fields = readControl(file, control, controlCompression);
        String packageName = fields.firstLine("Package");
        if (packageName == null || packageName.isEmpty()) {
            throw Unreadable.malformed("its control file has no Package field");
        }
        found.product(packageName);
        found.version(fields.firstLine("Version"));
        found.supplier(fields.firstLine("Maintainer"));
        found.description(fields.firstLine("Description"));
        found.architecture(fields.firstLine("Architecture"));
        found.attribute("source", fields.firstLine("Source"));
        found.attribute("section", fields.firstLine("Section"));
        found.attribute("priority", fields.firstLine("Priority"));
        found.attribute("homepage", fields.firstLine("Homepage"));
        found.attribute("installedSizeKiB", fields.firstLine("Installed-Size"));

        // The control fields are kept even when the rest of the package turns out to be damaged.
        ArArchive.Member data = listing.find("data.tar");
        Compression dataCompression = compressionOf(data, "data.tar");
        found.attribute("dataCompression", dataCompression.label());
        data.requireComplete();

        if (!dataCompression.supported()) {
            found.attribute("incomplete", "compression " + dataCompression.label() + " not supported: "
                    + data.name() + " was not searched for a copyright file");
            return;
        }
        readLicense(file, data, dataCompression, packageName, found);
    }

    private static void checkFormatVersion(LocalFile file, ArArchive.Member member) {
        byte[] content = file.readExactly(member.offset(), (int) Math.min(member.size(), 16), "debian-binary");
        String version = new String(content, StandardCharsets.US_ASCII).strip();
        if (!version.startsWith("2.")) {
            throw Unreadable.unsupported("debian-binary says format '" + version.replaceAll("\\P{Print}", "?")
                    + "', expected 2.x");
        }
    }

    private static Compression compressionOf(ArArchive.Member member, String prefix) {
        String suffix = member.name().substring(prefix.length());
        for (Compression c : Compression.values()) {
            if (c.suffix().equals(suffix)) {
                return c;
            }
        }
        throw Unreadable.unsupported(member.name() + " has an unknown compression suffix '" + suffix + "'");
    }

    private Deb822.Paragraph readControl(LocalFile file, ArArchive.Member control, Compression compression) {
        try (InputStream raw = file.slice(control.offset(), control.size());
             InputStream in = new CappedInputStream(compression.open(raw, limits, control.name()),
                     limits.maxControlTarBytes(), control.name())) {
            TarReader tar = new TarReader(in, control.name(), limits.maxEntries());
            for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
                if (entry.isFile() && normalise(entry.name()).equals("control")) {
                    String text = new String(tar.readBody(limits.maxMetadataFileBytes(), "the control file"),
                            StandardCharsets.UTF_8);
                    List<Deb822.Paragraph> paragraphs = Deb822.parse(text);
                    if (paragraphs.isEmpty()) {
                        throw Unreadable.malformed("its control file has no fields");
                    }
                    return paragraphs.get(0);
                }
            }
        } catch (IOException e) {
            throw Unreadable.damaged(control.name(), e);
        }
        throw Unreadable.malformed(control.name() + " has no control file");
    }

    private void readLicense(LocalFile file, ArArchive.Member data, Compression compression, String packageName,
                             Findings found) {
        String wanted = "usr/share/doc/" + packageName + "/copyright";
        try (InputStream raw = file.slice(data.offset(), data.size());
             InputStream in = new CappedInputStream(compression.open(raw, limits, data.name()),
                     limits.maxScanBytes(), data.name())) {
            TarReader tar = new TarReader(in, data.name(), limits.maxEntries());
            for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
                if (entry.isFile() && normalise(entry.name()).equals(wanted)) {
                    byte[] body = tar.readBody(limits.maxMetadataFileBytes(), wanted);
                    describeCopyright(new String(body, StandardCharsets.UTF_8), found);
                    return;
                }
            }
            found.attribute("copyright", "absent: " + data.name() + " has no " + wanted);
        } catch (IOException e) {
            throw Unreadable.damaged(data.name(), e);
        } catch (Unreadable e) {
            if (e.kind() != Unreadable.Kind.TOO_LARGE) {
                throw e;
            }
            found.attribute("incomplete", e.getMessage() + ", so the copyright file was not found");
        }
    }

    /**
     * Takes the licence of the "Files: *" paragraph of a DEP-5 copyright file, or of its first
     * Files paragraph when none covers everything. Other licences named in the file are listed in
     * the "licenses" attribute. A free-form copyright file yields no licence.
     */
    static void describeCopyright(String text, Findings found) {
        List<Deb822.Paragraph> paragraphs = Deb822.parse(text);
        String format = paragraphs.isEmpty() ? null : paragraphs.get(0).get("Format");
        if (format == null || !(format.contains("copyright-format") || format.contains("dep5"))) {
            found.attribute("copyright", "not machine-readable (no DEP-5 Format field)");
            return;
        }
        found.attribute("copyright", "machine-readable (DEP-5)");
        Deb822.Paragraph main = null;
        boolean mainCoversAll = false;
        Set<String> all = new LinkedHashSet<>();
        for (Deb822.Paragraph p : paragraphs) {
            String files = p.get("Files");
            if (files == null) {
                continue;
            }
            String license = p.firstLine("License");
            if (license != null && !license.isEmpty()) {
                all.add(license);
            }
            boolean coversAll = List.of(files.strip().split("\\s+")).contains("*");
            if (main == null || (coversAll && !mainCoversAll)) {
                main = p;
                mainCoversAll = coversAll;
            }
        }
        if (main != null) {
            found.license(main.firstLine("License"));
        }
        if (all.size() > 1) {
            found.attribute("licenses", String.join("; ", all));
        }
    }

    private static String normalise(String tarName) {
        String name = tarName;
        while (name.startsWith("./") || name.startsWith("/")) {
            name = name.substring(name.charAt(0) == '.' ? 2 : 1);
        }
        return name;
    }
}
