package io.coffer.release;

import io.coffer.library.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * When a release is planned to go in: a start and an end as ISO-8601 local date-times with their UTC
 * offset (e.g. {@code 2027-10-31T01:30+01:00}), in the IANA time zone they were planned in. The
 * offset makes each time unambiguous, also in the hour that happens twice when clocks go back.
 *
 * @param start the first instant of the window, in {@code zone}'s local time with offset
 * @param end the instant the window closes (exclusive), likewise
 * @param zone the IANA time zone, e.g. {@code Europe/London}
 */
public record PlannedWindow(String start, String end, String zone) {

    /** The longest window accepted: a release is planned into hours, not months. */
    static final Duration LONGEST = Duration.ofDays(14);

    /**
     * Reads a window as given by a person. Each time is either an ISO local date-time
     * ({@code 2027-03-28T02:00}, read in {@code zone}) or carries its offset
     * ({@code 2027-10-31T01:30+01:00}, {@code 2027-10-31T00:30Z}).
     *
     * @throws InvalidRequestException when a part is missing or malformed, a local time does not exist
     *     or happens twice in the zone (give the offset then), or the end is not after the start
     */
    public static PlannedWindow parse(String start, String end, String zone) {
        if (start == null || end == null || zone == null) {
            throw new InvalidRequestException("a planned window needs a start, an end and a time zone (windowStart, "
                    + "windowEnd, windowZone), e.g. 2027-03-27T02:00, 2027-03-27T04:00, Europe/London");
        }
        ZoneId z;
        try {
            z = Window.zone(zone.strip(), "the planned window");
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        ZonedDateTime s = time(start, z, "start");
        ZonedDateTime e = time(end, z, "end");
        if (!e.isAfter(s)) {
            throw new InvalidRequestException("the planned window ends (" + e.toOffsetDateTime()
                    + ") before it starts (" + s.toOffsetDateTime() + ")");
        }
        if (Duration.between(s, e).compareTo(LONGEST) > 0) {
            throw new InvalidRequestException("the planned window from " + s.toOffsetDateTime() + " to "
                    + e.toOffsetDateTime() + " is longer than " + LONGEST.toDays() + " days");
        }
        return new PlannedWindow(s.toOffsetDateTime().toString(), e.toOffsetDateTime().toString(), z.getId());
    }

    public Instant startInstant() {
        return OffsetDateTime.parse(start).toInstant();
    }

    public Instant endInstant() {
        return OffsetDateTime.parse(end).toInstant();
    }

    @Override
    public String toString() {
        return start + " to " + end + " " + zone;
    }

    private static ZonedDateTime time(String text, ZoneId zone, String which) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).atZoneSameInstant(zone);
        } catch (DateTimeParseException notOffset) {
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(t);
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException("the planned window's " + which + " is '" + t + "'; expected an "
                        + "ISO-8601 date-time such as 2027-03-27T02:00 or 2027-10-31T01:30+01:00");
            }
            List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            if (offsets.isEmpty()) {
                throw new InvalidRequestException("the planned window's " + which + " " + t + " does not exist in "
                        + zone.getId() + ": the clocks skip it when they go forward");
            }
            if (offsets.size() > 1) {
                throw new InvalidRequestException("the planned window's " + which + " " + t + " happens twice in "
                        + zone.getId() + " (at " + offsets.get(0) + " and at " + offsets.get(1)
                        + ") because the clocks go back; add the offset, e.g. " + t + offsets.get(0));
            }
            return ZonedDateTime.ofLocal(local, zone, offsets.get(0));
        }
    }
}
