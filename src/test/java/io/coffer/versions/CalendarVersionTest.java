package io.coffer.versions;

import static io.coffer.versions.OrderAssertions.assertRising;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CalendarVersionTest {

    private static final VersionScheme CALENDAR = VersionScheme.CALENDAR;

    @Test
    void ranksNumberByNumberByValue() {
        assertRising(CALENDAR, "2023.12", "2024", "2024.1", "2024.04.1", "2024.4.2", "2024.04.15.2", "2024.9",
                "2024.10", "2025-01-01");
    }

    @Test
    void doesNotWidenTwoDigitYears() {
        assertRising(CALENDAR, "24.04", "99.12", "2023.01");
    }

    @Test
    void ranksTheSameNumbersWithDifferentSeparatorsOrZerosTogether() {
        CalendarRules rules = new CalendarRules();

        assertThat(rules.precedence("2024.04.01", "2024-4-1")).isZero();
        assertThat(CALENDAR.comparator().compare("2024.04.01", "2024-4-1")).isNotZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024", "24", "2024.04", "2024.4", "24.04", "2024.04.1", "2024-04-01", "2024.4.15.2",
        "2024.12.99999999999999999999999"})
    void acceptsTheDocumentedGrammar(String version) {
        assertThat(CALENDAR.problem(version)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            202             | the year '202' has 3 digits
            20245.01        | the year '20245' has 5 digits
            2024.13         | the month '13' is not from 1 to 12
            2024.0          | the month '0' is not from 1 to 12
            2024.004        | the month '004' is not from 1 to 12
            2024..1         | it has an empty number between separators
            2024.04.        | it has an empty number between separators
            v2024.04        | it contains 'v' at position 1
            2024.04-rc1     | it contains 'r' at position 9
            """)
    void refusesVersionsOutsideTheGrammarAndSaysWhy(String version, String reason) {
        assertThat(CALENDAR.problem(version)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("'" + version + "' is not a calendar version: ")
                .contains(reason));
    }
}
