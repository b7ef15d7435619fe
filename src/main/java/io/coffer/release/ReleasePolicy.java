package io.coffer.release;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What each release type needs: how many approvals, whether test evidence is required, the weekly
 * windows it may be scheduled in; and the change freezes during which only emergencies may be
 * scheduled. Written by an admin as YAML or TOML and kept, versioned, in the catalog.
 *
 * <pre>
 * types:
 *   major:
 *     approvals: 2
 *     testEvidence: true
 *     windows:
 *       - Saturday 02:00-06:00 Europe/London
 *   minor:
 *     approvals: 1
 *     testEvidence: false
 *     windows:
 *       - Saturday 02:00-06:00 Europe/London
 *       - Wednesday 20:00-22:00 Europe/London
 *   emergency:
 *     approvals: 1
 * freezes:
 *   - name: year end
 *     from: 2027-12-20
 *     to: 2028-01-02
 *     zone: Europe/London
 * </pre>
 *
 * <p>All three types must be present. {@code approvals} is 1 to 20 (it is never 0: a release is
 * always approved by someone who is neither its author nor its owner); {@code testEvidence}
 * defaults to false. A type without {@code windows} may be scheduled at any time; an empty list is
 * refused as it would allow no time at all. Freeze dates are read as {@link FreezePeriod} says.
 * Windows and freezes are evaluated in their own zone's local time ({@link Window}).
 *
 * <p>An emergency may be scheduled outside its windows and in a freeze; it is then flagged for
 * review after the fact ({@link ScheduleCheck.Skipped}).
 *
 * @param types the rules of each release type; every type is present
 * @param freezes change freezes, in the order written
 */
public record ReleasePolicy(Map<ReleaseType, Rules> types, List<FreezePeriod> freezes) {

    /** The largest policy text accepted, in bytes. */
    public static final int MAX_BYTES = 64 * 1024;

    /** The policy in effect before an admin sets one (version 0). */
    public static final String DEFAULT_TEXT = """
            # Coffer's built-in release policy (version 0), in effect until an admin sets one.
            # No type has weekly windows, so each may be scheduled at any time, and there are no
            # change freezes.
            types:
              major:
                approvals: 2
                testEvidence: true
              minor:
                approvals: 1
                testEvidence: false
              emergency:
                approvals: 1
                testEvidence: false
            freezes: []
            """;

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper TOML = new TomlMapper();
    private static final ReleasePolicy DEFAULT = parse(DEFAULT_TEXT, Format.YAML);

    /** The text formats a policy may be written in. */
    public enum Format {
        YAML,
        TOML;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The format named {@code yaml} or {@code toml} (any case); throws {@link InvalidPolicyException}. */
        public static Format parse(String id) {
            for (Format f : values()) {
                if (f.id().equalsIgnoreCase(String.valueOf(id).strip())) {
                    return f;
                }
            }
            throw new InvalidPolicyException("policy format '" + id + "' is not known; expected yaml or toml");
        }
    }

    /**
     * The rules of one release type.
     *
     * @param approvals approvals needed, 1 to 20
     * @param testEvidence whether test evidence must be attached before submission
     * @param windows the weekly windows it may be scheduled in; empty means any time
     */
    public record Rules(int approvals, boolean testEvidence, List<Window> windows) {
        public Rules {
            windows = List.copyOf(windows);
        }

        /** Whether the type may be scheduled at any time. */
        public boolean anyTime() {
            return windows.isEmpty();
        }
    }

    public ReleasePolicy {
        types = Map.copyOf(types);
        freezes = List.copyOf(freezes);
    }

    /** The built-in policy, version 0 ({@link #DEFAULT_TEXT}). */
    public static ReleasePolicy defaults() {
        return DEFAULT;
    }

