package io.coffer.inspect;

/**
 * How far the inspector goes into one file. Every read of uploaded content is bounded by one of
 * these, so a hostile upload costs at most a known amount of memory and time. {@link #DEFAULT}
 * is what the server uses; tests pass tighter ones to reach the limits with small fixtures.
 *
 * @param maxMetadataFileBytes largest single metadata file read into memory: a Debian control or
 *     copyright file, a MANIFEST.MF, a pom.xml or pom.properties
 * @param maxControlTarBytes most bytes decompressed from a Debian control.tar while looking for
 *     its control file
 * @param maxScanBytes most bytes decompressed while scanning a Debian data.tar for its copyright
 *     file or a tar archive for its entry count
 * @param maxEntries most entries walked in a tar or zip archive
 * @param maxCentralDirectoryBytes largest zip central directory walked
 * @param maxRpmIndexEntries most index entries in one RPM header
 * @param maxRpmStoreBytes largest data store of one RPM header
 * @param maxRpmStringBytes longest single string read from an RPM header
 * @param maxXzMemoryKiB memory the xz and lzma decoders may allocate, in KiB
 * @param maxFieldChars longest value kept for one field of an {@link Inspection}
 */
record Limits(
        int maxMetadataFileBytes,
        long maxControlTarBytes,
        long maxScanBytes,
        int maxEntries,
        long maxCentralDirectoryBytes,
        int maxRpmIndexEntries,
        long maxRpmStoreBytes,
        int maxRpmStringBytes,
        int maxXzMemoryKiB,
        int maxFieldChars) {

    private static final int MIB = 1024 * 1024;

    /**
     * Real control files, manifests and pom.properties are a few KiB; the largest POMs on Maven
     * Central (big BOMs) and the largest Debian copyright files are a few hundred KiB. 4 MiB
     * leaves room for all of them while keeping one file's cost small.
     */
    static final int MAX_METADATA_FILE_BYTES = 4 * MIB;

    /** A control.tar holds the control file plus md5sums and scripts; md5sums of huge packages reach a few MiB. */
    static final long MAX_CONTROL_TAR_BYTES = 64L * MIB;

    /** At xz's speed of roughly 100 MiB/s this keeps the optional scans to a few seconds of one core. */
    static final long MAX_SCAN_BYTES = 512L * MIB;

    /**
     * The largest real jars (fat jars of big applications) have some tens of thousands of
     * entries; walking is cheap, but the count also bounds the work of a crafted archive.
     */
    static final int MAX_ENTRIES = 200_000;

    /** A central directory entry costs 46 bytes plus its name; 32 MiB covers 200,000 long names. */
    static final long MAX_CENTRAL_DIRECTORY_BYTES = 32L * MIB;

    /** The rpm tool itself refuses headers with 65,536 or more index entries. */
    static final int MAX_RPM_INDEX_ENTRIES = 65_535;

    /** The rpm tool itself refuses header stores of 256 MiB or more; only the wanted values are read. */
    static final long MAX_RPM_STORE_BYTES = 256L * MIB - 1;

    /** A name, version, licence or summary longer than this is not catalogue metadata. */
    static final int MAX_RPM_STRING_BYTES = 64 * 1024;

    /**
     * {@code xz -9} needs a 64 MiB dictionary; a crafted header can ask for up to 4 GiB, which the
     * decoder would otherwise allocate before reading a byte of data.
     */
    static final int MAX_XZ_MEMORY_KIB = 128 * 1024;

    /** Catalogue fields are one line of text; a description is a synopsis, not a document. */
    static final int MAX_FIELD_CHARS = 4096;

    /** The limits the server uses. */
    static final Limits DEFAULT = new Limits(MAX_METADATA_FILE_BYTES, MAX_CONTROL_TAR_BYTES,
            MAX_SCAN_BYTES, MAX_ENTRIES, MAX_CENTRAL_DIRECTORY_BYTES, MAX_RPM_INDEX_ENTRIES,
            MAX_RPM_STORE_BYTES, MAX_RPM_STRING_BYTES, MAX_XZ_MEMORY_KIB, MAX_FIELD_CHARS);
}
