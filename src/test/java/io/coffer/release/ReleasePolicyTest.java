package io.coffer.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleasePolicyTest {

    static final String YAML = """
            types:
              major:
                approvals: 2
                testEvidence: true
                windows:
                  - Saturday 02:00-06:00 Europe/London
              minor:
                approvals: 1
                windows:
                  - Saturday 02:00-06:00 Europe/London
                  - Sunday 00:30-03:30 Europe/London
              emergency:
                approvals: 1
                windows:
                  - Saturday 02:00-06:00 Europe/London
            freezes:
              - name: year end
                from: 2027-12-20
                to: 2028-01-02
                zone: Europe/London
            """;

    static final String TOML = """
            [types.major]
            approvals = 2
            testEvidence = true
            windows = ["Saturday 02:00-06:00 Europe/London"]

            [types.minor]
            approvals = 1
            windows = ["Saturday 02:00-06:00 Europe/London", "Sunday 00:30-03:30 Europe/London"]

            [types.emergency]
            approvals = 1
            windows = ["Saturday 02:00-06:00 Europe/London"]

            [[freezes]]
            name = "year end"
            from = "2027-12-20"
            to = "2028-01-02"
            zone = "Europe/London"
            """;

    private static ScheduleCheck check(ReleasePolicy p, ReleaseType type, String start, String end) {
        PlannedWindow w = PlannedWindow.parse(start, end, "Europe/London");
        return p.check(type, w.startInstant(), w.endInstant());
    }

    @Test
    void yamlAndTomlSayTheSamePolicy() {
        ReleasePolicy yaml = ReleasePolicy.parse(YAML, ReleasePolicy.Format.YAML);
        ReleasePolicy toml = ReleasePolicy.parse(TOML, ReleasePolicy.Format.TOML);

        assertThat(toml).isEqualTo(yaml);
        assertThat(yaml.rules(ReleaseType.MAJOR)).isEqualTo(new ReleasePolicy.Rules(2, true,
                List.of(Window.parse("Saturday 02:00-06:00 Europe/London"))));
        assertThat(yaml.rules(ReleaseType.MINOR).testEvidence()).isFalse();
        assertThat(yaml.freezes()).containsExactly(FreezePeriod.parse("year end", "2027-12-20", "2028-01-02",
                "Europe/London"));
    }

    @Test
    void theBuiltInPolicyAsksTwoApprovalsAndEvidenceForMajorReleasesAndAllowsAnyTime() {
        ReleasePolicy p = ReleasePolicy.defaults();

        assertThat(p.rules(ReleaseType.MAJOR)).isEqualTo(new ReleasePolicy.Rules(2, true, List.of()));
        assertThat(p.rules(ReleaseType.MINOR)).isEqualTo(new ReleasePolicy.Rules(1, false, List.of()));
        assertThat(p.rules(ReleaseType.EMERGENCY)).isEqualTo(new ReleasePolicy.Rules(1, false, List.of()));
        assertThat(p.freezes()).isEmpty();
        assertThat(check(p, ReleaseType.MAJOR, "2027-03-03T14:00", "2027-03-03T15:00"))
                .isInstanceOf(ScheduleCheck.Fits.class);
    }

    @Test
    void thePolicyIsWrittenAsJsonByTypeId() {
        String json = Json.canonical(ReleasePolicy.parse(YAML, ReleasePolicy.Format.YAML));

        assertThat(json).startsWith("{\"freezes\":[{\"from\":\"2027-12-20T00:00:00\",\"name\":\"year end\","
                + "\"to\":\"2028-01-03T00:00:00\",\"zone\":\"Europe/London\"}],\"types\":{\"emergency\":");
        assertThat(json).contains("\"major\":{\"approvals\":2,\"testEvidence\":true,\"windows\":"
                + "[\"Saturday 02:00-06:00 Europe/London\"]}");
    }

    @Test
    void aFreezeBlocksEveryTypeButEmergenciesWhichAreFlagged() {
        ReleasePolicy p = ReleasePolicy.parse(YAML, ReleasePolicy.Format.YAML);

        ScheduleCheck minor = check(p, ReleaseType.MINOR, "2027-12-25T02:00", "2027-12-25T03:00");
        ScheduleCheck emergency = check(p, ReleaseType.EMERGENCY, "2027-12-25T02:00", "2027-12-25T03:00");
        ScheduleCheck lastDay = check(p, ReleaseType.MINOR, "2028-01-02T23:30", "2028-01-03T00:30");
        ScheduleCheck after = check(p, ReleaseType.MINOR, "2028-01-08T02:00", "2028-01-08T03:00");

        assertThat(minor).isInstanceOfSatisfying(ScheduleCheck.Refused.class,
                r -> assertThat(r.rule()).isEqualTo("change-freeze"));
        assertThat(((ScheduleCheck.Refused) minor).detail()).contains("'year end'");
        assertThat(emergency).isInstanceOfSatisfying(ScheduleCheck.Skipped.class,
                s -> assertThat(s.rule()).isEqualTo("change-freeze"));
        assertThat(lastDay).isInstanceOf(ScheduleCheck.Refused.class);
        assertThat(after).isInstanceOf(ScheduleCheck.Fits.class);
    }

    @Test
    void outsideTheWindowsANormalReleaseIsRefusedAndAnEmergencyFlagged() {
        ReleasePolicy p = ReleasePolicy.parse(YAML, ReleasePolicy.Format.YAML);

        ScheduleCheck inside = check(p, ReleaseType.MAJOR, "2027-03-06T02:00", "2027-03-06T06:00");
        ScheduleCheck late = check(p, ReleaseType.MAJOR, "2027-03-06T05:00", "2027-03-06T06:01");
        ScheduleCheck emergency = check(p, ReleaseType.EMERGENCY, "2027-03-03T14:00", "2027-03-03T15:00");

        assertThat(inside).isInstanceOf(ScheduleCheck.Fits.class);
        assertThat(late).isInstanceOfSatisfying(ScheduleCheck.Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("allowed-window");
            assertThat(r.detail()).contains("Saturday 02:00-06:00 Europe/London");
        });
        assertThat(emergency).isInstanceOfSatisfying(ScheduleCheck.Skipped.class,
                s -> assertThat(s.rule()).isEqualTo("allowed-window"));
    }

    @Test
    void aFreezeIsKeptInItsLocalTime() {
        FreezePeriod f = FreezePeriod.parse("summer", "2027-07-01T18:00", "2027-07-02T08:00", "Europe/London");

        assertThat(f.begins()).isEqualTo(Instant.parse("2027-07-01T17:00:00Z"));
        assertThat(f.overlaps(Instant.parse("2027-07-01T16:00:00Z"), Instant.parse("2027-07-01T17:00:00Z")))
                .isFalse();
        assertThat(f.overlaps(Instant.parse("2027-07-01T16:00:00Z"), Instant.parse("2027-07-01T17:00:01Z")))
                .isTrue();
    }

    @Test
    void eachMistakeInAPolicyIsNamedWithItsPlace() {
        assertRefused("", "empty");
        assertRefused("types: [", "not valid yaml");
        assertRefused("- 1\n- 2\n", "must be a mapping");
        assertRefused("types: {}\nfrezes: []\n", "unknown key 'frezes'");
        assertRefused(YAML.replace("approvals: 2", "approvals: 0"), "types.major.approvals is 0");
        assertRefused(YAML.replace("approvals: 2", "approvals: two"), "types.major.approvals is \"two\"");
        assertRefused(YAML.replace("testEvidence: true", "testEvidence: maybe"), "types.major.testEvidence");
        assertRefused(YAML.replace("  emergency:\n    approvals: 1\n    windows:\n      - Saturday 02:00-06:00 "
                + "Europe/London\n", ""), "no mapping for 'emergency'");
        assertRefused(YAML.replace("Sunday 00:30-03:30", "Sunday 00:30-27:30"), "types.minor.windows[1]");
        assertRefused(YAML.replace("approvals: 2\n    testEvidence: true\n    windows:\n      - Saturday 02:00-06:00"
                + " Europe/London", "approvals: 2\n    windows: []"), "types.major.windows is []");
        assertRefused(YAML.replace("to: 2028-01-02", "to: 2027-12-01"), "ends");
        assertRefused(YAML.replace("zone: Europe/London", "zone: Europe/Londres"), "Europe/Londres");
        assertRefused(YAML.replace("from: 2027-12-20", "from: 20 December"), "freezes[0]");
        assertRefused("#" + "x".repeat(ReleasePolicy.MAX_BYTES), "bytes long");
    }

    private static void assertRefused(String text, String message) {
        assertThatThrownBy(() -> ReleasePolicy.parse(text, ReleasePolicy.Format.YAML))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining(message);
    }

    @Test
    void aTomlMistakeIsNamedToo() {
        assertThatThrownBy(() -> ReleasePolicy.parse("[types.major\napprovals = 2", ReleasePolicy.Format.TOML))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("not valid toml");
    }
}
