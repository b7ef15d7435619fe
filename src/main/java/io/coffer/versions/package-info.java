/**
 * Version schemes: which strings are versions of a product, and in which order they rank.
 *
 * <p>The public face is {@link io.coffer.versions.VersionScheme}, one constant per scheme, and
 * {@link io.coffer.versions.InvalidVersionException}. Each scheme's rules live in a
 * package-private class: SemVer, Debian, RPM and calendar versions are parsed and compared here,
 * Maven versions by Maven's own {@code ComparableVersion}. The Debian and RPM orderings are tested
 * against the real {@code dpkg} and {@code rpm}, so a difference from those tools is a bug here.
 *
 * <p>Orderings are total over all strings, not only fitting ones, because the catalogue may hold
 * versions recorded before a rule was tightened, and a sort must not fail or depend on the order
 * rows arrive in.
 */
package io.coffer.versions;
