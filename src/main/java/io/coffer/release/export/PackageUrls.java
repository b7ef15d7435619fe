package io.coffer.release.export;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.coffer.release.ReleaseItem;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package URL (purl) of a media item, where its file says which package world it belongs to:
 * Debian packages ({@code pkg:deb/debian/NAME@VERSION?arch=ARCH}, or {@code ubuntu} when the
 * version says so), RPM packages ({@code pkg:rpm/NAME@VERSION-RELEASE?arch=ARCH&epoch=E}, without
 * a vendor namespace, which an RPM file does not name) and Maven artifacts whose product is
 * {@code groupId:artifactId} ({@code pkg:maven/G/A@V}, with {@code type} and {@code classifier}
 * when the file name shows them). Anything else has no purl.
 */
final class PackageUrls {

    private static final Pattern DEB_FILE = Pattern.compile(".*_([a-z0-9-]+)\\.u?deb");
    private static final Pattern RPM_FILE = Pattern.compile(".*\\.([A-Za-z0-9_]+)\\.rpm");
    private static final Pattern MAVEN_PRODUCT = Pattern.compile("([^:/\\s]+):([^:/\\s]+)");
    private static final Pattern EPOCH = Pattern.compile("(\\d+):(.+)");

    private PackageUrls() {}

    /** What kind of package the file is, by its name. */
    enum Kind { DEB, RPM, MAVEN, OTHER }

    static Kind kind(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".deb") || name.endsWith(".udeb")) {
            return Kind.DEB;
        }
        if (name.endsWith(".rpm")) {
            return Kind.RPM;
        }
        if (name.endsWith(".jar") || name.endsWith(".war") || name.endsWith(".ear") || name.endsWith(".aar")
                || name.endsWith(".pom")) {
            return Kind.MAVEN;
        }
        return Kind.OTHER;
    }

    /** The purl of the item, or empty when none can be derived. */
    static Optional<String> of(ReleaseItem item) {
        try {
            return Optional.ofNullable(switch (kind(item.fileName())) {
                case DEB -> deb(item);
                case RPM -> rpm(item);
                case MAVEN -> maven(item);
                case OTHER -> null;
            });
        } catch (MalformedPackageURLException e) {
            // A name or version a purl cannot carry; the component is still listed, without a purl.
            return Optional.empty();
        }
    }

    private static String deb(ReleaseItem item) throws MalformedPackageURLException {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        Matcher arch = DEB_FILE.matcher(item.fileName());
        if (arch.matches()) {
            qualifiers.put("arch", arch.group(1));
        }
        String vendor = item.version().toLowerCase(Locale.ROOT).contains("ubuntu") ? "ubuntu" : "debian";
        return new PackageURL("deb", vendor, item.product(), item.version(), qualifiers, null).canonicalize();
    }

    private static String rpm(ReleaseItem item) throws MalformedPackageURLException {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        Matcher arch = RPM_FILE.matcher(item.fileName());
        if (arch.matches()) {
            qualifiers.put("arch", arch.group(1));
        }
        String version = item.version();
        Matcher epoch = EPOCH.matcher(version);
        if (epoch.matches()) {
            qualifiers.put("epoch", epoch.group(1));
            version = epoch.group(2);
        }
        return new PackageURL("rpm", null, item.product(), version, qualifiers, null).canonicalize();
    }

    private static String maven(ReleaseItem item) throws MalformedPackageURLException {
        Matcher ga = MAVEN_PRODUCT.matcher(item.product());
        if (!ga.matches()) {
            return null;
        }
        String artifact = ga.group(2);
        String file = item.fileName();
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        TreeMap<String, String> qualifiers = new TreeMap<>();
        if (!extension.equals("jar")) {
            qualifiers.put("type", extension);
        }
        String stem = artifact + "-" + item.version() + "-";
        if (file.startsWith(stem) && file.length() > stem.length() + extension.length() + 1) {
            qualifiers.put("classifier", file.substring(stem.length(), file.length() - extension.length() - 1));
        }
        return new PackageURL("maven", ga.group(1), artifact, item.version(), qualifiers, null).canonicalize();
    }
}
