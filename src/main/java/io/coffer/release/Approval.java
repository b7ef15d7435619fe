package io.coffer.release;

/**
 * A decision of an approver (a change advisory board member) on a submitted release.
 *
 * @param decision {@code approved} or {@code rejected}
 * @param at ISO-8601 UTC time of the decision
 */
public record Approval(String approver, String decision, String comment, String at) {}
