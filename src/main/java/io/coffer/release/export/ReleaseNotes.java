package io.coffer.release.export;

import io.coffer.release.Approval;
import io.coffer.release.ReleaseItem;
import io.coffer.release.ReleaseType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Release notes as a Markdown document (CommonMark with GitHub tables): the release's facts, its
 * approvals, its content, what changed since its predecessor, its notes and its back-out plan.
 * All text that people typed is escaped, so a title holding {@code <script>} or {@code |} shows as
 * typed and cannot add markup.
 */
public final class ReleaseNotes {

    /** The media type of the document. */
    public static final String MEDIA_TYPE = "text/markdown; charset=utf-8";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final Comparator<ReleaseItem> CONTENT_ORDER = Comparator.comparing(ReleaseItem::product)
            .thenComparing(ReleaseItem::version).thenComparing(ReleaseItem::fileName);

    private ReleaseNotes() {}

    /** The notes of a release that has no predecessor to compare with. */
    public static String markdown(ReleaseSnapshot release) {
        return markdown(release, null, null);
    }

    /**
     * The notes of a release, with a "Changes since" section when a predecessor is given.
     *
     * @param predecessorId the release the diff starts from, e.g. {@code REL-2027-0002}, or null
     * @param changes the diff from the predecessor's content to this release's, or null; given
     *     together with {@code predecessorId}
     * @return the document, lines ending with {@code \n}, ending with a line break
     * @throws IllegalArgumentException when only one of predecessorId and changes is given
     */
    public static String markdown(ReleaseSnapshot release, String predecessorId, ReleaseDiff changes) {
        Objects.requireNonNull(release, "release");
        if ((predecessorId == null) != (changes == null)) {
            throw new IllegalArgumentException("the predecessor's id and the diff to it go together; got "
                    + (predecessorId == null ? "a diff without an id" : "an id without a diff"));
        }
        StringBuilder md = new StringBuilder();
        md.append("# Release ").append(Markdown.inline(release.id()));
        if (release.title() != null && !release.title().isBlank()) {
            md.append(": ").append(Markdown.inline(release.title().strip()));
        }
        md.append("\n\n");
        review(md, release);
        facts(md, release);
        approvals(md, release.approvals());
        content(md, release.items());
        if (changes != null) {
            changes(md, predecessorId, changes);
        }
        text(md, "Notes", release.notes(), "No notes were written.");
        text(md, "Back-out plan", release.backOutPlan(), "No back-out plan was written.");
        return md.toString().stripTrailing() + "\n";
    }

    private static void review(StringBuilder md, ReleaseSnapshot release) {
        if (!release.reviewRequired()) {
            return;
        }
        md.append("> **Review required.** ");
        md.append(release.type() == ReleaseType.EMERGENCY
                ? "This emergency release may have bypassed the release policy (window or approvals) and is"
                        + " flagged for review after implementation."
                : "This release is flagged for review after implementation.");
        md.append("\n\n");
    }

    private static void facts(StringBuilder md, ReleaseSnapshot release) {
        md.append("| Field | Value |\n| --- | --- |\n");
        row(md, "Release", Markdown.inline(release.id()));
        row(md, "Type", release.type().id());
        row(md, "Status", release.status().id());
        row(md, "Window", window(release));
        row(md, "Owner", Markdown.cell(release.owner()));
        row(md, "Author", Markdown.cell(release.author()));
        md.append('\n');
    }

    private static String window(ReleaseSnapshot release) {
        if (!release.scheduled()) {
            return "not scheduled";
        }
        ZoneId zone = release.zone();
        return local(release.windowStart(), zone) + " to " + local(release.windowEnd(), zone) + ", "
                + Markdown.inline(zone.getId());
    }

    private static String local(Instant instant, ZoneId zone) {
        var time = instant.atZone(zone);
        return LOCAL.format(time) + " (UTC" + (time.getOffset().getTotalSeconds() == 0 ? "" : time.getOffset()) + ")";
    }

    private static void approvals(StringBuilder md, List<Approval> approvals) {
        md.append("## Approvals\n\n");
        if (approvals.isEmpty()) {
            md.append("No approvals are recorded.\n\n");
            return;
        }
        md.append("| Approver | Decision | At | Comment |\n| --- | --- | --- | --- |\n");
        for (Approval a : approvals) {
            row(md, Markdown.cell(a.approver()), Markdown.cell(a.decision()), Markdown.cell(a.at()),
                    Markdown.cell(a.comment()));
        }
        md.append('\n');
    }

    private static void content(StringBuilder md, List<ReleaseItem> items) {
        md.append("## Content\n\n");
        if (items.isEmpty()) {
            md.append("The release holds no media items.\n\n");
            return;
        }
        md.append("| Product | Version | File | Size (bytes) | SHA-256 | Licence |\n")
                .append("| --- | --- | --- | ---: | --- | --- |\n");
        for (ReleaseItem i : items.stream().sorted(CONTENT_ORDER).toList()) {
            row(md, Markdown.inline(i.product()), Markdown.inline(i.version()), Markdown.inline(i.fileName()),
                    String.format(Locale.ROOT, "%,d", i.size()), "`" + i.sha256() + "`", Markdown.cell(i.license()));
        }
        md.append('\n');
    }

    private static void changes(StringBuilder md, String predecessorId, ReleaseDiff diff) {
        md.append("## Changes since ").append(Markdown.inline(predecessorId)).append("\n\n");
        List<ReleaseDiff.Change> changed = diff.changed();
        if (changed.isEmpty()) {
            md.append("Nothing changed: the content is the same as in ").append(Markdown.inline(predecessorId))
                    .append(".\n\n");
            return;
        }
        md.append(summary(diff.counts())).append("\n\n");
        md.append("| Product | Change | From | To | Files |\n| --- | --- | --- | --- | --- |\n");
        for (ReleaseDiff.Change c : changed) {
            row(md, Markdown.inline(c.product()), c.kind().id(), versions(c.fromVersions()),
                    versions(c.toVersions()), files(c.files()));
        }
        md.append('\n');
    }

    private static String summary(Map<ReleaseDiff.Kind, Integer> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().id())
                .collect(Collectors.joining(", ", "", "."));
    }

    private static String versions(List<String> versions) {
        return versions.isEmpty() ? "-" : versions.stream().map(Markdown::inline).collect(Collectors.joining(", "));
    }

    private static String files(List<ReleaseDiff.FileChange> files) {
        return files.isEmpty() ? "-"
                : files.stream().map(f -> Markdown.inline(f.describe())).collect(Collectors.joining("; "));
    }

    private static void text(StringBuilder md, String heading, String text, String none) {
        md.append("## ").append(heading).append("\n\n");
        List<String> paragraphs = Markdown.paragraphs(text);
        if (paragraphs.isEmpty()) {
            md.append(none).append("\n\n");
        }
        paragraphs.forEach(p -> md.append(p).append("\n\n"));
    }

    private static void row(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
