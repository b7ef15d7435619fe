package io.coffer.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SortingTest {

    private record Upload(String version, long sequence) {
    }

    @Test
    void sortsItemsByVersionUnderAnOrderedScheme() {
        List<Upload> uploads = List.of(new Upload("1.10.0", 1), new Upload("1.2.0", 2), new Upload("1.2.0-rc.1", 3));

        List<Upload> sorted = VersionScheme.SEMVER.sorted(uploads, Upload::version, Upload::sequence);

        assertThat(sorted).extracting(Upload::version).containsExactly("1.2.0-rc.1", "1.2.0", "1.10.0");
    }

    @Test
    void sortsOpaqueVersionsByUploadSequenceAlone() {
        List<Upload> uploads = List.of(new Upload("zebra", 3), new Upload("apple", 7), new Upload("mango", 5));

        List<Upload> sorted = VersionScheme.OPAQUE.sorted(uploads, Upload::version, Upload::sequence);

        assertThat(sorted).extracting(Upload::version).containsExactly("zebra", "mango", "apple");
        assertThat(VersionScheme.OPAQUE.latest(uploads, Upload::version, Upload::sequence))
                .hasValue(new Upload("apple", 7));
    }

    @Test
    void breaksTiesBetweenUploadsOfTheSameVersionByUploadSequence() {
        Upload first = new Upload("1.0", 4);
        Upload second = new Upload("1.0", 9);

        List<Upload> sorted = VersionScheme.DEBIAN.sorted(List.of(second, first), Upload::version, Upload::sequence);

        assertThat(sorted).containsExactly(first, second);
    }

    @Test
    void latestIsTheHighestVersionNotTheLastUpload() {
        List<Upload> uploads = List.of(new Upload("2:1.0", 1), new Upload("9.9", 2), new Upload("1:5.0~rc1", 3));

        assertThat(VersionScheme.DEBIAN.latest(uploads, Upload::version, Upload::sequence))
                .hasValue(new Upload("2:1.0", 1));
    }

    @Test
    void latestOfNothingIsEmpty() {
        assertThat(VersionScheme.RPM.latest(List.<Upload>of(), Upload::version, Upload::sequence)).isEmpty();
    }

    @Test
    void putsVersionsThatDoNotFitBeforeThoseThatDo() {
        List<String> versions = List.of("1.0.0", "banana", "0.1.0", "1.0");

        List<String> sorted = VersionScheme.SEMVER.sorted(versions, v -> v, v -> 0);

        assertThat(sorted).containsExactly("1.0", "banana", "0.1.0", "1.0.0");
    }

    @Test
    void leavesTheGivenCollectionUnchanged() {
        List<String> versions = new java.util.ArrayList<>(List.of("2.0.0", "1.0.0"));

        VersionScheme.SEMVER.sorted(versions, v -> v, v -> 0);

        assertThat(versions).containsExactly("2.0.0", "1.0.0");
    }
}
