package io.coffer.http;

import io.coffer.auth.Access;
import io.coffer.library.Library;
import io.coffer.library.NoSuchProductException;
import io.coffer.release.NoSuchReleaseException;
import io.coffer.release.PlannedWindow;
import io.coffer.release.Release;
import io.coffer.release.ReleaseStatus;
import io.coffer.release.ReleaseSummary;
import io.coffer.release.Releases;
import io.coffer.release.export.ReleaseCalendar;
import io.coffer.release.export.ReleaseDiff;
import io.coffer.release.export.ReleaseNotes;
import io.coffer.release.export.ReleaseSnapshot;
import io.coffer.release.export.Sbom;
import io.coffer.versions.VersionScheme;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a release looks like to people and tools outside Coffer: the diff against another release,
 * release notes in Markdown, a CycloneDX SBOM, and the calendar of scheduled releases.
 */
public final class ReleaseExportRoutes implements Routes {

    /** Releases that have gone into production, whose content a later release's notes compare with. */
    private static final List<ReleaseStatus> IN_PRODUCTION = List.of(ReleaseStatus.DEPLOYED, ReleaseStatus.CLOSED);

    private final Releases releases;
    private final Library library;
    private final Clock clock;

    public ReleaseExportRoutes(Releases releases, Library library, Clock clock) {
        this.releases = releases;
        this.library = library;
        this.clock = clock;
    }

    @Override
    public void register(Map<Access, Handler> h) {
        h.put(Access.RELEASE_DIFF, this::diff);
        h.put(Access.RELEASE_NOTES, this::notes);
        h.put(Access.RELEASE_SBOM, ctx -> ctx.contentType(Sbom.MEDIA_TYPE)
                .result(Sbom.cyclonedx(snapshot(releases.release(ctx.pathParam("id"))), clock.instant())));
        h.put(Access.RELEASE_CALENDAR, this::calendar);
    }

    private void diff(Context ctx) {
        Release release = releases.release(ctx.pathParam("id"));
        String against = ctx.queryParam("against");
        Release other = against != null ? releases.release(against) : predecessor(release)
                .orElseThrow(() -> new NoSuchReleaseException("release " + release.id() + " has no baseline and no "
                        + "earlier deployed release to compare with; name one with ?against=REL-..."));
        ReleaseDiff diff = ReleaseDiff.between(other.items(), release.items(), schemes());
        ctx.json(Map.of("release", release.id(), "against", other.id(), "changes", diff.changes()));
    }

    private void notes(Context ctx) {
        Release release = releases.release(ctx.pathParam("id"));
        Optional<Release> predecessor = predecessor(release);
        String markdown = predecessor.isPresent()
                ? ReleaseNotes.markdown(snapshot(release), predecessor.get().id(),
                        ReleaseDiff.between(predecessor.get().items(), release.items(), schemes()))
                : ReleaseNotes.markdown(snapshot(release));
        ctx.contentType(ReleaseNotes.MEDIA_TYPE).result(markdown);
    }

    private void calendar(Context ctx) {
        List<ReleaseSnapshot> planned = new ArrayList<>();
        for (ReleaseStatus status : List.of(ReleaseStatus.SCHEDULED, ReleaseStatus.DEPLOYED, ReleaseStatus.CLOSED)) {
            for (ReleaseSummary summary : releases.list(status, null, 10_000, 0)) {
                if (summary.window() != null) {
                    planned.add(snapshot(releases.release(summary.id())));
                }
            }
        }
        planned.sort(Comparator.comparing(ReleaseSnapshot::windowStart));
        ctx.contentType(ReleaseCalendar.MEDIA_TYPE).result(ReleaseCalendar.ics(planned, clock.instant()));
    }

    /**
     * The release a release's notes compare with: its baseline when it was copied from one, else the
     * newest release created before it that reached production.
     */
    private Optional<Release> predecessor(Release release) {
        if (release.baseline() != null) {
            return Optional.of(releases.release(release.baseline()));
        }
        Optional<String> previous = Optional.empty();
        for (ReleaseStatus status : IN_PRODUCTION) {
            for (ReleaseSummary summary : releases.list(status, null, 10_000, 0)) {
                if (summary.id().compareTo(release.id()) < 0
                        && (previous.isEmpty() || summary.id().compareTo(previous.get()) > 0)) {
                    previous = Optional.of(summary.id());
                }
            }
        }
        return previous.map(releases::release);
    }

    /** Each product's version scheme, looked up once per request; unknown products order as opaque. */
    private Function<String, VersionScheme> schemes() {
        Map<String, VersionScheme> cache = new HashMap<>();
        return product -> cache.computeIfAbsent(product, p -> {
            try {
                return VersionScheme.parse(library.product(p).scheme());
            } catch (NoSuchProductException gone) {
                return VersionScheme.OPAQUE;
            }
        });
    }

    static ReleaseSnapshot snapshot(Release r) {
        PlannedWindow w = r.window();
        return new ReleaseSnapshot(r.id(), r.title(), r.type(), r.status(), r.owner(), r.author(),
                w == null ? null : OffsetDateTime.parse(w.start()).toInstant(),
                w == null ? null : OffsetDateTime.parse(w.end()).toInstant(),
                w == null ? null : ZoneId.of(w.zone()), r.notes(), r.backoutPlan(), r.reviewRequired(), r.items(),
                r.approvals());
    }
}
