package io.coffer.library;

/**
 * How a version of an in-house product was built, as given with a push or read from a provenance
 * statement. Any field may be null when not known.
 *
 * @param sourceRepository where the sources came from, e.g. {@code https://git.example.org/acme/tool}
 * @param revision the source revision built, e.g. a commit hash or tag
 * @param builder who or what built it: a CI system's id, a host, a person
 * @param buildCommand what was run, e.g. {@code mvn -B verify} or an SLSA build type with its parameters
 * @param environment what it ran in, e.g. {@code Debian 12, Temurin 21.0.4}
 */
public record BuildInfo(String sourceRepository, String revision, String builder, String buildCommand,
        String environment) {

    /** No build information at all. */
    public static final BuildInfo NONE = new BuildInfo(null, null, null, null, null);

    /** Whether no field is given. */
    public boolean isEmpty() {
        return sourceRepository == null && revision == null && builder == null && buildCommand == null
                && environment == null;
    }
}
