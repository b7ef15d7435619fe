package io.coffer.release;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A change freeze: a stretch of local time during which only emergency releases may be scheduled.
 * Its ends are local date-times in its zone, reached as {@link Window} explains for daylight saving
 * changes.
 *
 * @param name what the freeze is for, e.g. {@code year end}
 * @param from the local date-time the freeze begins (inclusive)
 * @param to the local date-time the freeze ends (exclusive)
 * @param zone the IANA time zone of {@code from} and {@code to}
 */
public record FreezePeriod(String name, LocalDateTime from, LocalDateTime to, ZoneId zone) {

    /**
     * Reads a freeze from text. {@code from} and {@code to} are ISO local dates or date-times; a date
     * alone means the whole day, so {@code from: 2027-12-20, to: 2028-01-02} freezes 20 December
     * 00:00 up to 3 January 00:00.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static FreezePeriod parse(String name, String from, String to, String zone) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a freeze needs a name, e.g. 'year end'");
        }
        String where = "freeze '" + name + "'";
        ZoneId z = Window.zone(zone, where);
        LocalDateTime start = localDateTime(from, false, where + " 'from'");
        LocalDateTime end = localDateTime(to, true, where + " 'to'");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(where + " ends (" + end + ") before it begins (" + start + ")");
        }
        return new FreezePeriod(name.strip(), start, end, z);
    }

    /** The first instant of the freeze. */
    public Instant begins() {
        return Window.reached(from, zone);
    }

    /** The first instant after the freeze. */
    public Instant ends() {
        return Window.reached(to, zone);
    }

    /** Whether any instant from {@code start} (inclusive) to {@code end} (exclusive) is frozen. */
    public boolean overlaps(Instant start, Instant end) {
        return start.isBefore(ends()) && end.isAfter(begins());
    }

    @Override
    public String toString() {
        return "'" + name + "' (" + from + " to " + to + " " + zone.getId() + ")";
    }

    private static LocalDateTime localDateTime(String text, boolean end, String where) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(where + " is missing; expected a date such as 2027-12-20 or a "
                    + "date-time such as 2027-12-20T18:00");
        }
        String t = text.strip();
        try {
            if (t.length() == 10) {
                LocalDate date = LocalDate.parse(t);
                return end ? date.plusDays(1).atStartOfDay() : date.atStartOfDay();
            }
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + " is '" + t + "'; expected a date such as 2027-12-20 or a "
                    + "local date-time such as 2027-12-20T18:00 (no offset: the freeze's zone applies)");
        }
    }
}
