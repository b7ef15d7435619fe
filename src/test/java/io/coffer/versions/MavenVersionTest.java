package io.coffer.versions;

import static io.coffer.versions.OrderAssertions.assertRising;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MavenVersionTest {

    private static final VersionScheme MAVEN = VersionScheme.MAVEN;

    @Test
    void ranksQualifiersAsMavenDoes() {
        assertRising(MAVEN, "1.0-alpha", "1.0-beta", "1.0-milestone-1", "1.0-rc-1", "1.0-SNAPSHOT", "1.0", "1.0-sp",
                "1.0.1");
    }

    @Test
    void ranksNumbersNumericallyAndMilestoneAliasesAlike() {
        assertRising(MAVEN, "1.9", "1.10", "2.0.0-M1", "2.0.0-M2", "2.0.0-RC1", "2.0.0", "2.0.0.SP1", "10");
        assertThat(MAVEN.comparator().compare("1.0.Final", "1.0")).isNotZero();
        assertThat(new MavenRules().precedence("1.0.Final", "1.0")).isZero();
    }

    @Test
    void agreesWithComparableVersionOnEveryPairOfFittingVersions() {
        Trials.repeat(3000, random -> {
            String a = VersionSamples.maven(random);
            String b = VersionSamples.maven(random);
            if (MAVEN.problem(a).isPresent() || MAVEN.problem(b).isPresent()) {
                return;
            }

            int ours = Integer.signum(MAVEN.comparator().compare(a, b));

            int maven = Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
            if (maven != 0) {
                assertThat(ours).as("%s against %s", a, b).isEqualTo(maven);
            }
        });
    }

    @Test
    void staysTransitiveOverManyFittingVersions() {
        Trials.repeat(300, random -> {
            List<String> versions = new ArrayList<>();
            while (versions.size() < 30) {
                String version = VersionSamples.maven(random);
                if (MAVEN.problem(version).isEmpty()) {
                    versions.add(version);
                }
            }

            versions.sort(MAVEN.comparator());

            for (int i = 0; i < versions.size(); i++) {
                for (int j = i + 1; j < versions.size(); j++) {
                    assertThat(MAVEN.comparator().compare(versions.get(i), versions.get(j)))
                            .as("%s sorted before %s", versions.get(i), versions.get(j)).isLessThanOrEqualTo(0);
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.2.3", "1.0-SNAPSHOT", "1.0.0.RC1-SNAPSHOT", "5.1.0.SP1", "1.2.3.Final", "2.0.0-M1",
        "31.1-jre", "1.2.3-20240101.123456-1", "1.0a1", "1.0.0-rc.1", "1.8.0_292", "9.4.51.v20230217",
        "1.0.0-alpha.beta"})
    void acceptsTheShapesArtifactsUse(String version) {
        assertThat(MAVEN.problem(version)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1.0 beta        | it contains the space character U+0020 at position 4
            1.0+build       | it contains '+' at position 4
            1..0            | it has an empty part after the '.' at position 2
            1.0-            | it has an empty part after the '-' at position 4
            alpha           | it does not start with a digit
            1.jre-0         | Maven reads it as '1.jre', with qualifiers between numbers
            1.0.0-x.7.z.92  | Maven reads it as '1-x.7.z.92', with qualifiers between numbers
            """)
    void refusesShapesMavenRanksInconsistentlyAndSaysWhy(String version, String reason) {
        assertThat(MAVEN.problem(version)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("'" + version + "' is not a Maven version: ")
                .contains(reason));
    }

    @Test
    void refusesTheShapeOfAKnownComparableVersionCycle() {
        // ComparableVersion ranks 1-alpha < 1 < 1.a-0.1, and yet 1-alpha > 1.a-0.1.
        assertThat(new MavenRules().precedence("1-alpha", "1")).isNegative();
        assertThat(new MavenRules().precedence("1", "1.a-0.1")).isNegative();
        assertThat(new MavenRules().precedence("1-alpha", "1.a-0.1")).isPositive();

        assertThat(MAVEN.problem("1.a-0.1")).isPresent();
    }
}
