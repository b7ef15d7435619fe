package io.coffer.release.export;

import static io.coffer.release.export.Fixtures.NOW;
import static io.coffer.release.export.Fixtures.item;
import static io.coffer.release.export.Fixtures.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.release.ReleaseStatus;
import io.coffer.release.ReleaseType;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.Test;

class ReleaseCalendarTest {

    private static ReleaseSnapshot scheduled(String id, String title, ReleaseStatus status, Instant start) {
        return new ReleaseSnapshot(id, title, ReleaseType.MAJOR, status, "olivia", "arthur", start,
                start.plusSeconds(4 * 3600), ZoneId.of("America/New_York"), null, null, false,
                List.of(item("a", "1.0.0", "a.bin")), List.of());
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static List<VEvent> events(Calendar calendar) {
        return calendar.getComponents("VEVENT");
    }

    private static String value(VEvent event, String property) {
        return event.<Property>getProperty(property).orElseThrow().getValue();
    }

    private static Instant instant(VEvent event, String property) {
        Temporal t = event.<DateProperty<Temporal>>getProperty(property).orElseThrow().getDate();
        return Instant.from(t);
    }

    @Test
    void eachScheduledReleaseIsOneEventAtItsWindowInUtc() throws Exception {
        ReleaseSnapshot march = release("REL-2027-0003", "Patches", List.of());
        ReleaseSnapshot april = scheduled("REL-2027-0004", "Upgrade", ReleaseStatus.APPROVED,
                Instant.parse("2027-04-10T02:00:00Z"));

        Calendar calendar = parse(ReleaseCalendar.ics(List.of(april, march), NOW));

        List<VEvent> events = events(calendar);
        assertThat(events).extracting(e -> value(e, "UID")).containsExactly("REL-2027-0003@coffer",
                "REL-2027-0004@coffer");
        assertThat(instant(events.get(0), "DTSTART")).isEqualTo(march.windowStart());
        assertThat(instant(events.get(0), "DTEND")).isEqualTo(march.windowEnd());
        assertThat(instant(events.get(1), "DTSTART")).isEqualTo(april.windowStart());
        assertThat(instant(events.get(1), "DTSTAMP")).isEqualTo(NOW);
        assertThat(value(events.get(0), "SUMMARY")).isEqualTo("REL-2027-0003: Patches (minor)");
        assertThat(value(events.get(1), "STATUS")).isEqualTo("CONFIRMED");
        assertThat(value(events.get(0), "DESCRIPTION")).isEqualTo("""
                Release REL-2027-0003, minor, scheduled
                Window: 2027-03-01 22:00 +01:00 to 2027-03-02 02:00 +01:00 Europe/Berlin
                Owner: olivia
                Items: 0""");
        assertThat(value(events.get(1), "DESCRIPTION"))
                .contains("Window: 2027-04-09 22:00 -04:00 to 2027-04-10 02:00 -04:00 America/New_York");
    }

    @Test
    void theCalendarPassesTheParsersValidation() throws Exception {
        Calendar calendar = parse(ReleaseCalendar.ics(List.of(release("REL-1", "t", List.of())), NOW));

        assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
        assertThat(calendar.<Property>getProperty("VERSION").orElseThrow().getValue()).isEqualTo("2.0");
        assertThat(calendar.<Property>getProperty("PRODID").orElseThrow().getValue())
                .isEqualTo("-//Coffer//Release calendar//EN");
    }

    @Test
    void releasesWithoutAWindowAreLeftOut() throws Exception {
        ReleaseSnapshot draft = new ReleaseSnapshot("REL-2027-0008", "Unplanned", ReleaseType.MINOR,
                ReleaseStatus.DRAFT, null, null, null, null, null, null, null, false, List.of(), List.of());

        Calendar calendar = parse(ReleaseCalendar.ics(List.of(draft, release("REL-1", "t", List.of())), NOW));

        assertThat(events(calendar)).extracting(e -> value(e, "UID")).containsExactly("REL-1@coffer");
    }

    @Test
    void noReleasesGiveAnEmptyButValidCalendar() throws Exception {
        String ics = ReleaseCalendar.ics(List.of(), NOW);

        assertThat(events(parse(ics))).isEmpty();
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
    }

    @Test
    void statusesMapToTentativeConfirmedAndCancelled() throws Exception {
        Instant t = Instant.parse("2027-05-01T00:00:00Z");
        List<ReleaseSnapshot> releases = List.of(scheduled("R1", "a", ReleaseStatus.SUBMITTED, t),
                scheduled("R2", "b", ReleaseStatus.SCHEDULED, t), scheduled("R3", "c", ReleaseStatus.CANCELLED, t));

        List<VEvent> events = events(parse(ReleaseCalendar.ics(releases, NOW)));

        assertThat(events).extracting(e -> value(e, "STATUS")).containsExactly("TENTATIVE", "CONFIRMED", "CANCELLED");
    }

    @Test
    void commasSemicolonsBackslashesAndLineBreaksInTitlesRoundTrip() throws Exception {
        String title = "Patch, part 1; see C:\\temp\\notes\nsecond line\r\nthird";

        String ics = ReleaseCalendar.ics(List.of(release("REL-1", title, List.of())), NOW);
        VEvent event = events(parse(ics)).getFirst();

        assertThat(ics).contains("SUMMARY:REL-1: Patch\\, part 1\\; see C:\\\\temp\\\\notes\\nsecond line\\nthird");
        assertThat(value(event, "SUMMARY")).isEqualTo("REL-1: Patch, part 1; see C:\\temp\\notes\nsecond line\nthird"
                + " (minor)");
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() throws Exception {
        // 2-, 3- and 4-byte UTF-8 characters, so folds fall at every possible offset inside a character.
        String title = "Überarbeitung ".repeat(4) + "更新リリース".repeat(12) + "🚀✓".repeat(15) + " end";

        String ics = ReleaseCalendar.ics(List.of(release("REL-1", title, List.of())), NOW);

        assertThat(ics).doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
        String[] lines = ics.split("\r\n");
        assertThat(lines.length).isGreaterThan(10);
        for (String line : lines) {
            byte[] octets = line.getBytes(StandardCharsets.UTF_8);
            assertThat(octets.length).as(line).isLessThanOrEqualTo(75);
            assertThat(strictUtf8(octets)).isEqualTo(line);
        }
        assertThat(Arrays.stream(lines).filter(l -> l.startsWith(" ")).count()).isGreaterThan(5);
        assertThat(value(events(parse(ics)).getFirst(), "SUMMARY")).isEqualTo("REL-1: " + title + " (minor)");
    }

    @Test
    void eventsComeInWindowOrderThenByIdWhateverTheInputOrder() {
        Instant t = Instant.parse("2027-05-01T00:00:00Z");
        ReleaseSnapshot a = scheduled("R-A", "a", ReleaseStatus.SCHEDULED, t);
        ReleaseSnapshot b = scheduled("R-B", "b", ReleaseStatus.SCHEDULED, t);
        ReleaseSnapshot c = scheduled("R-C", "c", ReleaseStatus.SCHEDULED, t.minusSeconds(60));

        assertThat(ReleaseCalendar.ics(List.of(a, b, c), NOW)).isEqualTo(ReleaseCalendar.ics(List.of(b, c, a), NOW));
        assertThat(ReleaseCalendar.ics(List.of(a, b, c), NOW)).containsSubsequence("UID:R-C", "UID:R-A", "UID:R-B");
    }

    @Test
    void controlCharactersInTextBecomeSpaces() throws Exception {
        String ics = ReleaseCalendar.ics(List.of(release("REL-1", "bell\u0007 and\u001b[31m red", List.of())), NOW);

        assertThat(value(events(parse(ics)).getFirst(), "SUMMARY")).isEqualTo("REL-1: bell  and [31m red (minor)");
    }

    private static String strictUtf8(byte[] octets) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets)).toString();
    }
}
