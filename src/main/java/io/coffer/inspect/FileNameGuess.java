package io.coffer.inspect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file name suggests about its content. Debian names ({@code name_version_arch.deb}) and
 * RPM names ({@code name-version-release.arch.rpm}) follow fixed patterns; anything else is split
 * at '-', '_' and spaces, the first token that looks like a version ends the product name, and an
 * architecture token after it is taken too. Setup and installer words are dropped from the
 * product name. A name without a version token gives the product alone.
 *
 * @param product the product name suggested, or null
 * @param version the version suggested, or null
 * @param architecture the architecture suggested, or null
 */
record FileNameGuess(String product, String version, String architecture) {

    /** Longest first, so that ".tar.gz" is removed whole rather than as ".gz". */
    private static final List<String> EXTENSIONS = List.of(
            ".tar.gz", ".tar.xz", ".tar.bz2", ".tar.zst", ".tar.lzma", ".tar.lz", ".tar.z",
            ".appimage", ".nupkg", ".tbz2", ".msix", ".lzma", ".tzst", ".udeb", ".ddeb",
            ".tgz", ".txz", ".tbz", ".tar", ".zip", ".jar", ".war", ".ear", ".aar", ".deb", ".rpm", ".pom",
            ".exe", ".msi", ".dmg", ".pkg", ".iso", ".img", ".bz2", ".zst", ".whl", ".gem", ".apk", ".run",
            ".bin", ".gz", ".xz", ".7z", ".sh");

    private static final Pattern DEBIAN = Pattern.compile("([a-z0-9][a-z0-9+.-]*)_([^_]+)_([a-z0-9-]+)");
    private static final Pattern RPM = Pattern.compile("(.+)-([^-]+)-([^-]+)\\.([A-Za-z0-9_]+)");
    private static final Pattern VERSION = Pattern.compile("[vV]?\\d+(\\.\\d+)*([a-zA-Z]+\\d*)?(\\.[0-9A-Za-z]+)*");
    private static final Pattern NOT_VERSION = Pattern.compile("\\d+(bit|x\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUALIFIER = Pattern.compile(
            "(?i)snapshot|final|ga|release|alpha\\d*|beta\\d*|rc\\d*|m\\d+|milestone\\d*|pre\\d*|preview\\d*"
                    + "|dev\\d*|b\\d+|\\d+");
    // x86_64 holds the underscore that otherwise separates tokens.
    private static final Pattern TOKEN = Pattern.compile("(?i)x86_64|[^-_ ]+");
    private static final Set<String> ARCHITECTURES = Set.of(
            "x64", "x86", "amd64", "x86_64", "i386", "i486", "i586", "i686", "arm64", "aarch64", "armhf", "armel",
            "armv7l", "armv7hl", "ppc64le", "ppc64el", "s390x", "riscv64", "noarch", "universal");
    private static final Set<String> NOISE = Set.of("setup", "install", "installer");

    /** The guess for {@code fileName}; a path is reduced to its last element first. */
    static FileNameGuess of(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        String extension = "";
        for (String e : EXTENSIONS) {
            if (lower.endsWith(e) && lower.length() > e.length()) {
                extension = e;
                break;
            }
        }
        String stem = name.substring(0, name.length() - extension.length());
        if (extension.equals(".deb") || extension.equals(".udeb") || extension.equals(".ddeb")) {
            Matcher m = DEBIAN.matcher(stem);
            if (m.matches()) {
                // apt writes the epoch colon as %3a in file names.
                return new FileNameGuess(m.group(1), decode(m.group(2)), m.group(3));
            }
        }
        if (extension.equals(".rpm")) {
            Matcher m = RPM.matcher(stem);
            if (m.matches()) {
                return new FileNameGuess(m.group(1), m.group(2) + "-" + m.group(3), m.group(4));
            }
        }
        return generic(stem);
    }

    private static FileNameGuess generic(String stem) {
        List<String> tokens = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        Matcher t = TOKEN.matcher(stem);
        while (t.find()) {
            tokens.add(t.group());
            starts.add(t.start());
        }
        int first = 0;
        while (first < tokens.size() - 1 && NOISE.contains(tokens.get(first).toLowerCase(Locale.ROOT))) {
            first++;
        }
        int versionAt = -1;
        for (int i = first + 1; i < tokens.size() && versionAt < 0; i++) {
            if (isVersion(tokens.get(i))) {
                versionAt = i;
            }
        }
        String architecture = null;
        for (int i = Math.max(versionAt, first); i < tokens.size() && architecture == null; i++) {
            if (ARCHITECTURES.contains(tokens.get(i).toLowerCase(Locale.ROOT))) {
                architecture = tokens.get(i);
            }
        }
        if (versionAt < 0) {
            String product = tokens.isEmpty() ? null : stem.substring(starts.get(first)).strip();
            return new FileNameGuess(product == null || product.isEmpty() ? null : product, null, architecture);
        }
        int productEnd = starts.get(versionAt - 1) + tokens.get(versionAt - 1).length();
        String product = stem.substring(starts.get(first), productEnd);
        String token = tokens.get(versionAt);
        StringBuilder version = new StringBuilder(token.charAt(0) == 'v' || token.charAt(0) == 'V'
                ? token.substring(1) : token);
        for (int i = versionAt + 1; i < tokens.size(); i++) {
            int start = starts.get(i);
            if (stem.charAt(start - 1) != '-' || !QUALIFIER.matcher(tokens.get(i)).matches()) {
                break;
            }
            version.append('-').append(tokens.get(i));
        }
        return new FileNameGuess(product, version.toString(), architecture);
    }

    private static boolean isVersion(String token) {
        return VERSION.matcher(token).matches() && !NOT_VERSION.matcher(token).matches();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
