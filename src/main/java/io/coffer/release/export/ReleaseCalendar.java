package io.coffer.release.export;

import io.coffer.release.ReleaseStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The release schedule as an iCalendar document (RFC 5545): one event per release with a planned
 * window. Times are written in UTC, which every calendar client shows in its user's own zone; the
 * zone the window was planned in is named in the description. (Writing the planned zone with a
 * generated VTIMEZONE would keep local times stable should that zone's rules change, and is not
 * done.) The document is a plain calendar, not an iTIP message: it has no METHOD, which would ask
 * for an ORGANIZER with an e-mail address that Coffer does not have.
 */
public final class ReleaseCalendar {

    /** The media type of the document. */
    public static final String MEDIA_TYPE = "text/calendar; charset=utf-8";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    private ReleaseCalendar() {}

    /**
     * The calendar of the releases that have a window; those without one are left out. Events
     * come in window order, then by release id.
     *
     * @param now the time the calendar is written, each event's DTSTAMP
     * @return the document, CRLF line endings, lines folded at 75 octets
     */
    public static String ics(List<ReleaseSnapshot> releases, Instant now) {
        Objects.requireNonNull(now, "now");
        ContentLines ics = new ContentLines();
        ics.raw("BEGIN", "VCALENDAR")
                .raw("VERSION", "2.0")
                .raw("PRODID", "-//Coffer//Release calendar//EN")
                .raw("CALSCALE", "GREGORIAN")
                .text("X-WR-CALNAME", "Coffer releases");
        List<ReleaseSnapshot> scheduled = releases.stream()
                .filter(ReleaseSnapshot::scheduled)
                .sorted(Comparator.comparing(ReleaseSnapshot::windowStart).thenComparing(ReleaseSnapshot::id))
                .toList();
        for (ReleaseSnapshot r : scheduled) {
            ics.raw("BEGIN", "VEVENT")
                    .text("UID", r.id() + "@coffer")
                    .raw("DTSTAMP", UTC.format(now))
                    .raw("DTSTART", UTC.format(r.windowStart()))
                    .raw("DTEND", UTC.format(r.windowEnd()))
                    .text("SUMMARY", summary(r))
                    .text("DESCRIPTION", description(r))
                    .text("CATEGORIES", r.type().id())
                    .raw("STATUS", status(r.status()))
                    .raw("END", "VEVENT");
        }
        ics.raw("END", "VCALENDAR");
        return ics.toString();
    }

    private static String summary(ReleaseSnapshot r) {
        String title = r.title() == null || r.title().isBlank() ? "" : ": " + r.title().strip();
        return r.id() + title + " (" + r.type().id() + ")";
    }

    private static String description(ReleaseSnapshot r) {
        StringBuilder d = new StringBuilder();
        d.append("Release ").append(r.id()).append(", ").append(r.type().id()).append(", ")
                .append(r.status().id()).append('\n');
        d.append("Window: ").append(LOCAL.format(r.windowStart().atZone(r.zone()))).append(" to ")
                .append(LOCAL.format(r.windowEnd().atZone(r.zone()))).append(' ').append(r.zone().getId())
                .append('\n');
        if (r.owner() != null && !r.owner().isBlank()) {
            d.append("Owner: ").append(r.owner()).append('\n');
        }
        d.append("Items: ").append(r.items().size()).append('\n');
        if (r.reviewRequired()) {
            d.append("Review required after implementation\n");
        }
        return d.toString().stripTrailing();
    }

    /** Releases being prepared are tentative, those refused or cancelled cancelled, the rest confirmed. */
    private static String status(ReleaseStatus status) {
        return switch (status) {
            case DRAFT, SUBMITTED -> "TENTATIVE";
            case REJECTED, CANCELLED -> "CANCELLED";
            case APPROVED, SCHEDULED, DEPLOYED, CLOSED, ROLLED_BACK -> "CONFIRMED";
        };
    }
}
