package io.coffer.versions;

import static io.coffer.versions.OrderAssertions.assertRising;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DebianVersionTest {

    private static final VersionScheme DEBIAN = VersionScheme.DEBIAN;

    @Test
    void ranksTildeBelowEverythingEvenTheEndOfTheVersion() {
        assertRising(DEBIAN, "1.0~~", "1.0~~a", "1.0~", "1.0~rc1", "1.0", "1.0a", "1.0+b1", "1.0.1");
    }

    @Test
    void ranksLettersBelowOtherCharacters() {
        assertRising(DEBIAN, "1.0a", "1.0z", "1.0+", "1.0.");
    }

    @Test
    void comparesTheEpochFirstAndNumerically() {
        assertRising(DEBIAN, "9.9", "1:0.1", "2:0.1", "10:0.1");
    }

    @Test
    void comparesTheRevisionLast() {
        assertRising(DEBIAN, "1.0-1~bpo12+1", "1.0-1", "1.0-1.1", "1.0-2", "1.0-10", "1.0-a", "1.1-1");
    }

    @Test
    void comparesDigitRunsOfAnyLengthWithoutOverflow() {
        assertRising(DEBIAN, "9223372036854775807", "9223372036854775808", "123456789012345678901234567890",
                "123456789012345678901234567891");
    }

    @Test
    void ranksVersionsThatDpkgCallsEqualTogetherAndBreaksTheTieByText() {
        DebianRules rules = new DebianRules();

        assertThat(rules.precedence("1.0", "1.00")).isZero();
        assertThat(rules.precedence("1.0", "1.0-0")).isZero();
        assertThat(rules.precedence("0:1.0", "1.0")).isZero();
        assertThat(DEBIAN.comparator().compare("1.0", "1.00")).isNegative();
        assertThat(DEBIAN.comparator().compare("1.00", "1.0")).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1.0", "1:2.30-1~bpo12+1", "2.0~rc1+dfsg-3", "1.2-3-4", "1.0+git20240101.abc-0ubuntu1",
        "2147483647:1"})
    void acceptsPolicyConformingVersions(String version) {
        assertThat(DEBIAN.problem(version)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a1.0            | the upstream version 'a1.0' does not start with a digit
            :1.0            | the epoch before ':' is empty
            x:1.0           | the epoch 'x' is not a number
            2147483648:1.0  | the epoch 2147483648 is larger than 2147483647
            1:              | the upstream version is empty
            1.0-            | the Debian revision after the last '-' is empty
            1.0_1           | the upstream version '1.0_1' contains '_'
            1:1.0:2         | the upstream version '1.0:2' contains ':'
            1.0-1-          | the Debian revision after the last '-' is empty
            1.0-1_2         | the Debian revision '1_2' contains '_'
            """)
    void refusesVersionsOutsidePolicyAndSaysWhy(String version, String reason) {
        assertThat(DEBIAN.problem(version)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("'" + version + "' is not a Debian version: ")
                .contains(reason));
    }
}
