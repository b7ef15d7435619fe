package io.coffer.auth;

import io.coffer.library.Names;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a token stops working, as an admin writes it: a span from now ({@code 90m}, {@code 12h},
 * {@code 30d}, {@code 2w}), a time with its offset ({@code 2027-01-31T00:00:00Z}), a date (the start
 * of that day in UTC), or {@code never}. A span is counted from the server's clock, not the
 * client's, so a client with a wrong clock still gets the span it asked for.
 */
final class Expiry {

    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})([mhdw])");
    /** Ten years: far enough for any real token, near enough to catch a typo such as 3000d for 30d. */
    static final Duration LONGEST = Duration.ofDays(3653);

    private Expiry() {}

    /**
     * The instant named by {@code text}, or null for {@code never} and for null or blank text.
     *
     * @throws InvalidAccountException when the text cannot be read, is not after {@code now}, or is
     *     more than ten years away
     */
    static Instant parse(String text, Instant now) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("never")) {
            return null;
        }
        String t = text.strip();
        Instant at = span(t, now);
        if (at == null) {
            at = time(t);
        }
        if (at == null) {
            throw new InvalidAccountException("invalid-expiry", "expiry '" + Names.printable(t)
                    + "' is not understood; expected a span such as 90m, 12h, 30d or 2w, a time such as "
                    + "2027-01-31T00:00:00Z, a date such as 2027-01-31, or 'never'");
        }
        if (!at.isAfter(now)) {
            throw new InvalidAccountException("invalid-expiry", "expiry '" + t + "' (" + at + ") is not in the future; "
                    + "the server's time is " + now);
        }
        if (at.isAfter(now.plus(LONGEST))) {
            throw new InvalidAccountException("invalid-expiry", "expiry '" + t + "' (" + at + ") is more than ten "
                    + "years away; use 'never' for a token that should not expire");
        }
        return at;
    }

    private static Instant span(String t, Instant now) {
        Matcher m = SPAN.matcher(t);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        Duration unit = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
        };
        return now.plus(unit.multipliedBy(n));
    }

    private static Instant time(String t) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
