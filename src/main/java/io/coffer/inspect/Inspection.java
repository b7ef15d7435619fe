package io.coffer.inspect;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What inspection found in one file. The string fields are null when the value was not found.
 * Values the file did not hold but its name suggested are filled in too, and the attribute
 * {@code guessedFromFileName} then lists which fields came from the name, e.g. "product,version".
 *
 * @param format the recognised format; never null
 * @param product the product name, e.g. a Debian package name or "groupId:artifactId"
 * @param version the version in the format's own syntax, e.g. "1:2.66-4" for Debian or RPM
 * @param supplier who supplies it: maintainer, vendor or organisation
 * @param license the licence as the file states it, e.g. "GPL-2" or "MIT"
 * @param description a one-line summary
 * @param architecture the machine architecture, e.g. "amd64", "noarch", "all"
 * @param attributes further facts by name, sorted by name; never null, unmodifiable
 * @param problem null when the file read cleanly; otherwise a one-line reason naming the file,
 *     given when the file claimed a format by its name or first bytes but could not be read as one
 */
public record Inspection(MediaFormat format, String product, String version, String supplier,
                         String license, String description, String architecture,
                         Map<String, String> attributes, String problem) {

    /** Checks the format and copies the attributes into an unmodifiable map sorted by name. */
    public Inspection {
        Objects.requireNonNull(format, "format");
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** Whether the file was read without a problem. */
    public boolean readable() {
        return problem == null;
    }
}
