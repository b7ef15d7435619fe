package io.coffer.inspect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Reads zip archives: counts entries and their declared uncompressed size for any zip, and for a
 * Java archive also reads META-INF/MANIFEST.MF and the pom.xml and pom.properties that Maven
 * embeds under META-INF/maven/GROUP/ARTIFACT/. Only those few entries are decompressed, each capped
 * at {@link Limits#maxMetadataFileBytes()}, so a zip bomb costs no more than a small jar.
 *
 * <p>A shaded jar embeds the POMs of everything it bundles. When there is more than one, the POM
 * whose artifactId starts the file name is taken, else the one matching Implementation-Title; with
 * no match none is, the "embeddedPoms" attribute gives their number and the manifest has to do.
 */
final class ZipReader {

    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final String MAVEN_DIR = "META-INF/maven/";

    /** Shaded jars carry one POM per bundled library; a few thousand is already absurd. */
    private static final int MAX_EMBEDDED_POMS = 4096;

    private final Limits limits;

    ZipReader(Limits limits) {
        this.limits = limits;
    }

    /** The pom.xml and pom.properties found for one GROUP/ARTIFACT directory. */
    private static final class Embedded {
        ZipDirectory.Entry xml;
        ZipDirectory.Entry properties;
    }

    /**
     * Reads the archive and says whether it turned out to be a Java archive: it is when
     * {@code javaByName} or when it carries a manifest and its name does not end in ".zip".
     */
    MediaFormat read(LocalFile file, String fileName, boolean javaByName, Findings found) {
        ZipDirectory directory = ZipDirectory.locate(file, limits);
        Census census = new Census();
        int entries = directory.walk(census);
        found.attribute("entries", Integer.toString(entries));
        found.attribute("totalSize", Long.toString(census.totalSize));
        boolean javaArchive = javaByName
                || (census.manifest != null && !fileName.toLowerCase(Locale.ROOT).endsWith(".zip"));
        if (!javaArchive) {
            return MediaFormat.ZIP;
        }

        Attributes main = census.manifest == null ? new Attributes() : readManifest(directory, census.manifest);
        Map<String, Embedded> poms = census.poms;
        Embedded chosen = choose(poms, fileName, main.getValue("Implementation-Title"));
        if (chosen == null && !poms.isEmpty()) {
            found.attribute("embeddedPoms", Integer.toString(poms.size()));
        }
        PomReader.Pom pom = null;
        if (chosen != null && chosen.properties != null) {
            Properties coordinates = properties(directory, chosen.properties);
            String groupId = coordinates.getProperty("groupId");
            String artifactId = coordinates.getProperty("artifactId");
            if (groupId != null && artifactId != null) {
                found.product(groupId.strip() + ":" + artifactId.strip());
            }
            found.version(coordinates.getProperty("version"));
        }
        if (chosen != null && chosen.xml != null) {
            pom = PomReader.parse(bytes(directory, chosen.xml), chosen.xml.name());
            PomReader.offer(pom, found);
        }
        found.product(symbolicName(main.getValue("Bundle-SymbolicName")));
        found.product(main.getValue("Implementation-Title"));
        found.product(main.getValue("Automatic-Module-Name"));
        found.version(main.getValue("Implementation-Version"));
        found.version(main.getValue("Bundle-Version"));
        found.supplier(main.getValue("Implementation-Vendor"));
        found.supplier(main.getValue("Bundle-Vendor"));
        if (pom != null) {
            PomReader.offerDevelopers(pom, found);
        }
        found.license(firstClause(main.getValue("Bundle-License")));
        found.description(main.getValue("Bundle-Description"));
        found.description(main.getValue("Bundle-Name"));
        found.attribute("moduleName", main.getValue("Automatic-Module-Name"));
        found.attribute("mainClass", main.getValue("Main-Class"));
        found.attribute("bundleSymbolicName", symbolicName(main.getValue("Bundle-SymbolicName")));
        return MediaFormat.JAR;
    }

    /** What one walk of the directory keeps: the manifest, the embedded POMs and the total size. */
    private static final class Census implements Consumer<ZipDirectory.Entry> {
        final Map<String, Embedded> poms = new TreeMap<>();
        ZipDirectory.Entry manifest;
        long totalSize;

        @Override
        public void accept(ZipDirectory.Entry entry) {
            long sum = totalSize + entry.size();
            totalSize = sum < 0 ? Long.MAX_VALUE : sum;
            if (entry.name().equalsIgnoreCase(MANIFEST)) {
                manifest = manifest == null ? entry : manifest;
            } else if (entry.name().startsWith(MAVEN_DIR)) {
                notePom(entry);
            }
        }

        private void notePom(ZipDirectory.Entry entry) {
            String[] parts = entry.name().substring(MAVEN_DIR.length()).split("/", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                return;
            }
            boolean xml = parts[2].equals("pom.xml");
            if (!xml && !parts[2].equals("pom.properties")) {
                return;
            }
            String key = parts[0] + "/" + parts[1];
            if (!poms.containsKey(key) && poms.size() >= MAX_EMBEDDED_POMS) {
                throw Unreadable.tooLarge("it embeds more than " + MAX_EMBEDDED_POMS + " Maven POMs");
            }
            Embedded embedded = poms.computeIfAbsent(key, k -> new Embedded());
            if (xml) {
                embedded.xml = embedded.xml == null ? entry : embedded.xml;
            } else {
                embedded.properties = embedded.properties == null ? entry : embedded.properties;
            }
        }
    }

    private static Embedded choose(Map<String, Embedded> poms, String fileName, String title) {
        if (poms.size() == 1) {
            return poms.values().iterator().next();
        }
        String stem = fileName.toLowerCase(Locale.ROOT);
        Embedded best = null;
        int bestLength = 0;
        for (Map.Entry<String, Embedded> e : poms.entrySet()) {
            String artifactId = e.getKey().substring(e.getKey().indexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (stem.startsWith(artifactId) && artifactId.length() > bestLength) {
                best = e.getValue();
                bestLength = artifactId.length();
            }
        }
        if (best == null && title != null) {
            for (Map.Entry<String, Embedded> e : poms.entrySet()) {
                if (e.getKey().endsWith("/" + title.strip())) {
                    return e.getValue();
                }
            }
        }
        return best;
    }

    private Attributes readManifest(ZipDirectory directory, ZipDirectory.Entry entry) {
        byte[] content = bytes(directory, entry);
        try {
            return new Manifest(new ByteArrayInputStream(content)).getMainAttributes();
        } catch (IOException | IllegalArgumentException e) {
            // java.util.jar reports a malformed manifest this way; the bytes are already in memory.
            throw Unreadable.damaged(MANIFEST, e);
        }
    }

    private byte[] bytes(ZipDirectory directory, ZipDirectory.Entry entry) {
        try (InputStream in = directory.open(entry, limits.maxMetadataFileBytes())) {
            return in.readAllBytes();
        } catch (IOException e) {
            // The inflater's complaints about bad data; failures of the file itself are not IOExceptions here.
            throw Unreadable.damaged(entry.name(), e);
        }
    }

    private Properties properties(ZipDirectory directory, ZipDirectory.Entry entry) {
        Properties properties = new Properties();
        try {
            properties.load(new ByteArrayInputStream(bytes(directory, entry)));
        } catch (IOException | IllegalArgumentException e) {
            // Properties rejects a malformed unicode escape this way; the bytes are already in memory.
            throw Unreadable.damaged(entry.name(), e);
        }
        return properties;
    }

    private static String symbolicName(String value) {
        return value == null ? null : value.split(";", 2)[0];
    }

    private static String firstClause(String value) {
        if (value == null) {
            return null;
        }
        String clause = value.split(";", 2)[0].strip();
        return clause.length() >= 2 && clause.startsWith("\"") && clause.endsWith("\"")
                ? clause.substring(1, clause.length() - 1) : clause;
    }
}
