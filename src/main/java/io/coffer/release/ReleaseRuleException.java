package io.coffer.release;

import io.coffer.CofferException;
import io.coffer.Failure;

/**
 * A step of the release programme that a rule forbids: the release's state, the policy or who is
 * asking. A conflict (HTTP 409); nothing was changed. {@link #rule()} names the rule, and the
 * message starts with it.
 */
public final class ReleaseRuleException extends CofferException {

    private final String rule;

    public ReleaseRuleException(String rule, String detail) {
        super(Failure.CONFLICT, "refused by rule '" + rule + "': " + detail);
        this.rule = rule;
    }

    /** The rule that failed, a stable slug such as {@code lifecycle} or {@code no-self-approval}. */
    public String rule() {
        return rule;
    }

    @Override
    public String type() {
        return "release-rule";
    }
}
