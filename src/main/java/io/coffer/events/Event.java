package io.coffer.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of the event log: what changed, who changed it and when.
 *
 * @param seq position in the log, starting at 1, without gaps
 * @param at ISO-8601 UTC time of the change
 * @param actor the principal that made the change
 * @param action what was done, e.g. {@code media.pushed}, {@code version.withdrawn}
 * @param subject what it was done to, e.g. {@code product/nginx/1.24.0}
 * @param details further facts (before/after values), as JSON
 * @param prevHash hash of the event before, or 64 zeros for the first
 * @param hash SHA-256 over this event's content and {@code prevHash}
 */
public record Event(long seq, String at, String actor, String action, String subject, JsonNode details,
        String prevHash, String hash) {}
