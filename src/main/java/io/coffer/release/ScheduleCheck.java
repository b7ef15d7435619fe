package io.coffer.release;

/**
 * What the release policy says about a planned window for a release type: it fits, it breaks a rule
 * but the type (emergency) may skip it and is then flagged for review after the fact, or it is
 * refused.
 */
public sealed interface ScheduleCheck {

    /** The window fits every rule. */
    record Fits() implements ScheduleCheck {}

    /**
     * The window breaks a rule that an emergency may skip; the release is flagged for review.
     *
     * @param rule the rule skipped, e.g. {@code allowed-window} or {@code change-freeze}
     * @param detail what was skipped, with the values
     */
    record Skipped(String rule, String detail) implements ScheduleCheck {}

    /**
     * The window breaks a rule.
     *
     * @param rule the rule that failed
     * @param detail why, with the values
     */
    record Refused(String rule, String detail) implements ScheduleCheck {}
}
