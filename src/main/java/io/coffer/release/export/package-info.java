/**
 * What a release looks like outside Coffer: release notes (Markdown), a CycloneDX SBOM, the
 * release calendar (iCalendar), the diff between two releases' content, and the offline check of
 * a signed manifest.
 *
 * <p>Everything here is a pure function of its input: a {@link io.coffer.release.export.ReleaseSnapshot}
 * built by the caller, lists of {@link io.coffer.release.ReleaseItem}, an {@code Instant} for
 * "now". Nothing reads the catalog, the clock or the network, so the same input always gives the
 * same bytes, and the exports can be tested against real parsers (CommonMark, the CycloneDX
 * library, an iCalendar library) without a server.
 *
 * <p>User text (titles, notes, names, licences) can hold anything. Each format escapes it by its
 * own rules: Markdown with backslashes, so it renders as typed; iCalendar as RFC 5545 TEXT; JSON by
 * the JSON writer. Messages about bad input quote the offending value on one line.
 */
package io.coffer.release.export;
