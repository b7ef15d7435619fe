package io.coffer.release.export;

import static io.coffer.release.export.Fixtures.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.coffer.release.ReleaseItem;
import io.coffer.release.export.ReleaseDiff.Change;
import io.coffer.release.export.ReleaseDiff.FileChange;
import io.coffer.release.export.ReleaseDiff.Kind;
import io.coffer.versions.VersionScheme;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReleaseDiffTest {

    private static Function<String, VersionScheme> all(VersionScheme scheme) {
        return product -> scheme;
    }

    private static Change only(ReleaseDiff diff) {
        assertThat(diff.changes()).hasSize(1);
        return diff.changes().getFirst();
    }

    @Test
    void aProductOnlyInTheNewerReleaseIsAddedAndOneOnlyInTheOlderIsRemoved() {
        List<ReleaseItem> from = List.of(item("nginx", "1.24.0", "nginx.deb"));
        List<ReleaseItem> to = List.of(item("curl", "8.5.0", "curl.deb"));

        ReleaseDiff diff = ReleaseDiff.between(from, to, all(VersionScheme.SEMVER));

        assertThat(diff.changes()).extracting(Change::product, Change::kind, Change::fromVersion, Change::toVersion)
                .containsExactly(
                        tuple("curl", Kind.ADDED, null, "8.5.0"),
                        tuple("nginx", Kind.REMOVED, "1.24.0", null));
    }

    @Test
    void debianVersionsRankAsDpkgRanksThemWhereStringOrderWouldSayTheOpposite() {
        // As strings, "1.10" < "1.9", "2.0" < "2.0~rc1" and "1:0.9" < "2.0"; dpkg ranks each the other way.
        String[][] upgrades = {{"1.9-1", "1.10-1"}, {"2.0~rc1-1", "2.0-1"}, {"2.0-1", "1:0.9-1"}};

        for (String[] pair : upgrades) {
            Change up = only(ReleaseDiff.between(List.of(item("pkg", pair[0], "pkg.deb")),
                    List.of(item("pkg", pair[1], "pkg.deb")), all(VersionScheme.DEBIAN)));
            Change down = only(ReleaseDiff.between(List.of(item("pkg", pair[1], "pkg.deb")),
                    List.of(item("pkg", pair[0], "pkg.deb")), all(VersionScheme.DEBIAN)));

            assertThat(up.kind()).as("%s -> %s", pair[0], pair[1]).isEqualTo(Kind.UPGRADED);
            assertThat(down.kind()).as("%s -> %s", pair[1], pair[0]).isEqualTo(Kind.DOWNGRADED);
        }
    }

    @Test
    void mavenVersionsRankAsMavenRanksThem() {
        // A snapshot comes before its release, and an alpha before the final version.
        String[][] upgrades = {{"1.0-SNAPSHOT", "1.0"}, {"1.0-alpha-1", "1.0"}, {"1.9", "1.10"}};

        for (String[] pair : upgrades) {
            Change up = only(ReleaseDiff.between(List.of(item("g:a", pair[0], "a.jar")),
                    List.of(item("g:a", pair[1], "a.jar")), all(VersionScheme.MAVEN)));

            assertThat(up.kind()).as("%s -> %s", pair[0], pair[1]).isEqualTo(Kind.UPGRADED);
        }
    }

    @Test
    void eachProductIsRankedByItsOwnScheme() {
        List<ReleaseItem> from = List.of(item("lib", "1.0-SNAPSHOT", "lib.jar"), item("tool", "1.0~rc1", "t.deb"));
        List<ReleaseItem> to = List.of(item("lib", "1.0", "lib.jar"), item("tool", "1.0", "t.deb"));

        ReleaseDiff diff = ReleaseDiff.between(from, to,
                Map.of("lib", VersionScheme.MAVEN, "tool", VersionScheme.DEBIAN)::get);

        assertThat(diff.changes()).extracting(Change::kind).containsExactly(Kind.UPGRADED, Kind.UPGRADED);
    }

    @Test
    void theSameVersionWithOtherBytesIsChangedAndNamesTheFile() {
        ReleaseItem before = item("app", "2.0.0", "app.jar", "first build");
        ReleaseItem after = item("app", "2.0.0", "app.jar", "rebuilt");

        Change change = only(ReleaseDiff.between(List.of(before), List.of(after), all(VersionScheme.SEMVER)));

        assertThat(change.kind()).isEqualTo(Kind.CHANGED);
        assertThat(change.files()).containsExactly(
                new FileChange("2.0.0", "app.jar", before.sha256(), after.sha256()));
        assertThat(change.files().getFirst().describe())
                .isEqualTo("app.jar (2.0.0): sha256 " + before.sha256().substring(0, 12) + " -> "
                        + after.sha256().substring(0, 12));
    }

    @Test
    void aFileAddedToOrRemovedFromTheSameVersionIsAChange() {
        List<ReleaseItem> from = List.of(item("app", "2.0.0", "app.jar"), item("app", "2.0.0", "app-docs.zip"));
        List<ReleaseItem> to = List.of(item("app", "2.0.0", "app.jar"), item("app", "2.0.0", "app.sig"));

        Change change = only(ReleaseDiff.between(from, to, all(VersionScheme.SEMVER)));

        assertThat(change.kind()).isEqualTo(Kind.CHANGED);
        assertThat(change.files()).extracting(FileChange::describe)
                .containsExactly("app-docs.zip (2.0.0): removed", "app.sig (2.0.0): added");
    }

    @Test
    void identicalContentIsUnchangedAndNothingIsListedAsChanged() {
        List<ReleaseItem> items = List.of(item("a", "1.0.0", "a.bin"), item("b", "2.0.0", "b.bin"));

        ReleaseDiff diff = ReleaseDiff.between(items, List.copyOf(items), all(VersionScheme.SEMVER));

        assertThat(diff.changes()).extracting(Change::kind).containsExactly(Kind.UNCHANGED, Kind.UNCHANGED);
        assertThat(diff.changed()).isEmpty();
        assertThat(diff.counts()).containsExactly(Map.entry(Kind.UNCHANGED, 2));
    }

    @Test
    void opaqueVersionsAndVersionsThatDoNotFitTheSchemeAreReplacedNotRanked() {
        Change opaque = only(ReleaseDiff.between(List.of(item("acme", "Build B", "setup.exe")),
                List.of(item("acme", "Build A", "setup.exe")), all(VersionScheme.OPAQUE)));
        Change misfit = only(ReleaseDiff.between(List.of(item("x", "1.0.0", "x.bin")),
                List.of(item("x", "latest", "x.bin")), all(VersionScheme.SEMVER)));

        assertThat(opaque.kind()).isEqualTo(Kind.REPLACED);
        assertThat(misfit.kind()).isEqualTo(Kind.REPLACED);
    }

    @Test
    void aProductHeldInSeveralVersionsIsRankedByItsHighest() {
        List<ReleaseItem> from = List.of(item("jdk", "17.0.9", "jdk17.tgz"), item("jdk", "21.0.1", "jdk21.tgz"));
        List<ReleaseItem> upgraded = List.of(item("jdk", "17.0.9", "jdk17.tgz"), item("jdk", "21.0.2", "jdk21.tgz"));
        List<ReleaseItem> dropped = List.of(item("jdk", "21.0.1", "jdk21.tgz"));

        Change up = only(ReleaseDiff.between(from, upgraded, all(VersionScheme.SEMVER)));
        Change drop = only(ReleaseDiff.between(from, dropped, all(VersionScheme.SEMVER)));

        assertThat(up.kind()).isEqualTo(Kind.UPGRADED);
        assertThat(up.fromVersions()).containsExactly("17.0.9", "21.0.1");
        assertThat(up.toVersions()).containsExactly("17.0.9", "21.0.2");
        assertThat(drop.kind()).isEqualTo(Kind.CHANGED);
        assertThat(drop.files()).isEmpty();
    }

    @Test
    void theDiffDoesNotDependOnTheOrderOfTheItems() {
        List<ReleaseItem> from = new ArrayList<>();
        List<ReleaseItem> to = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            from.add(item("p" + i, "1." + i + ".0", "f" + i + ".bin"));
            to.add(item("p" + (i + 5), "1." + (i % 7) + ".0", "f" + (i + 5) + ".bin"));
            to.add(item("p" + (i + 5), "1." + (i % 7) + ".0", "g" + (i + 5) + ".bin", "other " + i));
        }
        ReleaseDiff expected = ReleaseDiff.between(from, to, all(VersionScheme.SEMVER));
        Random random = new Random(20270301L);

        for (int round = 0; round < 20; round++) {
            Collections.shuffle(from, random);
            Collections.shuffle(to, random);

            assertThat(ReleaseDiff.between(from, to, all(VersionScheme.SEMVER))).isEqualTo(expected);
        }
        assertThat(expected.changes()).extracting(Change::product).isSorted();
    }

    @Test
    void theSameFileTwiceInAReleaseIsRefusedNamingIt() {
        List<ReleaseItem> twice = List.of(item("a", "1.0.0", "a.bin", "one"), item("a", "1.0.0", "a.bin", "two"));

        assertThatThrownBy(() -> ReleaseDiff.between(List.of(), twice, all(VersionScheme.SEMVER)))
                .isInstanceOf(InvalidReleaseContentException.class)
                .hasMessage("item 2 of the newer release (a 1.0.0 a.bin) appears more than once;"
                        + " expected each file of a version once");
    }

    @Test
    void anItemWithoutAProperDigestIsRefusedNamingIt() {
        ReleaseItem bad = new ReleaseItem("a", "1.0.0", "a.bin", 3, "ABC", null, null);

        assertThatThrownBy(() -> ReleaseDiff.between(List.of(bad), List.of(), all(VersionScheme.SEMVER)))
                .isInstanceOf(InvalidReleaseContentException.class)
                .hasMessage("item 1 of the older release (a 1.0.0 a.bin) has SHA-256 'ABC';"
                        + " expected 64 lower-case hex digits");
    }
}
