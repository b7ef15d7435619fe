package io.coffer.versions;

import static io.coffer.versions.OrderAssertions.assertRising;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RpmVersionTest {

    private static final VersionScheme RPM = VersionScheme.RPM;

    @Test
    void ranksTildeBeforeAndCaretAfterTheVersionTheyFollow() {
        assertRising(RPM, "1.0~rc1", "1.0~rc1^git1", "1.0", "1.0^~", "1.0^", "1.0^git1", "1.0a", "1.0.1");
    }

    @Test
    void ranksNumbersAboveLettersAndLettersInAsciiOrder() {
        assertRising(RPM, "1.A", "1.a", "1.alpha", "1.beta", "1.0", "1.1");
    }

    @Test
    void comparesEpochThenVersionThenRelease() {
        assertRising(RPM, "1.0", "1.0-1.el8", "1.0-1.el9", "1.0-2", "1.0-10", "1.1-1", "1:0.1", "2:0.1");
    }

    @Test
    void ranksAVersionWithoutReleaseBelowAnyReleaseAsRpmDoes() {
        assertRising(RPM, "1.0", "1.0-~1", "1.0-0");
    }

    @Test
    void ignoresSeparatorsAndLeadingZerosForPrecedence() {
        RpmRules rules = new RpmRules();

        assertThat(rules.precedence("1.0", "1_0")).isZero();
        assertThat(rules.precedence("1e", "1.e")).isZero();
        assertThat(rules.precedence("01", "1")).isZero();
        assertThat(rules.precedence("0:1.0", "1.0")).isZero();
        assertThat(RPM.comparator().compare("1.0", "1_0")).isNegative();
    }

    @Test
    void comparesDigitRunsOfAnyLengthWithoutOverflow() {
        assertRising(RPM, "18446744073709551615", "18446744073709551616", "123456789012345678901234567890");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.0", "2:1.0~rc1^git5-3.el9", "0:1.0-1", "1.0_1+b", "alpha", "4294967295:1"})
    void acceptsVersionsRpmbuildWouldTake(String version) {
        assertThat(RPM.problem(version)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            :1.0            | the epoch before ':' is empty
            4294967296:1.0  | the epoch 4294967296 is larger than 4294967295
            1:              | the version is empty
            -1              | the version is empty
            1.0-            | the release after the last '-' is empty
            1-2-3           | the version '1-2' contains '-'
            a:1.0           | the version 'a:1.0' contains ':'
            1.0 beta        | the version '1.0 beta' contains U+0020
            1.0-1%{dist}    | the release '1%{dist}' contains '%'
            """)
    void refusesVersionsRpmWouldNotBuildAndSaysWhy(String version, String reason) {
        assertThat(RPM.problem(version)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("'" + version + "' is not an RPM version: ")
                .contains(reason));
    }
}
