package io.coffer.versions;

import java.util.List;

/**
 * Calendar versions: numbers separated by '.' or '-', the first a year, the second, if present,
 * a month.
 * <pre>
 * calendar = year [ sep month { sep number } ]
 * year     = 4 digits | 2 digits          2024, 24
 * month    = 1 or 2 digits from 1 to 12   4, 04, 12
 * number   = 1 or more digits             15, 01, 2
 * sep      = "." | "-"
 * </pre>
 * Examples: {@code 2024}, {@code 2024.04}, {@code 24.04}, {@code 2024.04.1}, {@code 2024-04-01},
 * {@code 2024.4.15.2}.
 *
 * <p>Versions compare number by number, by value, so {@code 2024.4} and {@code 2024.04} rank
 * together and {@code 2024.10} ranks above {@code 2024.9}; a version ranks below any longer one
 * that starts with the same numbers. The separators play no part. A two-digit year is not widened:
 * {@code 24.04} ranks below {@code 2023.01}, so one product should keep to one form of year.
 */
final class CalendarRules implements SchemeRules {

    private static final String EXPECTED = "expected YYYY or YY, then optionally .MM and further numbers, "
            + "such as 2024.04.1 or 2024-04-01";

    @Override
    public String problem(String version) {
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (!VersionText.isAsciiDigit(c) && c != '.' && c != '-') {
                return "it contains " + VersionText.describe(version.codePointAt(i)) + " at position "
                        + VersionText.position(version, i) + "; " + EXPECTED;
            }
        }
        List<String> numbers = numbers(version);
        if (numbers.contains("")) {
            return "it has an empty number between separators; " + EXPECTED;
        }
        String year = numbers.get(0);
        if (year.length() != 4 && year.length() != 2) {
            return "the year " + VersionText.quote(year) + " has " + year.length() + " digits; " + EXPECTED;
        }
        if (numbers.size() > 1) {
            String month = numbers.get(1);
            if (month.length() > 2 || VersionText.compareNumerals(month, "1") < 0
                    || VersionText.compareNumerals(month, "12") > 0) {
                return "the month " + VersionText.quote(month) + " is not from 1 to 12; " + EXPECTED;
            }
        }
        return null;
    }

    @Override
    public int precedence(String a, String b) {
        List<String> x = numbers(a);
        List<String> y = numbers(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = VersionText.compareNumerals(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static List<String> numbers(String version) {
        return List.of(version.split("[.-]", -1));
    }
}
