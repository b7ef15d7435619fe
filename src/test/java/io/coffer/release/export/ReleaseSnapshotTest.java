package io.coffer.release.export;

import static io.coffer.release.export.Fixtures.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.Failure;
import io.coffer.release.Approval;
import io.coffer.release.Manifest;
import io.coffer.release.ReleaseItem;
import io.coffer.release.ReleaseStatus;
import io.coffer.release.ReleaseType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseSnapshotTest {

    private static final Instant START = Instant.parse("2027-03-01T21:00:00Z");

    private static ReleaseSnapshot snapshot(String id, ReleaseType type, Instant start, Instant end,
            List<ReleaseItem> items) {
        return new ReleaseSnapshot(id, "t", type, ReleaseStatus.DRAFT, null, null, start, end, null, null, null,
                false, items, List.of());
    }

    private static Manifest manifest(String type, String start, String zone) {
        return new Manifest(1, "REL-1", "t", type, "o", "a", start, start == null ? null : "2027-03-02T02:00:00+01:00",
                zone, List.of(item("a", "1.0.0", "a.bin")),
                List.of(new Approval("x", "approved", null, "2027-02-20T10:00:00Z")), "2027-02-21T08:00:00Z", 1);
    }

    @Test
    void aSnapshotIsMadeFromAManifestAndTheFactsItDoesNotHold() {
        ReleaseSnapshot s = ReleaseSnapshot.of(manifest("major", "2027-03-01T22:00:00+01:00", "Europe/Berlin"),
                ReleaseStatus.APPROVED, "notes", "back out", true);

        assertThat(s.id()).isEqualTo("REL-1");
        assertThat(s.type()).isEqualTo(ReleaseType.MAJOR);
        assertThat(s.windowStart()).isEqualTo(START);
        assertThat(s.windowEnd()).isEqualTo(Instant.parse("2027-03-02T01:00:00Z"));
        assertThat(s.windowZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.items()).hasSize(1);
        assertThat(s.approvals()).hasSize(1);
        assertThat(s.reviewRequired()).isTrue();
    }

    @Test
    void anUnscheduledManifestGivesAnUnscheduledSnapshot() {
        ReleaseSnapshot s = ReleaseSnapshot.of(manifest("minor", null, null), ReleaseStatus.DRAFT, null, null, false);

        assertThat(s.scheduled()).isFalse();
    }

    @Test
    void unreadableManifestFieldsAreRefusedNamingThem() {
        assertThatThrownBy(() -> ReleaseSnapshot.of(manifest("huge", null, null), ReleaseStatus.DRAFT, null, null,
                false)).isInstanceOf(InvalidReleaseContentException.class)
                .hasMessage("Manifest of release 'REL-1' has type 'huge'; expected major, minor or emergency");
        assertThatThrownBy(() -> ReleaseSnapshot.of(manifest("major", "next tuesday", null), ReleaseStatus.DRAFT,
                null, null, false)).hasMessage("Manifest of release 'REL-1' has windowStart 'next tuesday';"
                        + " expected an ISO-8601 time with offset such as 2027-03-01T22:00:00+01:00");
        assertThatThrownBy(() -> ReleaseSnapshot.of(manifest("major", "2027-03-01T22:00:00+01:00", "Mars/Olympus"),
                ReleaseStatus.DRAFT, null, null, false))
                .hasMessage("Manifest of release 'REL-1' has windowZone 'Mars/Olympus'; expected an IANA time zone"
                        + " such as Europe/Berlin");
    }

    @Test
    void eachBadSnapshotIsRefusedWithItsReason() {
        assertThatThrownBy(() -> snapshot(" ", ReleaseType.MINOR, null, null, List.of()))
                .isInstanceOf(InvalidReleaseContentException.class)
                .satisfies(e -> assertThat(((InvalidReleaseContentException) e).failure()).isEqualTo(Failure.INVALID))
                .hasMessage("A release without an id cannot be exported; expected an id such as REL-2027-0003");
        assertThatThrownBy(() -> snapshot("R", null, null, null, List.of()))
                .hasMessage("Release 'R' has no type; expected one to export it");
        assertThatThrownBy(() -> snapshot("R", ReleaseType.MINOR, START, null, List.of()))
                .hasMessage("Release 'R' has a window start but no end; expected both or neither");
        assertThatThrownBy(() -> snapshot("R", ReleaseType.MINOR, START, START.minusSeconds(1), List.of()))
                .hasMessage("Release 'R' has a window ending at 2027-03-01T20:59:59Z, before its start at"
                        + " 2027-03-01T21:00:00Z; expected the end after the start");
        assertThatThrownBy(() -> snapshot("R", ReleaseType.MINOR, null, null,
                List.of(new ReleaseItem("a", "", "a.bin", 1, Fixtures.sha256("a"), null, null))))
                .hasMessage("item 1 of release 'R' has no version; expected a non-blank version");
        assertThatThrownBy(() -> snapshot("R", ReleaseType.MINOR, null, null,
                List.of(new ReleaseItem("a", "1", "a.bin", -1, Fixtures.sha256("a"), null, null))))
                .hasMessage("item 1 of release 'R' (a 1 a.bin) has size -1; expected 0 bytes or more");
    }
}
