package io.coffer.release;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * One change of a release's status.
 *
 * @param from the status before, null for the creation
 * @param to the status after
 * @param actor who made the change
 * @param at ISO-8601 UTC time of the change
 * @param note the reason, review or comment given with it, or null
 */
public record Transition(@JsonSerialize(using = IdSerializer.class) ReleaseStatus from,
        @JsonSerialize(using = IdSerializer.class) ReleaseStatus to, String actor, String at, String note) {}
