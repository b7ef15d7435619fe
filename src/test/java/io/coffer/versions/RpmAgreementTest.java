package io.coffer.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Coffer's RPM ordering against the real rpm, through {@code rpm.vercmp} in rpm's embedded Lua,
 * which parses both texts as {@code [epoch:]version[-release]} and compares them. Each try sends
 * all its pairs to one rpm run.
 */
class RpmAgreementTest {

    private static final RpmRules RULES = new RpmRules();

    @BeforeAll
    static void rpmIsInstalled() {
        OracleTool.require("rpm", "rpm");
    }

    @Test
    void ranksVersionsAsRpmDoes() {
        Trials.repeat(60, random -> ranksAsRpmDoes(VersionSamples.rpmFamilies(random, 12)));
    }

    private static void ranksAsRpmDoes(List<String> versions) {
        List<String> sorted = VersionScheme.RPM.sorted(versions, v -> v, v -> 0);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < versions.size(); i++) {
            pairs.add(new String[] {versions.get(i), versions.get(i + 1)});
            pairs.add(new String[] {sorted.get(i), sorted.get(i + 1)});
        }

        List<Integer> rpm = rpmSigns(pairs);

        for (String version : versions) {
            assertThat(VersionScheme.RPM.problem(version)).as("problem with %s", version).isEmpty();
        }
        for (int i = 0; i < pairs.size(); i++) {
            String a = pairs.get(i)[0];
            String b = pairs.get(i)[1];
            assertThat(Integer.signum(RULES.precedence(a, b))).as("%s against %s", a, b).isEqualTo(rpm.get(i));
            if (i % 2 == 1) {
                assertThat(rpm.get(i)).as("%s sorted before %s", a, b).isLessThanOrEqualTo(0);
            }
        }
    }

    /**
     * rpm compares any non-empty text, so the rules' comparison is checked on arbitrary text too:
     * stray colons and hyphens, separators of every kind and non-ASCII letters.
     */
    @Test
    void comparesArbitraryTextAsRpmDoes() {
        Trials.repeat(30, random -> comparesAsRpmDoes(arbitraryPairs(random)));
    }

    private static void comparesAsRpmDoes(List<String[]> pairs) {
        List<Integer> rpm = rpmSigns(pairs);

        for (int i = 0; i < pairs.size(); i++) {
            String a = pairs.get(i)[0];
            String b = pairs.get(i)[1];
            assertThat(Integer.signum(RULES.precedence(a, b))).as("%s against %s", a, b).isEqualTo(rpm.get(i));
        }
    }

    /** Pairs of non-empty texts, since rpm refuses only empty ones. */
    private static List<String[]> arbitraryPairs(Random random) {
        String chars = "0123456789~^.:-_+aAbZ \u00e9%";
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pairs.add(new String[] {
                VersionSamples.fromChars(random, chars, 1 + random.nextInt(12)),
                VersionSamples.fromChars(random, chars, 1 + random.nextInt(12))});
        }
        return pairs;
    }

    /** rpm's verdict on each pair: -1, 0 or 1 as the first version is lower, equal or higher. */
    private static List<Integer> rpmSigns(List<String[]> pairs) {
        StringBuilder lua = new StringBuilder("local p = {\n");
        for (String[] pair : pairs) {
            lua.append(luaString(pair[0])).append(", ").append(luaString(pair[1])).append(",\n");
        }
        lua.append("}\nlocal out = {}\n")
                .append("for i = 1, #p, 2 do out[#out + 1] = rpm.vercmp(p[i], p[i + 1]) end\n")
                .append("io.write(table.concat(out, \"\\n\"), \"\\n\")\n");
        Path script = null;
        try {
            script = Files.createTempFile("coffer-rpm-vercmp", ".lua");
            Files.writeString(script, lua, StandardCharsets.UTF_8);
            OracleTool.Result result = OracleTool.run(
                    List.of("rpm", "--eval", "%{lua: dofile(\"" + script + "\")}"), "");
            assertThat(result.err()).as("rpm's complaints").isEmpty();
            List<Integer> signs = result.out().lines().filter(line -> !line.isBlank())
                    .map(line -> Integer.signum(Integer.parseInt(line.strip()))).toList();
            assertThat(signs).as("rpm's answers to %s pairs", pairs.size()).hasSize(pairs.size());
            return signs;
        } catch (IOException e) {
            throw new AssertionError("Could not write the Lua script for rpm: " + e.getMessage(), e);
        } finally {
            deleteQuietly(script);
        }
    }

    /** A Lua string literal that spells every UTF-8 byte as a decimal escape, so nothing needs quoting. */
    private static String luaString(String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            literal.append('\\').append(b & 0xff);
        }
        return literal.append('"').toString();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A stray file in the temporary directory does not change the test's verdict.
            }
        }
    }
}
