package io.coffer.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.CofferException;
import io.coffer.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VersionSchemeTest {

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void parsesItsOwnIdInAnyCase(VersionScheme scheme) {
        assertThat(VersionScheme.parse(scheme.id())).isSameAs(scheme);
        assertThat(VersionScheme.parse(" " + scheme.id().toUpperCase(java.util.Locale.ROOT) + " ")).isSameAs(scheme);
    }

    @Test
    void hasTheIdsTheApiUses() {
        assertThat(VersionScheme.values()).extracting(VersionScheme::id)
                .containsExactly("semver", "debian", "rpm", "maven", "calendar", "opaque");
    }

    @Test
    void refusesAnUnknownSchemeListingTheKnownOnes() {
        assertThatThrownBy(() -> VersionScheme.parse("pep440"))
                .isInstanceOfSatisfying(CofferException.class, e -> assertThat(e.failure()).isEqualTo(Failure.INVALID))
                .hasMessage("Version scheme 'pep440' is unknown; expected one of semver, debian, rpm, maven, "
                        + "calendar, opaque");
    }

    @Test
    void refusesAMissingSchemeName() {
        assertThatThrownBy(() -> VersionScheme.parse(null))
                .isInstanceOf(CofferException.class)
                .hasMessageStartingWith("No version scheme was given; expected one of semver,");
    }

    @Test
    void checkThrowsAnInvalidVersionExceptionCarryingTheSchemeVersionAndReason() {
        assertThatThrownBy(() -> VersionScheme.SEMVER.check("1.2"))
                .isInstanceOfSatisfying(InvalidVersionException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.INVALID);
                    assertThat(e.type()).isEqualTo("invalid-version");
                    assertThat(e.scheme()).isEqualTo(VersionScheme.SEMVER);
                    assertThat(e.version()).isEqualTo("1.2");
                })
                .hasMessage("'1.2' is not a SemVer 2.0 version: expected MAJOR.MINOR.PATCH such as 1.4.2");
    }

    @Test
    void checkAcceptsAFittingVersionSilently() {
        VersionScheme.DEBIAN.check("1:2.30-1");
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void refusesANullVersion(VersionScheme scheme) {
        assertThat(scheme.problem(null)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("No version was given; expected a"));
        assertThatThrownBy(() -> scheme.check(null)).isInstanceOf(InvalidVersionException.class);
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void refusesAnEmptyVersion(VersionScheme scheme) {
        assertThat(scheme.problem("")).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("'' is not a").endsWith(": it is empty"));
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void refusesAVersionOfMoreThan255CharactersShowingItsStart(VersionScheme scheme) {
        String longest = "1" + ".1".repeat(127);
        String tooLong = longest + "1";

        assertThat(longest).hasSize(255);
        assertThat(scheme.problem(longest).orElse("")).doesNotContain("characters long");
        assertThat(scheme.problem(tooLong)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("'" + tooLong.substring(0, 60) + "...' is not a")
                .endsWith(": it is 256 characters long; at most 255 are allowed"));
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void countsCharactersNotUtf16UnitsForTheLengthLimit(VersionScheme scheme) {
        String emoji = "\uD83D\uDE00";

        assertThat(scheme.problem(emoji.repeat(255)).orElse("")).doesNotContain("characters long");
        assertThat(scheme.problem(emoji.repeat(256)).orElse("")).contains("it is 256 characters long");
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void refusesControlCharactersShowingThemEscaped(VersionScheme scheme) {
        assertThat(scheme.problem("1.0.0\n")).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("'1.0.0\\u000A' is not a")
                .endsWith(": it contains the control character U+000A at position 6"));
        assertThat(scheme.problem("1\u00850")).hasValueSatisfying(problem -> assertThat(problem)
                .contains("control character U+0085 at position 2"));
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void refusesAnUnpairedSurrogate(VersionScheme scheme) {
        assertThat(scheme.problem("1.0\uD800")).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("'1.0\\uD800' is not a")
                .endsWith(": it contains the unpaired surrogate U+D800 at position 4"));
    }

    @Test
    void acceptsAnyOtherTextAsAnOpaqueVersion() {
        assertThat(VersionScheme.OPAQUE.problem("Release Candidate 3 – \"Blue\"")).isEmpty();
        assertThat(VersionScheme.OPAQUE.problem("\uD83D\uDE00")).isEmpty();
    }

    @Test
    void comparatorRefusesNullWithANullPointerException() {
        assertThatThrownBy(() -> VersionScheme.SEMVER.comparator().compare(null, "1.0.0"))
                .isInstanceOf(NullPointerException.class);
    }
}
