package io.coffer.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The laws every scheme's comparator keeps over all strings, fitting or not: it never throws, it
 * is antisymmetric and transitive, it returns 0 only for equal strings, and so sorting gives one
 * result whatever order the input came in.
 */
class OrderingLawsTest {

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void comparatorIsAntisymmetricAndZeroOnlyForEqualStrings(VersionScheme scheme) {
        Comparator<String> order = scheme.comparator();
        Trials.repeat(2000, random -> {
            String a = VersionSamples.anything(random);
            String b = random.nextInt(10) == 0 ? a : VersionSamples.anything(random);

            int ab = Integer.signum(order.compare(a, b));
            int ba = Integer.signum(order.compare(b, a));

            assertThat(ab).as("%s against %s, and back", a, b).isEqualTo(-ba);
            assertThat(ab == 0).as("%s against %s is 0", a, b).isEqualTo(a.equals(b));
        });
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void comparatorIsTransitive(VersionScheme scheme) {
        Comparator<String> order = scheme.comparator();
        Trials.repeat(500, random -> {
            List<String> sorted = VersionSamples.list(random, 12, VersionSamples::anything);

            sorted.sort(order);

            // Sorting only looks at some pairs; every pair of the result must agree with it.
            for (int i = 0; i < sorted.size(); i++) {
                for (int j = i + 1; j < sorted.size(); j++) {
                    assertThat(order.compare(sorted.get(i), sorted.get(j)))
                            .as("%s sorted before %s", sorted.get(i), sorted.get(j)).isLessThanOrEqualTo(0);
                }
            }
        });
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void sortingStringsDoesNotDependOnInputOrder(VersionScheme scheme) {
        Trials.repeat(300, random -> {
            List<String> versions = VersionSamples.list(random, 12, VersionSamples::anything);
            // Equal-ranking neighbours, such as 1.0 and 1.00, are what a stable sort would keep in
            // input order if the comparator failed to break the tie.
            versions.addAll(versions.stream().map(v -> v + "0").toList());
            List<String> shuffled = new ArrayList<>(versions);
            Collections.shuffle(shuffled, random);
            List<String> sorted = new ArrayList<>(versions);
            sorted.sort(scheme.comparator());

            shuffled.sort(scheme.comparator());

            assertThat(shuffled).isEqualTo(sorted);
        });
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void sortingItemsDoesNotDependOnInputOrder(VersionScheme scheme) {
        Trials.repeat(300, random -> {
            List<Upload> uploads = new ArrayList<>();
            for (String version : VersionSamples.list(random, 12, VersionSamples::anything)) {
                uploads.add(new Upload(version, random.nextInt(4)));
            }
            List<Upload> shuffled = new ArrayList<>(uploads);
            Collections.shuffle(shuffled, random);
            List<Upload> fromOriginal = scheme.sorted(uploads, Upload::version, Upload::sequence);

            List<Upload> fromShuffled = scheme.sorted(shuffled, Upload::version, Upload::sequence);

            assertThat(fromShuffled).isEqualTo(fromOriginal);
            assertThat(scheme.latest(shuffled, Upload::version, Upload::sequence)).isEqualTo(
                    fromOriginal.isEmpty() ? Optional.empty() : Optional.of(fromOriginal.getLast()));
        });
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void sortingItemsFollowsTheComparatorAndThenTheUploadSequence(VersionScheme scheme) {
        Comparator<Upload> byVersion = Comparator.comparing(Upload::version, scheme.comparator());
        Comparator<Upload> bySequence = Comparator.comparingLong(Upload::sequence);
        Comparator<Upload> expected = scheme == VersionScheme.OPAQUE
                ? bySequence.thenComparing(byVersion) : byVersion.thenComparing(bySequence);
        Trials.repeat(300, random -> {
            List<Upload> uploads = new ArrayList<>();
            for (String version : VersionSamples.list(random, 12, VersionSamples::anything)) {
                uploads.add(new Upload(version, random.nextInt(4)));
            }
            List<Upload> byComparator = new ArrayList<>(uploads);
            byComparator.sort(expected);

            List<Upload> sorted = scheme.sorted(uploads, Upload::version, Upload::sequence);

            assertThat(sorted).isEqualTo(byComparator);
        });
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void problemNeverThrowsAndQuotesTheVersionOnOneLine(VersionScheme scheme) {
        Trials.repeat(2000, random -> {
            String version = VersionSamples.anything(random);

            Optional<String> problem = scheme.problem(version);

            problem.ifPresent(reason -> assertThat(reason)
                    .startsWith(VersionText.quote(version) + " is not ")
                    .doesNotContain("\n", "\r"));
        });
    }

    private record Upload(String version, long sequence) {
    }
}
