package io.coffer.release;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The steps of a release's life and the states each may start from:
 *
 * <pre>
 * submit     draft                                 -&gt; submitted
 * approve    submitted                             -&gt; approved (once enough approvals are in)
 * reject     submitted                             -&gt; rejected
 * schedule   approved, scheduled (to move it)      -&gt; scheduled
 * deploy     scheduled                             -&gt; deployed
 * close      deployed                              -&gt; closed
 * cancel     draft, submitted, approved, scheduled -&gt; cancelled
 * roll back  deployed                              -&gt; rolled-back
 * </pre>
 *
 * <p>Changing a release's content or details is a step too, allowed only in draft.
 */
enum Step {
    CHANGE("change", ReleaseStatus.DRAFT),
    SUBMIT("submit", ReleaseStatus.DRAFT),
    APPROVE("approve", ReleaseStatus.SUBMITTED),
    REJECT("reject", ReleaseStatus.SUBMITTED),
    SCHEDULE("schedule", ReleaseStatus.APPROVED, ReleaseStatus.SCHEDULED),
    DEPLOY("deploy", ReleaseStatus.SCHEDULED),
    CLOSE("close", ReleaseStatus.DEPLOYED),
    CANCEL("cancel", ReleaseStatus.DRAFT, ReleaseStatus.SUBMITTED, ReleaseStatus.APPROVED, ReleaseStatus.SCHEDULED),
    ROLL_BACK("roll back", ReleaseStatus.DEPLOYED);

    private final String verb;
    private final Set<ReleaseStatus> from;

    Step(String verb, ReleaseStatus first, ReleaseStatus... more) {
        this.verb = verb;
        this.from = EnumSet.of(first, more);
    }

    /**
     * Throws unless a release in {@code status} may take this step.
     *
     * @throws ReleaseRuleException naming the rule {@code draft-only} for changes, else {@code lifecycle}
     */
    void check(String release, ReleaseStatus status) {
        if (from.contains(status)) {
            return;
        }
        if (this == CHANGE) {
            throw new ReleaseRuleException("draft-only", release + " is " + status.id() + "; its content and "
                    + "details can change only while it is a draft");
        }
        String allowed = from.stream().map(ReleaseStatus::id).collect(Collectors.joining(" or "));
        throw new ReleaseRuleException("lifecycle", release + " is " + status.id() + "; a release can " + verb
                + " only from " + allowed);
    }
}
