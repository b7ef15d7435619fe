package io.coffer.release.export;

import static io.coffer.release.export.Fixtures.item;
import static io.coffer.release.export.Fixtures.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.release.Approval;
import io.coffer.release.ReleaseItem;
import io.coffer.release.ReleaseStatus;
import io.coffer.release.ReleaseType;
import io.coffer.versions.VersionScheme;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Document;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

class ReleaseNotesTest {

    private static final List<org.commonmark.Extension> GFM = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(GFM).build();

    private static final String HOSTILE = "Fix | pipes <script>alert(1)</script> `rm -rf /` *bold* _it_"
            + " [x](http://e.invalid) &amp; $x$ ~~gone~~\n# not a heading\r\n- not a list";

    /** The text a reader sees in a node: literal text, code, and a newline for each line break. */
    private static String text(Node node) {
        StringBuilder b = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                b.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                b.append(code.getLiteral());
            }

            @Override
            public void visit(HardLineBreak br) {
                b.append('\n');
            }

            @Override
            public void visit(SoftLineBreak br) {
                b.append('\n');
            }
        });
        return b.toString();
    }

    private static List<Node> all(Node root) {
        List<Node> nodes = new ArrayList<>();
        collect(root, nodes);
        return nodes;
    }

    private static void collect(Node node, List<Node> into) {
        into.add(node);
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, into);
        }
    }

    private static List<List<String>> rows(TableBlock table) {
        List<List<String>> rows = new ArrayList<>();
        for (Node n : all(table)) {
            if (n instanceof TableRow row) {
                List<String> cells = new ArrayList<>();
                for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
                    cells.add(text((TableCell) c));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The blocks after the level-2 heading with this text, up to the next level-2 heading. */
    private static List<Node> section(Document doc, String heading) {
        List<Node> blocks = new ArrayList<>();
        boolean in = false;
        for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h && h.getLevel() == 2) {
                in = text(h).equals(heading);
                continue;
            }
            if (in) {
                blocks.add(n);
            }
        }
        assertThat(in || !blocks.isEmpty()).as("section %s", heading).isTrue();
        return blocks;
    }

    private static TableBlock table(List<Node> blocks) {
        return blocks.stream().filter(TableBlock.class::isInstance).map(TableBlock.class::cast).findFirst()
                .orElseThrow();
    }

    private static ReleaseSnapshot withText(String title, String notes, List<ReleaseItem> items) {
        ReleaseSnapshot r = release("REL-2027-0003", title, items);
        return new ReleaseSnapshot(r.id(), r.title(), r.type(), r.status(), r.owner(), r.author(), r.windowStart(),
                r.windowEnd(), r.windowZone(), notes, notes, r.reviewRequired(), r.items(), r.approvals());
    }

    @Test
    void aReleaseGivesTheseNotesExactly() {
        ReleaseItem openssl = item("openssl", "3.0.13-1~deb12u1", "openssl_3.0.13-1~deb12u1_amd64.deb", "new");
        ReleaseItem app = item("org.acme:app", "2.1.0", "app-2.1.0.jar", "app");
        ReleaseSnapshot before = release("REL-2027-0002", "Previous",
                List.of(item("openssl", "3.0.11-1~deb12u2", "openssl_3.0.11-1~deb12u2_amd64.deb", "old"), app));
        ReleaseSnapshot release = release("REL-2027-0003", "Quarterly patches", List.of(openssl, app));
        ReleaseDiff diff = ReleaseDiff.between(before.items(), release.items(), p -> VersionScheme.DEBIAN);

        String md = ReleaseNotes.markdown(release, before.id(), diff);

        assertThat(md).isEqualTo("""
                # Release REL-2027-0003: Quarterly patches

                | Field | Value |
                | --- | --- |
                | Release | REL-2027-0003 |
                | Type | minor |
                | Status | scheduled |
                | Window | 2027-03-01 22:00 (UTC+01:00) to 2027-03-02 02:00 (UTC+01:00), Europe/Berlin |
                | Owner | olivia |
                | Author | arthur |

                ## Approvals

                | Approver | Decision | At | Comment |
                | --- | --- | --- | --- |
                | cab-anna | approved | 2027-02-20T10:00:00Z | fine |

                ## Content

                | Product | Version | File | Size (bytes) | SHA-256 | Licence |
                | --- | --- | --- | ---: | --- | --- |
                | openssl | 3.0.13-1\\~deb12u1 | openssl\\_3.0.13-1\\~deb12u1\\_amd64.deb | 3 | `%s` | MIT |
                | org.acme:app | 2.1.0 | app-2.1.0.jar | 3 | `%s` | MIT |

                ## Changes since REL-2027-0002

                1 upgraded, 1 unchanged.

                | Product | Change | From | To | Files |
                | --- | --- | --- | --- | --- |
                | openssl | upgraded | 3.0.11-1\\~deb12u2 | 3.0.13-1\\~deb12u1 | - |

                ## Notes

                Routine patches.

                ## Back-out plan

                Reinstall the previous release.
                """.formatted(openssl.sha256(), app.sha256()));
    }

    @Test
    void hostileTextIsShownAsTypedAndAddsNoMarkup() {
        ReleaseItem item = new ReleaseItem("evil|product", "1.0<b>", "a|b`c.bin", 1, Fixtures.sha256("x"),
                "<img src=x onerror=alert(1)>", null);
        Document doc = (Document) PARSER.parse(ReleaseNotes.markdown(withText(HOSTILE, HOSTILE, List.of(item))));

        Heading title = (Heading) doc.getFirstChild();
        List<List<String>> content = rows(table(section(doc, "Content")));
        List<Node> notes = section(doc, "Notes");
        String html = HtmlRenderer.builder().extensions(GFM).build().render(doc);

        assertThat(text(title)).isEqualTo("Release REL-2027-0003: " + HOSTILE.replace("\r\n", " ").replace('\n', ' '));
        assertThat(content).containsExactly(
                List.of("Product", "Version", "File", "Size (bytes)", "SHA-256", "Licence"),
                List.of("evil|product", "1.0<b>", "a|b`c.bin", "1", Fixtures.sha256("x"),
                        "<img src=x onerror=alert(1)>"));
        assertThat(notes).hasSize(1).first().isInstanceOf(Paragraph.class);
        assertThat(text(notes.getFirst())).isEqualTo(HOSTILE.replace("\r\n", "\n"));
        assertThat(all(doc)).noneMatch(n -> n instanceof HtmlInline || n instanceof HtmlBlock || n instanceof Link
                || n instanceof Emphasis || n instanceof StrongEmphasis || n instanceof FencedCodeBlock
                || n instanceof IndentedCodeBlock || n instanceof BulletList || n instanceof OrderedList
                || n instanceof ThematicBreak);
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void linesOfNotesThatLookLikeMarkupStayPlainLinesOfOneParagraph() {
        String notes = "  indented like code\n1. not a list\n2) nor this\n+ nor this\n===\n---\n> not a quote\n"
                + "```\nnot a fence\n| a | b |\n| --- | --- |\nlast line\\";
        Document doc = (Document) PARSER.parse(ReleaseNotes.markdown(withText("t", notes, List.of())));

        List<Node> section = section(doc, "Notes");

        assertThat(section).hasSize(1).first().isInstanceOf(Paragraph.class);
        assertThat(text(section.getFirst())).isEqualTo(notes.replace("  indented", "indented"));
    }

    @Test
    void blankLinesInNotesSeparateParagraphs() {
        Document doc = (Document) PARSER.parse(ReleaseNotes.markdown(
                withText("t", "First paragraph,\nsecond line.\n\n\n  \nSecond paragraph.", List.of())));

        List<Node> section = section(doc, "Notes");

        assertThat(section).extracting(ReleaseNotesTest::text)
                .containsExactly("First paragraph,\nsecond line.", "Second paragraph.");
    }

    @Test
    void anEmergencyFlaggedForReviewOpensWithAWarningAndOthersDoNot() {
        ReleaseSnapshot r = release("REL-2027-0009", "Hotfix", List.of());
        ReleaseSnapshot emergency = new ReleaseSnapshot(r.id(), r.title(), ReleaseType.EMERGENCY,
                ReleaseStatus.DEPLOYED, r.owner(), r.author(), null, null, null, null, null, true, List.of(),
                List.of());

        Document flagged = (Document) PARSER.parse(ReleaseNotes.markdown(emergency));
        Document plain = (Document) PARSER.parse(ReleaseNotes.markdown(r));

        Node second = flagged.getFirstChild().getNext();
        assertThat(second).isInstanceOf(BlockQuote.class);
        assertThat(text(second)).startsWith("Review required. This emergency release");
        assertThat(all(plain)).noneMatch(BlockQuote.class::isInstance);
        assertThat(rows(table(List.of(flagged.getFirstChild().getNext().getNext()))))
                .contains(List.of("Window", "not scheduled"));
        assertThat(text(section(flagged, "Approvals").getFirst())).isEqualTo("No approvals are recorded.");
    }

    @Test
    void nothingChangedSinceThePredecessorIsSaidSo() {
        ReleaseSnapshot r = release("REL-2027-0004", "Same again", List.of(item("a", "1.0.0", "a.bin")));
        ReleaseDiff diff = ReleaseDiff.between(r.items(), r.items(), p -> VersionScheme.SEMVER);

        Document doc = (Document) PARSER.parse(ReleaseNotes.markdown(r, "REL-2027-0003", diff));

        assertThat(section(doc, "Changes since REL-2027-0003")).extracting(ReleaseNotesTest::text)
                .containsExactly("Nothing changed: the content is the same as in REL-2027-0003.");
    }

    @Test
    void everyKindOfChangeGetsARowWithItsVersionsAndFiles() {
        List<ReleaseItem> from = List.of(item("gone", "1.0.0", "g.bin"), item("down", "2.0.0", "d.bin"),
                item("same", "1.0.0", "s.bin", "old bytes"));
        List<ReleaseItem> to = List.of(item("new", "0.1.0", "n.bin"), item("down", "1.9.0", "d.bin"),
                item("same", "1.0.0", "s.bin", "new bytes"));
        ReleaseSnapshot r = release("REL-2027-0005", "Mixed", to);

        Document doc = (Document) PARSER.parse(ReleaseNotes.markdown(r, "REL-2027-0004",
                ReleaseDiff.between(from, to, p -> VersionScheme.SEMVER)));

        List<Node> section = section(doc, "Changes since REL-2027-0004");
        assertThat(text(section.getFirst())).isEqualTo("1 added, 1 removed, 1 downgraded, 1 changed.");
        assertThat(rows(table(section))).containsExactly(
                List.of("Product", "Change", "From", "To", "Files"),
                List.of("down", "downgraded", "2.0.0", "1.9.0", "-"),
                List.of("gone", "removed", "1.0.0", "-", "-"),
                List.of("new", "added", "-", "0.1.0", "-"),
                List.of("same", "changed", "1.0.0", "1.0.0", "s.bin (1.0.0): sha256 "
                        + Fixtures.sha256("old bytes").substring(0, 12) + " -> "
                        + Fixtures.sha256("new bytes").substring(0, 12)));
    }

    @Test
    void aWindowInUtcShowsNoOffsetAndTheSameTimes() {
        ReleaseSnapshot r = release("REL-2027-0006", "UTC", List.of());
        ReleaseSnapshot utc = new ReleaseSnapshot(r.id(), r.title(), r.type(), r.status(), r.owner(), r.author(),
                Instant.parse("2027-07-01T22:00:00Z"), Instant.parse("2027-07-01T23:30:00Z"), null, null, null, false,
                List.of(), List.of());

        Document doc = (Document) PARSER.parse(ReleaseNotes.markdown(utc));

        assertThat(rows(table(List.of(doc.getFirstChild().getNext()))))
                .contains(List.of("Window", "2027-07-01 22:00 (UTC) to 2027-07-01 23:30 (UTC), UTC"));
    }

    @Test
    void approvalsAreListedInTheOrderGiven() {
        ReleaseSnapshot r = release("REL-2027-0007", "Two approvals", List.of());
        ReleaseSnapshot two = new ReleaseSnapshot(r.id(), r.title(), r.type(), r.status(), r.owner(), r.author(),
                r.windowStart(), r.windowEnd(), r.windowZone(), null, null, false, List.of(),
                List.of(new Approval("zoe", "approved", null, "2027-02-20T10:00:00Z"),
                        new Approval("adam", "approved", "ok | fine", "2027-02-21T10:00:00Z")));

        Document doc = (Document) PARSER.parse(ReleaseNotes.markdown(two));

        assertThat(rows(table(section(doc, "Approvals")))).containsExactly(
                List.of("Approver", "Decision", "At", "Comment"),
                List.of("zoe", "approved", "2027-02-20T10:00:00Z", "-"),
                List.of("adam", "approved", "2027-02-21T10:00:00Z", "ok | fine"));
    }

    @Test
    void unusedCustomBlocksDoNotAppear() {
        Document doc = (Document) PARSER.parse(ReleaseNotes.markdown(release("REL-1", "t", List.of())));

        assertThat(all(doc).stream().filter(CustomBlock.class::isInstance))
                .allMatch(TableBlock.class::isInstance);
    }
}
