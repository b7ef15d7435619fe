package io.coffer.release;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/**
 * A release: a set of media items pinned by digest, with what is needed to approve, schedule, carry
 * out and, if need be, back out the change. Everything the exports (release notes, SBOM, calendar,
 * diff) need is here.
 *
 * @param id e.g. {@code REL-2027-0003}: the year of creation (UTC) and a sequence number in that year
 * @param type major, minor or emergency
 * @param status where the release is in its life
 * @param owner who answers for the release; may differ from the author, who created it
 * @param window the planned window, or null while not planned
 * @param notes the release notes, free text, or null
 * @param backoutPlan how to undo the release, free text, or null
 * @param baseline the release whose content was copied into this one, or null
 * @param items the content, sorted by product, version and file name
 * @param evidence test evidence, sorted by name
 * @param approvals every approver's decision, in the order given
 * @param history every change of status, oldest first, starting with the creation
 * @param reviewRequired whether the release skipped a policy rule (an emergency outside the allowed
 *     windows or in a freeze) and needs review after the fact
 * @param reviewReason what was skipped, when {@code reviewRequired}
 * @param review the post-implementation review given when it was closed, or null
 * @param policyVersion the version of the release policy it was approved under, or null before
 * @param manifest where the signed manifest is, once approved; null before
 * @param createdAt ISO-8601 UTC
 * @param updatedAt ISO-8601 UTC time of the last change
 */
public record Release(String id, String title, @JsonSerialize(using = IdSerializer.class) ReleaseType type,
        @JsonSerialize(using = IdSerializer.class) ReleaseStatus status, String owner, String author,
        PlannedWindow window, String notes, String backoutPlan, String baseline, List<ReleaseItem> items,
        List<Evidence> evidence, List<Approval> approvals, List<Transition> history, boolean reviewRequired,
        String reviewReason, String review, Integer policyVersion, ManifestInfo manifest, String createdAt,
        String updatedAt) {

    public Release {
        items = List.copyOf(items);
        evidence = List.copyOf(evidence);
        approvals = List.copyOf(approvals);
        history = List.copyOf(history);
    }
}
