package io.coffer.versions;

import static io.coffer.versions.OrderAssertions.assertRising;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

    private static final VersionScheme SEMVER = VersionScheme.SEMVER;

    @Test
    void ranksTheSpecsPreReleaseExampleInItsOrder() {
        assertRising(SEMVER, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
    }

    @Test
    void ranksMajorMinorAndPatchNumerically() {
        assertRising(SEMVER, "1.0.0", "2.0.0", "2.1.0", "2.1.1", "2.1.10", "2.10.0", "10.0.0");
    }

    @Test
    void comparesNumbersOfAnyLengthWithoutOverflow() {
        assertRising(SEMVER, "1.0.9223372036854775807", "1.0.9223372036854775808",
                "1.0.99999999999999999999999999999", "1.0.100000000000000000000000000000");
    }

    @Test
    void ranksNumericIdentifiersBelowAlphanumericOnesAndComparesTheRestInAsciiOrder() {
        assertRising(SEMVER, "1.0.0-2", "1.0.0-10", "1.0.0-0a", "1.0.0-RC", "1.0.0-a-b", "1.0.0-rc");
    }

    @Test
    void ignoresBuildMetadataForPrecedenceButStillGivesATotalOrder() {
        int withAndWithout = SEMVER.comparator().compare("1.0.0+build.2", "1.0.0");

        assertThat(withAndWithout).isNotZero();
        assertThat(SEMVER.comparator().compare("1.0.0+build.2", "1.0.1")).isNegative();
        assertThat(SEMVER.comparator().compare("1.0.0-rc.1+zzz", "1.0.0-rc.2+aaa")).isNegative();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0", "1.2.3", "1.0.0-alpha", "1.0.0-0.3.7", "1.0.0-x.7.z.92", "1.0.0-x-y-z.--",
        "1.0.0-alpha+001", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0+21AF26D3----117B344092BD",
        "1.0.0-0a", "1.0.0+001"})
    void acceptsVersionsFromTheSpec(String version) {
        assertThat(SEMVER.problem(version)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1.2                | expected MAJOR.MINOR.PATCH
            1.2.3.4            | expected MAJOR.MINOR.PATCH
            v1.2.3             | the leading 'v' is not part of a version
            01.2.3             | MAJOR '01' has a leading zero
            1.02.3             | MINOR '02' has a leading zero
            1..3               | MINOR is empty
            1.2.x              | PATCH 'x' is not a number
            1.2.3-             | the pre-release has an empty identifier
            1.2.3-alpha..1     | the pre-release has an empty identifier
            1.2.3-01           | the numeric pre-release identifier '01' has a leading zero
            1.2.3-alpha_1      | the pre-release identifier 'alpha_1' contains '_'
            1.2.3+             | the build metadata has an empty identifier
            1.2.3+build+1      | the build metadata identifier 'build+1' contains '+'
            1.2.3-é            | the pre-release identifier 'é' contains U+00E9
            """)
    void refusesVersionsOutsideTheGrammarAndSaysWhy(String version, String reason) {
        assertThat(SEMVER.problem(version)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("'" + version + "' is not a SemVer 2.0 version: ")
                .contains(reason));
    }
}
