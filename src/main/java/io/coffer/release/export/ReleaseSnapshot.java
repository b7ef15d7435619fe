package io.coffer.release.export;

import io.coffer.release.Approval;
import io.coffer.release.Manifest;
import io.coffer.release.ReleaseItem;
import io.coffer.release.ReleaseStatus;
import io.coffer.release.ReleaseType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the exports know of a release at the moment they are made: its facts, its pinned items
 * and its approvals. Built by the caller from the release (or from its {@link Manifest} with
 * {@link #of}); the exports read nothing else.
 *
 * @param id the release identifier, e.g. {@code REL-2027-0003}; never blank
 * @param title a one-line title; may hold any text, the exports escape it
 * @param owner the release owner, or null
 * @param author who created the release, or null
 * @param windowStart start of the planned window, or null when the release is not scheduled
 * @param windowEnd end of the planned window, or null; both or neither are given
 * @param windowZone the time zone the window was planned in, or null for UTC
 * @param notes free text release notes, several lines allowed, or null
 * @param backOutPlan how to go back should the release fail, several lines allowed, or null
 * @param reviewRequired whether the release is flagged for review, as emergencies that bypass
 *     the policy are
 * @param items the media items of the release, in any order; each file once
 * @param approvals the decisions of the approvers, in the order they were made
 */
public record ReleaseSnapshot(String id, String title, ReleaseType type, ReleaseStatus status, String owner,
        String author, Instant windowStart, Instant windowEnd, ZoneId windowZone, String notes, String backOutPlan,
        boolean reviewRequired, List<ReleaseItem> items, List<Approval> approvals) {

    /**
     * Checks the snapshot.
     *
     * @throws InvalidReleaseContentException when the id is blank, the type or status is missing,
     *     only one end of the window is given, the window ends before it starts, or an item is
     *     incomplete or given twice (see the message)
     */
    public ReleaseSnapshot {
        if (id == null || id.isBlank()) {
            throw new InvalidReleaseContentException("A release without an id cannot be exported; expected an id"
                    + " such as REL-2027-0003");
        }
        if (type == null || status == null) {
            throw new InvalidReleaseContentException("Release " + Text.quote(id) + " has no "
                    + (type == null ? "type" : "status") + "; expected one to export it");
        }
        if ((windowStart == null) != (windowEnd == null)) {
            throw new InvalidReleaseContentException("Release " + Text.quote(id) + " has a window "
                    + (windowStart == null ? "end but no start" : "start but no end") + "; expected both or neither");
        }
        if (windowStart != null && windowEnd.isBefore(windowStart)) {
            throw new InvalidReleaseContentException("Release " + Text.quote(id) + " has a window ending at "
                    + windowEnd + ", before its start at " + windowStart + "; expected the end after the start");
        }
        items = Items.checked(items, "release " + Text.quote(id));
        approvals = List.copyOf(Objects.requireNonNull(approvals, "approvals"));
    }

    /**
     * The snapshot of a frozen release, from its manifest and the facts the manifest does not hold.
     *
     * @throws InvalidReleaseContentException when the manifest's type, window times or time zone
     *     cannot be read, or as the constructor does
     */
    public static ReleaseSnapshot of(Manifest manifest, ReleaseStatus status, String notes, String backOutPlan,
            boolean reviewRequired) {
        String id = manifest.release();
        return new ReleaseSnapshot(id, manifest.title(), type(id, manifest.type()), status, manifest.owner(),
                manifest.author(), instant(id, "windowStart", manifest.windowStart()),
                instant(id, "windowEnd", manifest.windowEnd()), zone(id, manifest.windowZone()), notes,
                backOutPlan, reviewRequired, manifest.items() == null ? List.of() : manifest.items(),
                manifest.approvals() == null ? List.of() : manifest.approvals());
    }

    /** Whether the release has a planned window. */
    public boolean scheduled() {
        return windowStart != null;
    }

    /** The zone to show the window in: the one it was planned in, else UTC. */
    ZoneId zone() {
        return windowZone == null ? ZoneId.of("UTC") : windowZone;
    }

    private static ReleaseType type(String id, String text) {
        for (ReleaseType t : ReleaseType.values()) {
            if (t.id().equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new InvalidReleaseContentException("Manifest of release " + Text.quote(id) + " has type "
                + Text.quote(text) + "; expected major, minor or emergency");
    }

    private static Instant instant(String id, String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidReleaseContentException("Manifest of release " + Text.quote(id) + " has " + field + " "
                    + Text.quote(text) + "; expected an ISO-8601 time with offset such as 2027-03-01T22:00:00+01:00");
        }
    }

    private static ZoneId zone(String id, String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new InvalidReleaseContentException("Manifest of release " + Text.quote(id) + " has windowZone "
                    + Text.quote(text) + "; expected an IANA time zone such as Europe/Berlin");
        }
    }
}
