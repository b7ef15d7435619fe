package io.coffer.inspect;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the readers have found in one file so far. The first value offered for a field wins, so a
 * reader offers its sources in order of trust and a later, weaker source only fills gaps. Values
 * are cleaned on the way in: control characters become spaces, runs of white space collapse, and
 * blank values count as absent.
 */
final class Findings {

    private final int maxChars;
    private String product;
    private String version;
    private String supplier;
    private String license;
    private String description;
    private String architecture;
    private final Map<String, String> attributes = new TreeMap<>();

    Findings(int maxChars) {
        this.maxChars = maxChars;
    }

    void product(String value) {
        product = product != null ? product : clean(value);
    }

    void version(String value) {
        version = version != null ? version : clean(value);
    }

    void supplier(String value) {
        supplier = supplier != null ? supplier : clean(value);
    }

    void license(String value) {
        license = license != null ? license : clean(value);
    }

    void description(String value) {
        description = description != null ? description : clean(value);
    }

    void architecture(String value) {
        architecture = architecture != null ? architecture : clean(value);
    }

    /** Adds an attribute unless one of that name is already there or the value is blank. */
    void attribute(String name, String value) {
        String cleaned = clean(value);
        if (cleaned != null) {
            attributes.putIfAbsent(name, cleaned);
        }
    }

    boolean hasProduct() {
        return product != null;
    }

    boolean hasVersion() {
        return version != null;
    }

    boolean hasArchitecture() {
        return architecture != null;
    }

    Inspection toInspection(MediaFormat format, String problem) {
        return new Inspection(format, product, version, supplier, license, description, architecture,
                attributes, problem);
    }

    private String clean(String value) {
        if (value == null) {
            return null;
        }
        String cleaned = value.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (cleaned.isEmpty()) {
            return null;
        }
        if (cleaned.length() <= maxChars) {
            return cleaned;
        }
        int cut = maxChars - 1;
        if (Character.isHighSurrogate(cleaned.charAt(cut - 1))) {
            cut--;
        }
        return cleaned.substring(0, cut) + "…";
    }
}
