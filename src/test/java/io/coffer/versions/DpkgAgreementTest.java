package io.coffer.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Coffer's Debian ordering against the real {@code dpkg --compare-versions}. Each try sorts a
 * list of generated versions and asks dpkg, in one shell run, about every pair of neighbours both
 * in the generated order and in Coffer's sorted order.
 */
class DpkgAgreementTest {

    private static final DebianRules RULES = new DebianRules();

    @BeforeAll
    static void dpkgIsInstalled() {
        OracleTool.require("dpkg", "dpkg");
    }

    @Test
    void ranksVersionsAsDpkgDoes() {
        Trials.repeat(60, random -> ranksAsDpkgDoes(VersionSamples.debianFamilies(random, 12)));
    }

    private static void ranksAsDpkgDoes(List<String> versions) {
        List<String> sorted = VersionScheme.DEBIAN.sorted(versions, v -> v, v -> 0);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < versions.size(); i++) {
            pairs.add(new String[] {versions.get(i), versions.get(i + 1)});
            pairs.add(new String[] {sorted.get(i), sorted.get(i + 1)});
        }

        List<Integer> dpkg = dpkgSigns(pairs);

        for (String version : versions) {
            assertThat(VersionScheme.DEBIAN.problem(version)).as("problem with %s", version).isEmpty();
        }
        for (int i = 0; i < pairs.size(); i++) {
            String a = pairs.get(i)[0];
            String b = pairs.get(i)[1];
            assertThat(Integer.signum(RULES.precedence(a, b))).as("%s against %s", a, b).isEqualTo(dpkg.get(i));
            if (i % 2 == 1) {
                assertThat(dpkg.get(i)).as("%s sorted before %s", a, b).isLessThanOrEqualTo(0);
            }
        }
    }

    /** dpkg's verdict on each pair: -1, 0 or 1 as the first version is lower, equal or higher. */
    private static List<Integer> dpkgSigns(List<String[]> pairs) {
        StringBuilder script = new StringBuilder();
        for (String[] pair : pairs) {
            // The generated versions hold only letters, digits and . + ~ : -, safe in single quotes.
            String a = "'" + pair[0] + "'";
            String b = "'" + pair[1] + "'";
            script.append("dpkg --compare-versions ").append(a).append(" lt ").append(b).append("; l=$?; ")
                    .append("dpkg --compare-versions ").append(a).append(" eq ").append(b).append("; e=$?; ")
                    .append("echo \"$l $e\"\n");
        }
        OracleTool.Result result = OracleTool.run(List.of("sh", "-s"), script.toString());
        assertThat(result.err()).as("dpkg's complaints about versions Coffer accepted").isEmpty();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(pairs.size());
        List<Integer> signs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            signs.add(switch (lines.get(i)) {
                case "0 1" -> -1;
                case "1 0" -> 0;
                case "1 1" -> 1;
                default -> throw new AssertionError("dpkg answered '" + lines.get(i) + "' comparing "
                        + pairs.get(i)[0] + " and " + pairs.get(i)[1]);
            });
        }
        return signs;
    }
}
