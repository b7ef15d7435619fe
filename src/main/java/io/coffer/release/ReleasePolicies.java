package io.coffer.release;

import io.coffer.catalog.Database;
import io.coffer.events.EventLog;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions of the release policy. Each change is a new version with its own event; version 0
 * is the built-in default, in effect until an admin sets one. A release is judged by the version in
 * force when it was submitted.
 */
final class ReleasePolicies {

    private static final Logger log = LoggerFactory.getLogger(ReleasePolicies.class);

    private final Database db;
    private final EventLog events;
    private final ReleaseCatalog rows;
    private final Clock clock;

    ReleasePolicies(Database db, EventLog events, ReleaseCatalog rows, Clock clock) {
        this.db = db;
        this.events = events;
        this.rows = rows;
        this.clock = clock;
    }

    /** The policy in effect: the newest version set, or the built-in default (version 0). */
    PolicyVersion current() {
        return db.read(this::current);
    }

    PolicyVersion current(Handle h) {
        return rows.latestPolicy(h).orElseGet(ReleasePolicies::builtIn);
    }

    /** The version recorded when a release was submitted, or the current one when none was recorded. */
    PolicyVersion atSubmission(Handle h, Integer version) {
        if (version == null) {
            return current(h);
        }
        return version == 0 ? builtIn() : rows.policy(h, version).orElseGet(() -> current(h));
    }

    /**
     * One version of the policy; 0 is the built-in default.
     *
     * @throws NoSuchReleaseException when there is no such version
     */
    PolicyVersion version(int version) {
        if (version == 0) {
            return builtIn();
        }
        return db.read(h -> rows.policy(h, version)).orElseThrow(() -> new NoSuchReleaseException(
                "there is no release policy version " + version));
    }

    /** Every version of the policy, oldest (the built-in default) first. */
    List<PolicyVersion> all() {
        List<PolicyVersion> all = new ArrayList<>();
        all.add(builtIn());
        all.addAll(db.read(rows::policies));
        return all;
    }

    /**
     * Sets a new version of the policy. The same text and format as the policy in effect change
     * nothing.
     *
     * @throws InvalidPolicyException when the text cannot be read or breaks the policy's rules
     * @throws ReleaseRuleException {@code policy-version} when another admin set a policy at the same time
     */
    PolicyVersion set(String text, ReleasePolicy.Format format, String actor) {
        ReleasePolicy parsed = ReleasePolicy.parse(text, format);
        String sha = Releases.sha256(text);
        String at = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        try {
            PolicyVersion set = db.write(h -> {
                PolicyVersion current = current(h);
                if (current.sha256().equals(sha) && current.format().equals(format.id())) {
                    return current;
                }
                PolicyVersion next = new PolicyVersion(current.version() + 1, format.id(), text, sha, actor, at,
                        parsed);
                rows.addPolicy(h, next);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("version", next.version());
                details.put("format", next.format());
                details.put("sha256", sha);
                details.put("previousVersion", current.version());
                details.put("previousSha256", current.sha256());
                events.append(h, actor, "policy.changed", "policy/release", details);
                return next;
            });
            log.info("Release policy version {} in effect, set by {}", set.version(), actor);
            return set;
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                throw new ReleaseRuleException("policy-version", "another policy was set at the same time as this "
                        + "one; read the policy now in effect and set yours again");
            }
            throw e;
        }
    }

    static PolicyVersion builtIn() {
        return new PolicyVersion(0, ReleasePolicy.Format.YAML.id(), ReleasePolicy.DEFAULT_TEXT,
                Releases.sha256(ReleasePolicy.DEFAULT_TEXT), "coffer", null, ReleasePolicy.defaults());
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("UNIQUE constraint failed") || message.contains("duplicate key value")) {
                return true;
            }
        }
        return false;
    }
}
