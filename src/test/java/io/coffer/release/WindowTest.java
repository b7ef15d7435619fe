package io.coffer.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.library.InvalidRequestException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Weekly windows in local time, above all on the nights the clocks change in London: 28 March 2027
 * (01:00 GMT becomes 02:00 BST at 01:00 UTC) and 31 October 2027 (02:00 BST becomes 01:00 GMT at
 * 01:00 UTC).
 */
class WindowTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Window NIGHT = Window.parse("Sunday 00:30-03:30 Europe/London");

    private static boolean covers(Window w, String start, String end) {
        PlannedWindow planned = PlannedWindow.parse(start, end, "Europe/London");
        return w.covers(planned.startInstant(), planned.endInstant());
    }

    @Test
    void aWindowIsReadFromItsUsualSpelling() {
        Window w = Window.parse("saturday 02:00\u201306:00 Europe/London");

        assertThat(w).isEqualTo(new Window(DayOfWeek.SATURDAY, LocalTime.of(2, 0), LocalTime.of(6, 0), LONDON));
        assertThat(w.toString()).isEqualTo("Saturday 02:00-06:00 Europe/London");
        assertThat(Window.parse("Fri 22:00-24:00 UTC").occurrenceOn(LocalDate.parse("2027-01-01")))
                .isEqualTo(new Window.Occurrence(Instant.parse("2027-01-01T22:00:00Z"),
                        Instant.parse("2027-01-02T00:00:00Z")));
    }

    @Test
    void badWindowsAreRefusedNamingThePart() {
        assertThatThrownBy(() -> Window.parse("Someday 02:00-06:00 Europe/London"))
                .hasMessageContaining("'Someday'");
        assertThatThrownBy(() -> Window.parse("Saturday 25:00-06:00 Europe/London")).hasMessageContaining("25:00");
        assertThatThrownBy(() -> Window.parse("Saturday 02:00-06:00 Mars/Olympus"))
                .hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> Window.parse("Saturday 02:00-06:00 +01:00")).hasMessageContaining("fixed offset");
        assertThatThrownBy(() -> Window.parse("Saturday 2am")).hasMessageContaining("DAY HH:MM-HH:MM ZONE");
    }

    @Test
    void aWindowStaysInLocalTimeSummerAndWinter() {
        Window w = Window.parse("Saturday 02:00-06:00 Europe/London");

        assertThat(w.occurrenceOn(LocalDate.parse("2027-01-09")).start()).isEqualTo("2027-01-09T02:00:00Z");
        assertThat(w.occurrenceOn(LocalDate.parse("2027-07-10")).start()).isEqualTo("2027-07-10T01:00:00Z");
    }

    @Test
    void onTheNightClocksGoForwardTheWindowLastsTwoHours() {
        Window.Occurrence o = NIGHT.occurrenceOn(LocalDate.parse("2027-03-28"));

        assertThat(o.start()).isEqualTo("2027-03-28T00:30:00Z");
        assertThat(o.end()).isEqualTo("2027-03-28T02:30:00Z");
    }

    @Test
    void onTheNightClocksGoForwardAScheduleInsideTheLocalWindowIsAcceptedAndOneJustOutsideRefused() {
        assertThat(covers(NIGHT, "2027-03-28T00:30", "2027-03-28T03:30")).isTrue();
        assertThat(covers(NIGHT, "2027-03-28T02:00", "2027-03-28T03:30")).isTrue();
        assertThat(covers(NIGHT, "2027-03-28T00:45", "2027-03-28T02:15")).isTrue();

        assertThat(covers(NIGHT, "2027-03-28T02:00", "2027-03-28T03:31")).isFalse();
        assertThat(covers(NIGHT, "2027-03-28T00:29", "2027-03-28T00:59")).isFalse();
        // Three hours after 00:30 GMT is 04:30 BST: a window kept in UTC would wrongly allow this.
        assertThat(covers(NIGHT, "2027-03-28T03:00", "2027-03-28T04:00")).isFalse();
    }

    @Test
    void onTheNightClocksGoBackTheWindowLastsFourHours() {
        Window.Occurrence o = NIGHT.occurrenceOn(LocalDate.parse("2027-10-31"));

        assertThat(o.start()).isEqualTo("2027-10-30T23:30:00Z");
        assertThat(o.end()).isEqualTo("2027-10-31T03:30:00Z");
    }

    @Test
    void onTheNightClocksGoBackAScheduleInsideTheLocalWindowIsAcceptedAndOneJustOutsideRefused() {
        // The second 01:30 (GMT) to 03:30 GMT: inside, though 01:00-02:00 happened once already.
        assertThat(covers(NIGHT, "2027-10-31T01:30+00:00", "2027-10-31T03:30")).isTrue();
        assertThat(covers(NIGHT, "2027-10-31T00:30", "2027-10-31T03:30")).isTrue();
        assertThat(covers(NIGHT, "2027-10-31T01:15+01:00", "2027-10-31T01:45+00:00")).isTrue();

        assertThat(covers(NIGHT, "2027-10-31T01:30+00:00", "2027-10-31T03:31")).isFalse();
        assertThat(covers(NIGHT, "2027-10-31T00:29", "2027-10-31T01:00+01:00")).isFalse();
    }

    @Test
    void aWindowStartingInTheSkippedHourOpensWhenTheClocksJump() {
        Window w = Window.parse("Sunday 01:30-03:30 Europe/London");

        Window.Occurrence o = w.occurrenceOn(LocalDate.parse("2027-03-28"));

        assertThat(o.start()).isEqualTo("2027-03-28T01:00:00Z");
        assertThat(covers(w, "2027-03-28T02:00", "2027-03-28T03:00")).isTrue();
        assertThat(covers(w, "2027-03-28T00:59", "2027-03-28T02:30")).isFalse();
    }

    @Test
    void aWindowEndingInTheRepeatedHourEndsTheFirstTimeTheClockShowsIt() {
        Window w = Window.parse("Sunday 00:00-01:30 Europe/London");

        assertThat(w.occurrenceOn(LocalDate.parse("2027-10-31")).end()).isEqualTo("2027-10-31T00:30:00Z");
    }

    @Test
    void aWindowPastMidnightHoldsTimesOnTheNextDay() {
        Window w = Window.parse("Friday 22:00-02:00 Europe/London");

        assertThat(covers(w, "2027-01-08T23:00", "2027-01-09T01:59")).isTrue();
        assertThat(covers(w, "2027-01-09T00:30", "2027-01-09T02:00")).isTrue();
        assertThat(covers(w, "2027-01-09T01:00", "2027-01-09T02:01")).isFalse();
    }

    @Test
    void aPlannedLocalTimeThatDoesNotExistOrHappensTwiceIsRefused() {
        assertThatThrownBy(() -> PlannedWindow.parse("2027-03-28T01:30", "2027-03-28T03:00", "Europe/London"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PlannedWindow.parse("2027-10-31T01:30", "2027-10-31T03:00", "Europe/London"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("happens twice")
                .hasMessageContaining("2027-10-31T01:30+01:00");
        assertThatThrownBy(() -> PlannedWindow.parse("2027-10-31T03:00", "2027-10-31T02:00", "Europe/London"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("before it starts");
        assertThatThrownBy(() -> PlannedWindow.parse("2027-10-31T03:00", "2027-10-31T04:00", "+01:00"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("IANA");
    }

    @Test
    void aPlannedWindowKeepsItsLocalTimeWithTheOffset() {
        PlannedWindow w = PlannedWindow.parse("2027-10-31T01:30+00:00", "2027-10-31T03:00Z", "Europe/London");

        assertThat(w.start()).isEqualTo("2027-10-31T01:30Z");
        assertThat(PlannedWindow.parse("2027-07-01T00:00Z", "2027-07-01T01:00Z", "Europe/London").start())
                .isEqualTo("2027-07-01T01:00+01:00");
    }
}
