package io.coffer.release;

/**
 * One version of the release policy, as an admin wrote it.
 *
 * @param version 0 for the built-in default, then 1, 2, ...
 * @param format yaml or toml
 * @param text the policy text exactly as given
 * @param sha256 digest of the text in UTF-8, as recorded in the event log
 * @param createdBy who set it; {@code coffer} for the built-in default
 * @param createdAt ISO-8601 UTC time it was set; null for the built-in default
 * @param policy the policy the text says
 */
public record PolicyVersion(int version, String format, String text, String sha256, String createdBy,
        String createdAt, ReleasePolicy policy) {}
