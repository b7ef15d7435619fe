package io.coffer.inspect;

/**
 * The kinds of file the inspector recognises, by their content first and their name second.
 * {@link #OTHER} covers everything else, whose metadata can only be guessed from the file name.
 */
public enum MediaFormat {
    /** A Debian binary package (.deb, .udeb). */
    DEB("application/vnd.debian.binary-package", "debian", "Debian package"),
    /** An RPM package, binary or source. */
    RPM("application/x-rpm", "rpm", "RPM package"),
    /** A Java archive: .jar, .war or .ear, or a zip that carries a JAR manifest. */
    JAR("application/java-archive", "maven", "Java archive"),
    /** A Maven project object model (.pom, pom.xml). */
    POM("application/xml", "maven", "Maven POM"),
    /** A zip archive that is not a Java archive. */
    ZIP("application/zip", null, "zip archive"),
    /** A tar archive, plain or compressed with gzip, xz, bzip2 or zstd. */
    TAR("application/x-tar", null, "tar archive"),
    /** Any other file. */
    OTHER("application/octet-stream", null, "file");

    private final String mediaType;
    private final String suggestedScheme;
    private final String description;

    MediaFormat(String mediaType, String suggestedScheme, String description) {
        this.mediaType = mediaType;
        this.suggestedScheme = suggestedScheme;
        this.description = description;
    }

    /**
     * The IANA media type of the format, never null. For a compressed tar this names the archive
     * format; the compression is in the inspection's "compression" attribute.
     */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The name of the version scheme whose ordering this format's versions follow: "debian",
     * "rpm" or "maven"; null when the format implies none.
     */
    public String suggestedScheme() {
        return suggestedScheme;
    }

    /** A short English name for messages, e.g. "Debian package". */
    String description() {
        return description;
    }
}