    /** The policy as JSON: the rules by type id, and the freezes. */
    @JsonValue
    public Map<String, Object> asJson() {
        Map<String, Object> byType = new LinkedHashMap<>();
        for (ReleaseType type : ReleaseType.values()) {
            byType.put(type.id(), types.get(type));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("types", byType);
        out.put("freezes", freezes);
        return out;
    }

    /** The rules for a release type. */
    public Rules rules(ReleaseType type) {
        return types.get(type);
    }

    /**
     * Checks a planned window for a release type: it must lie inside one occurrence of one of the
     * type's weekly windows (when it has any), and overlap no freeze. An emergency may skip either
     * rule and is then flagged.
     */
    public ScheduleCheck check(ReleaseType type, Instant start, Instant end) {
        boolean emergency = type == ReleaseType.EMERGENCY;
        for (FreezePeriod freeze : freezes) {
            if (freeze.overlaps(start, end)) {
                String detail = "the window " + start + " to " + end + " overlaps the change freeze " + freeze
                        + ", during which only emergencies may be scheduled";
                return emergency ? new ScheduleCheck.Skipped("change-freeze", detail)
                        : new ScheduleCheck.Refused("change-freeze", detail);
            }
        }
        Rules rules = rules(type);
        if (rules.anyTime() || rules.windows().stream().anyMatch(w -> w.covers(start, end))) {
            return new ScheduleCheck.Fits();
        }
        String detail = "the window " + start + " to " + end + " is not inside one of the windows allowed for "
                + type.id() + " releases: " + rules.windows().stream().map(Window::toString).toList();
        return emergency ? new ScheduleCheck.Skipped("allowed-window", detail)
                : new ScheduleCheck.Refused("allowed-window", detail);
    }

    /**
     * Reads a policy.
     *
     * @throws InvalidPolicyException naming the key and the value that are wrong
     */
    public static ReleasePolicy parse(String text, Format format) {
        if (text == null || text.isBlank()) {
            throw new InvalidPolicyException("the policy is empty; expected " + format.id() + " text with 'types'");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidPolicyException("the policy is " + bytes + " bytes long; at most " + MAX_BYTES
                    + " are allowed");
        }
        JsonNode root;
        try {
            root = (format == Format.YAML ? YAML : TOML).readTree(text);
        } catch (JacksonException e) {
            throw new InvalidPolicyException("the policy is not valid " + format.id() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException("the policy must be a mapping with the keys 'types' and 'freezes'");
        }
        keys(root, "the policy", Set.of("types", "freezes"));
        JsonNode typesNode = root.path("types");
        if (!typesNode.isObject()) {
            throw new InvalidPolicyException("the policy has no 'types' mapping; it must give the rules of major, "
                    + "minor and emergency releases");
        }
        keys(typesNode, "'types'", Set.of("major", "minor", "emergency"));
        Map<ReleaseType, Rules> types = new EnumMap<>(ReleaseType.class);
        for (ReleaseType type : ReleaseType.values()) {
            JsonNode node = typesNode.get(type.id());
            if (node == null || !node.isObject()) {
                throw new InvalidPolicyException("'types' has no mapping for '" + type.id() + "'; the policy must "
                        + "give the rules of major, minor and emergency releases");
            }
            types.put(type, rules(node, "types." + type.id()));
        }
        List<FreezePeriod> freezes = new ArrayList<>();
        JsonNode freezeNode = root.path("freezes");
        if (!freezeNode.isMissingNode() && !freezeNode.isNull()) {
            if (!freezeNode.isArray()) {
                throw new InvalidPolicyException("'freezes' must be a list of freezes, each with name, from, to "
                        + "and zone");
            }
            int i = 0;
            for (JsonNode f : freezeNode) {
                freezes.add(freeze(f, "freezes[" + i++ + "]"));
            }
        }
        return new ReleasePolicy(types, freezes);
    }

    private static Rules rules(JsonNode node, String where) {
        keys(node, where, Set.of("approvals", "testEvidence", "windows"));
        JsonNode approvals = node.path("approvals");
        if (!approvals.isIntegralNumber() || approvals.asLong() < 1 || approvals.asLong() > 20) {
            throw new InvalidPolicyException(where + ".approvals is " + shown(approvals) + "; expected a whole "
                    + "number from 1 to 20");
        }
        JsonNode evidence = node.path("testEvidence");
        if (!evidence.isMissingNode() && !evidence.isBoolean()) {
            throw new InvalidPolicyException(where + ".testEvidence is " + shown(evidence) + "; expected true or "
                    + "false");
        }
        List<Window> windows = new ArrayList<>();
        JsonNode list = node.path("windows");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray() || list.isEmpty()) {
                throw new InvalidPolicyException(where + ".windows is " + shown(list) + "; expected a list of "
                        + "windows such as 'Saturday 02:00-06:00 Europe/London' (leave it out to allow any time)");
            }
            int i = 0;
            for (JsonNode w : list) {
                if (!w.isTextual()) {
                    throw new InvalidPolicyException(where + ".windows[" + i + "] is " + shown(w) + "; expected "
                            + "text such as 'Saturday 02:00-06:00 Europe/London'");
                }
                try {
                    windows.add(Window.parse(w.asText()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidPolicyException(where + ".windows[" + i + "]: " + e.getMessage());
                }
                i++;
            }
        }
        return new Rules(approvals.asInt(), evidence.asBoolean(false), windows);
    }

    private static FreezePeriod freeze(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new InvalidPolicyException(where + " is " + shown(node) + "; expected a mapping with name, from, "
                    + "to and zone");
        }
        keys(node, where, Set.of("name", "from", "to", "zone"));
        try {
            return FreezePeriod.parse(text(node, "name"), text(node, "from"), text(node, "to"), text(node, "zone"));
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException(where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void keys(JsonNode node, String where, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new InvalidPolicyException(where + " has the unknown key '" + key + "'; expected "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private static String shown(JsonNode node) {
        if (node.isMissingNode()) {
            return "missing";
        }
        String s = node.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
