package io.coffer.release;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A weekly release window in local wall-clock time, such as {@code Saturday 02:00-06:00 Europe/London}.
 *
 * <h2>Daylight saving time</h2>
 *
 * <p>A window is defined in local time and stays in local time: {@code Saturday 02:00-06:00
 * Europe/London} opens at 02:00 on the clocks in London in winter and in summer alike, so in UTC it
 * moves by an hour twice a year. On the nights the clocks change, a window's real length differs
 * from its length on the clock face. The rule, for the start and for the end alike:
 *
 * <blockquote>a local time is reached at the first instant at which the local clock shows that time
 * or a later one.</blockquote>
 *
 * <p>So, on the night the clocks go forward, a time that does not exist (01:30 in London on the last
 * Sunday of March) is reached when the clocks jump (01:00 UTC, when 01:00 GMT becomes 02:00 BST); and
 * on the night they go back, a time that happens twice (01:30 in London on the last Sunday of
 * October) is reached the first time (01:30 BST, 00:30 UTC). For example, {@code Sunday 00:30-03:30
 * Europe/London} lasts two hours on the last Sunday of March (00:30 to 02:30 UTC) and four on the
 * last Sunday of October (23:30 UTC on Saturday to 03:30 UTC).
 *
 * <p>An end time at or before the start time means the window ends on the next day
 * ({@code Friday 22:00-02:00}); {@code 24:00} may be written for midnight at the end.
 *
 * @param day the day of the week on which the window opens
 * @param start the local time it opens
 * @param end the local time it closes, on the same day when after {@code start}, else the next day
 * @param zone the IANA time zone whose clocks are meant
 */
public record Window(DayOfWeek day, LocalTime start, LocalTime end, ZoneId zone) {

    private static final Pattern FORM = Pattern.compile(
            "(\\p{L}+)\\s+(\\d{1,2}:\\d{2})\\s*[-\u2013\u2014]\\s*(\\d{1,2}:\\d{2})\\s+(\\S+)");

    /** One occurrence of a window: from {@code start} (inclusive) to {@code end} (exclusive). */
    public record Occurrence(Instant start, Instant end) {}

    /**
     * Reads a window written as {@code DAY HH:MM-HH:MM ZONE}, e.g. {@code Saturday 02:00-06:00
     * Europe/London}. Days are English names or their first three letters, in any case; an en dash
     * may stand for the hyphen.
     *
     * @throws IllegalArgumentException naming what is wrong, for any other text
     */
    public static Window parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("window '" + text + "' is not of the form 'DAY HH:MM-HH:MM ZONE', "
                    + "e.g. 'Saturday 02:00-06:00 Europe/London'");
        }
        DayOfWeek day = day(m.group(1), text);
        LocalTime start = time(m.group(2), text, false);
        LocalTime end = time(m.group(3), text, true);
        return new Window(day, start, end, zone(m.group(4), "window '" + text + "'"));
    }

    /** Whether the whole stretch from {@code from} to {@code to} lies within one occurrence. */
    public boolean covers(Instant from, Instant to) {
        return occurrenceCovering(from, to).isPresent();
    }

    /** The occurrence that holds the whole stretch from {@code from} to {@code to}, if one does. */
    public Optional<Occurrence> occurrenceCovering(Instant from, Instant to) {
        LocalDate local = from.atZone(zone).toLocalDate();
        // An occurrence that holds 'from' opened on the same local day or, past midnight, the day before.
        for (LocalDate date : List.of(local.minusDays(1), local)) {
            if (date.getDayOfWeek() != day) {
                continue;
            }
            Occurrence o = occurrenceOn(date);
            if (!from.isBefore(o.start()) && !to.isAfter(o.end())) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The occurrence opening on {@code date}, which must fall on this window's day. */
    public Occurrence occurrenceOn(LocalDate date) {
        if (date.getDayOfWeek() != day) {
            throw new IllegalArgumentException(date + " is a " + name(date.getDayOfWeek()) + ", not a " + name(day));
        }
        LocalDate endDate = end.isAfter(start) ? date : date.plusDays(1);
        return new Occurrence(reached(date.atTime(start), zone), reached(endDate.atTime(end), zone));
    }

    /**
     * The first instant at which the clocks of {@code zone} show {@code local} or a later time: the
     * time itself when it happens once, the first of the two when it happens twice (clocks going
     * back), and the moment of the jump when it does not happen at all (clocks going forward).
     */
    static Instant reached(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        Instant first = local.toInstant(offsets.get(0));
        for (ZoneOffset offset : offsets) {
            Instant candidate = local.toInstant(offset);
            if (candidate.isBefore(first)) {
                first = candidate;
            }
        }
        return first;
    }

    /** The window as written in a policy, e.g. {@code Saturday 02:00-06:00 Europe/London}. */
    @JsonValue
    @Override
    public String toString() {
        return name(day) + " " + start + "-" + end + " " + zone.getId();
    }

    static ZoneId zone(String id, String where) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(where + " has no time zone; give one such as 'zone: Europe/London'");
        }
        try {
            ZoneId zone = ZoneId.of(id);
            if (zone instanceof ZoneOffset) {
                throw new IllegalArgumentException(where + " names the fixed offset '" + id + "'; give an IANA time "
                        + "zone such as Europe/London, so that daylight saving time is followed");
            }
            return zone;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where + " names the time zone '" + id + "', which is not an IANA time "
                    + "zone; expected e.g. Europe/London or America/New_York");
        }
    }

    private static DayOfWeek day(String name, String text) {
        String n = name.toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (n.equals(full) || n.equals(full.substring(0, 3))) {
                return d;
            }
        }
        throw new IllegalArgumentException("window '" + text + "' starts with '" + name + "', which is not a day of "
                + "the week; expected Monday to Sunday or Mon to Sun");
    }

    private static LocalTime time(String hhmm, String text, boolean isEnd) {
        String[] parts = hhmm.split(":");
        int h = Integer.parseInt(parts[0]);
        int m = Integer.parseInt(parts[1]);
        if (isEnd && h == 24 && m == 0) {
            return LocalTime.MIDNIGHT;
        }
        if (h > 23 || m > 59) {
            throw new IllegalArgumentException("window '" + text + "' has the time '" + hhmm + "'; expected 00:00 to "
                    + "23:59" + (isEnd ? " or 24:00" : ""));
        }
        return LocalTime.of(h, m);
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
