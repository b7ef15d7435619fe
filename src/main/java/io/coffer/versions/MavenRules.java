package io.coffer.versions;

import java.util.regex.Pattern;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven versions, ranked by Maven's own {@link ComparableVersion}, so that Coffer ranks artifact
 * versions as Maven resolves them.
 *
 * <p>Maven reads any text as a version, but its comparison is not transitive over all of them:
 * it puts a qualifier found among the numbers below every '-' group, while putting the same
 * qualifier above the plain release, so for example {@code 1-alpha < 1 < 1.a-0.1} and yet
 * {@code 1-alpha > 1.a-0.1}. A sort over such versions can fail or depend on input order. Coffer
 * therefore accepts the shapes that Maven ranks consistently, which are the shapes artifacts use
 * in practice: the text starts with a digit, consists of ASCII letters, digits and '_' with single
 * '.' or '-' between parts, and Maven reads it as numbers followed by qualifier groups, each group
 * a qualifier and then only numbers ({@code 1.2.3}, {@code 1.2.3-SNAPSHOT}, {@code 2.0.0-M1},
 * {@code 5.1.0.SP1}, {@code 1.2.3.Final}, {@code 1.0.0-rc.1}, {@code 31.1-jre},
 * {@code 1.2.3-20240101.123456-1}). A random search over tens of millions of triples of such
 * versions found no cycle, and {@code OrderingLawsTest} keeps searching. Refused shapes include
 * {@code 1.0.0-x.7.z.92} and versions with '+'.
 */
final class MavenRules implements SchemeRules {

    /** Maven's canonical reading: numbers, then '-' groups of a qualifier followed by numbers. */
    private static final Pattern CONSISTENT = Pattern.compile(
            "(?:[0-9]+(?:\\.[0-9]+)*)?(?:-[a-z0-9_]+(?:\\.[0-9]+)*)*");

    private static final String EXPECTED = "expected numbers, then qualifiers, such as 1.2.3, 1.2.3-SNAPSHOT, "
            + "2.0.0-M1 or 5.1.0.SP1";

    @Override
    public String problem(String version) {
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return "it contains the space character " + VersionText.describe(c) + " at position "
                        + VersionText.position(version, i) + "; Maven versions have no whitespace";
            }
            if (!VersionText.isAsciiDigit(c) && !VersionText.isAsciiLetter(c) && c != '_' && !isSeparator(c)) {
                return "it contains " + VersionText.describe(version.codePointAt(i)) + " at position "
                        + VersionText.position(version, i) + "; expected only ASCII letters, digits, '_', '.' and '-'";
            }
            if (isSeparator(c) && (i + 1 == version.length() || isSeparator(version.charAt(i + 1)))) {
                return "it has an empty part after the '" + c + "' at position " + VersionText.position(version, i)
                        + "; " + EXPECTED;
            }
        }
        if (!VersionText.isAsciiDigit(version.charAt(0))) {
            return "it does not start with a digit; " + EXPECTED;
        }
        String canonical = new ComparableVersion(version).getCanonical();
        if (!CONSISTENT.matcher(canonical).matches()) {
            return "Maven reads it as " + VersionText.quote(canonical) + ", with qualifiers between numbers, "
                    + "which Maven does not rank consistently; " + EXPECTED;
        }
        return null;
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == '-';
    }

    @Override
    public int precedence(String a, String b) {
        return Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
    }
}
