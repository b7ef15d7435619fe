package io.coffer.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.coffer.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Reads in-toto statements carrying SLSA provenance and maps them onto a build record.
 *
 * <p>A document is one JSON value or JSON Lines (the {@code .intoto.jsonl} files that builders
 * publish), each value a statement or a DSSE envelope around one. Accepted are statements of type
 * {@code https://in-toto.io/Statement/v1} and {@code v0.1} with predicate type
 * {@code https://slsa.dev/provenance/v1} or {@code v0.2}. The envelope is unwrapped but its
 * signatures are not checked: Coffer holds no keys of builders yet, so an imported statement says
 * what the person importing it vouches for, no more; the envelope is kept whole, so its signatures
 * can be checked later against the builder's key.
 *
 * <p>The mapping, for v1: the source repository and revision are the first resolved dependency
 * with a git commit digest (else the first with a URI, else {@code source}, {@code repository} or
 * {@code workflow.repository} of the external parameters); the builder is
 * {@code runDetails.builder.id}; the build command is the build type with the external
 * parameters; the environment is the internal parameters. For v0.2: the source is
 * {@code invocation.configSource} (else the first material), the builder {@code builder.id}, the
 * build command the build type with the entry point and parameters, the environment
 * {@code invocation.environment}.
 */
final class Provenance {

    static final String STATEMENT_V1 = "https://in-toto.io/Statement/v1";
    static final String STATEMENT_V01 = "https://in-toto.io/Statement/v0.1";
    static final String SLSA_V1 = "https://slsa.dev/provenance/v1";
    static final String SLSA_V02 = "https://slsa.dev/provenance/v0.2";
    private static final String DSSE_PAYLOAD_TYPE = "application/vnd.in-toto+json";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final List<String> REVISION_DIGESTS = List.of("gitCommit", "sha1", "sha256", "sha512");
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** One statement of a document: its original text (an envelope stays whole) and what it says. */
    record Statement(String text, String statementType, String predicateType, List<Subject> subjects,
            BuildInfo build) {}

    /** An artifact the statement is about. */
    record Subject(String name, String sha256) {}

    private Provenance() {}

    /** The text of a document as UTF-8, refusing bytes that are not. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidProvenanceException("the provenance document is not UTF-8 text (JSON is); is it a "
                    + "binary file?", e);
        }
    }

    /**
     * Every statement of a document.
     *
     * @throws InvalidProvenanceException naming the first part that is not a statement Coffer reads
     */
    static List<Statement> read(String document) {
        String text = document.strip();
        if (text.isEmpty()) {
            throw new InvalidProvenanceException("the provenance document is empty; expected an in-toto statement "
                    + "(JSON) or a .intoto.jsonl file");
        }
        List<String> parts = new ArrayList<>();
        JsonNode whole = tryParse(text);
        if (whole != null) {
            parts.add(text);
        } else {
            text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(parts::add);
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String where = parts.size() == 1 ? "the provenance document" : "line " + (i + 1) + " of the provenance "
                    + "document";
            JsonNode node = whole != null ? whole : parse(parts.get(i), where);
            statements.add(statement(parts.get(i), node, where));
        }
        return statements;
    }

    private static JsonNode tryParse(String text) {
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode parse(String text, String where) {
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidProvenanceException(where + " is not JSON: " + e.getOriginalMessage()
                    + "; expected an in-toto statement or a DSSE envelope around one", e);
        }
    }

    private static Statement statement(String text, JsonNode node, String where) {
        if (!node.isObject()) {
            throw new InvalidProvenanceException(where + " is a JSON " + node.getNodeType().name()
                    .toLowerCase(Locale.ROOT) + "; expected an in-toto statement (a JSON object)");
        }
        JsonNode statement = node.has("payloadType") || node.has("payload") ? unwrap(node, where) : node;
        String type = text(statement, where, "_type");
        if (!STATEMENT_V1.equals(type) && !STATEMENT_V01.equals(type)) {
            throw new InvalidProvenanceException(where + " has _type " + quote(type) + "; expected an in-toto "
                    + "statement, " + STATEMENT_V1 + " or " + STATEMENT_V01);
        }
        String predicateType = text(statement, where, "predicateType");
        if (!SLSA_V1.equals(predicateType) && !SLSA_V02.equals(predicateType)) {
            throw new InvalidProvenanceException(where + " has predicateType " + quote(predicateType)
                    + "; expected SLSA provenance, " + SLSA_V1 + " or " + SLSA_V02);
        }
        List<Subject> subjects = subjects(statement, where);
        JsonNode predicate = statement.path("predicate");
        if (!predicate.isObject()) {
            throw new InvalidProvenanceException(where + " has no predicate object; SLSA provenance is in "
                    + "'predicate'");
        }
        BuildInfo build = SLSA_V1.equals(predicateType) ? v1(predicate, where) : v02(predicate, where);
        return new Statement(text, type, predicateType, subjects, build);
    }

    private static JsonNode unwrap(JsonNode envelope, String where) {
        String payloadType = text(envelope, where, "payloadType");
        if (!DSSE_PAYLOAD_TYPE.equals(payloadType)) {
            throw new InvalidProvenanceException(where + " is a DSSE envelope with payloadType " + quote(payloadType)
                    + "; expected " + DSSE_PAYLOAD_TYPE);
        }
        String payload = text(envelope, where, "payload");
        if (payload == null) {
            throw new InvalidProvenanceException(where + " is a DSSE envelope without a payload");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(payload.strip());
        } catch (IllegalArgumentException e) {
            try {
                bytes = Base64.getUrlDecoder().decode(payload.strip());
            } catch (IllegalArgumentException e2) {
                throw new InvalidProvenanceException(where + " is a DSSE envelope whose payload is not base64", e2);
            }
        }
        JsonNode inner = parse(decode(bytes), "the payload of " + where);
        if (!inner.isObject()) {
            throw new InvalidProvenanceException("the payload of " + where + " is not a JSON object; expected an "
                    + "in-toto statement");
        }
        return inner;
    }

    private static List<Subject> subjects(JsonNode statement, String where) {
        JsonNode subject = statement.path("subject");
        if (!subject.isArray() || subject.isEmpty()) {
            throw new InvalidProvenanceException(where + " has no subject; a statement names the artifacts it is "
                    + "about in a non-empty 'subject' array");
        }
        List<Subject> out = new ArrayList<>();
        for (JsonNode s : subject) {
            String name = s.path("name").isTextual() ? s.path("name").asText() : null;
            JsonNode sha = s.path("digest").path("sha256");
            if (sha.isMissingNode()) {
                continue;
            }
            if (!sha.isTextual() || !SHA256.matcher(sha.asText()).matches()) {
                throw new InvalidProvenanceException(where + " has subject " + quote(name) + " with sha256 "
                        + quote(sha.isTextual() ? sha.asText() : sha.toString()) + "; expected 64 hex digits");
            }
            out.add(new Subject(name, sha.asText().toLowerCase(Locale.ROOT)));
        }
        if (out.isEmpty()) {
            throw new InvalidProvenanceException(where + " has no subject with a sha256 digest; Coffer identifies "
                    + "media by SHA-256");
        }
        return List.copyOf(out);
    }

    private static BuildInfo v1(JsonNode predicate, String where) {
        JsonNode definition = object(predicate, where, "buildDefinition");
        JsonNode run = object(predicate, where, "runDetails");
        JsonNode external = definition.path("externalParameters");
        String repository = null;
        String revision = null;
        JsonNode dependency = sourceDependency(definition.path("resolvedDependencies"));
        if (dependency != null) {
            repository = text(dependency, where, "uri");
            revision = revision(dependency.path("digest"));
        }
        if (repository == null) {
            repository = firstText(external.path("source"), external.path("repository"),
                    external.path("workflow").path("repository"));
        }
        if (revision == null) {
            revision = firstText(external.path("revision"), external.path("commit"));
        }
        String builder = text(run.path("builder"), where + " runDetails.builder", "id");
        String command = describe(text(definition, where + " buildDefinition", "buildType"),
                Map.of("externalParameters", external));
        return new BuildInfo(repository, revision, builder, command, json(definition.path("internalParameters")));
    }

    private static BuildInfo v02(JsonNode predicate, String where) {
        JsonNode invocation = predicate.path("invocation");
        JsonNode config = invocation.path("configSource");
        String repository = config.path("uri").isTextual() ? config.path("uri").asText() : null;
        String revision = revision(config.path("digest"));
        if (repository == null) {
            JsonNode material = sourceDependency(predicate.path("materials"));
            if (material != null) {
                repository = text(material, where, "uri");
                revision = revision(material.path("digest"));
            }
        }
        String builder = text(predicate.path("builder"), where + " builder", "id");
        String entryPoint = config.path("entryPoint").isTextual() ? config.path("entryPoint").asText() : null;
        String command = describe(text(predicate, where, "buildType"),
                entryPoint == null ? Map.of("parameters", invocation.path("parameters"))
                        : Map.of("entryPoint", config.path("entryPoint"), "parameters", invocation.path("parameters")));
        return new BuildInfo(repository, revision, builder, command, json(invocation.path("environment")));
    }

    /** The dependency (or material) that is the source: the first with a git commit, else the first with a URI. */
    private static JsonNode sourceDependency(JsonNode list) {
        if (!list.isArray()) {
            return null;
        }
        for (JsonNode d : list) {
            if (d.path("uri").isTextual() && d.path("digest").path("gitCommit").isTextual()) {
                return d;
            }
        }
        for (JsonNode d : list) {
            if (d.path("uri").isTextual()) {
                return d;
            }
        }
        return null;
    }

    private static String revision(JsonNode digest) {
        if (!digest.isObject()) {
            return null;
        }
        for (String algorithm : REVISION_DIGESTS) {
            if (digest.path(algorithm).isTextual()) {
                return digest.path(algorithm).asText();
            }
        }
        Iterator<Map.Entry<String, JsonNode>> any = digest.fields();
        while (any.hasNext()) {
            Map.Entry<String, JsonNode> e = any.next();
            if (e.getValue().isTextual()) {
                return e.getKey() + ":" + e.getValue().asText();
            }
        }
        return null;
    }

    /** "buildType <uri>; entryPoint <text>; parameters <json>", leaving out what is absent or empty. */
    private static String describe(String buildType, Map<String, JsonNode> parts) {
        StringJoiner out = new StringJoiner("; ");
        if (buildType != null) {
            out.add("buildType " + buildType);
        }
        for (String key : List.of("entryPoint", "externalParameters", "parameters")) {
            JsonNode v = parts.get(key);
            if (v != null && !v.isMissingNode() && !v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
                out.add(key + " " + (v.isTextual() ? v.asText() : canonical(v)));
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static String json(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || node.isContainerNode() && node.isEmpty()) {
            return null;
        }
        return canonical(node);
    }

    /**
     * The node's JSON with object keys sorted at every level. {@link Json#canonical} sorts the keys
     * of maps but writes a tree's objects in the order they were read, so the tree goes through
     * plain maps and lists first.
     */
    private static String canonical(JsonNode node) {
        return Json.canonical(Json.MAPPER.convertValue(node, Object.class));
    }

    private static JsonNode object(JsonNode parent, String where, String field) {
        JsonNode node = parent.path(field);
        if (!node.isObject()) {
            throw new InvalidProvenanceException(where + " has no '" + field + "' object, which SLSA provenance "
                    + "v1 requires");
        }
        return node;
    }

    /** A text field, or null when absent; anything else than text is refused. */
    private static String text(JsonNode parent, String where, String field) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidProvenanceException(where + " has '" + field + "' of type " + node.getNodeType().name()
                    .toLowerCase(Locale.ROOT) + "; expected a string");
        }
        return node.asText();
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode c : candidates) {
            if (c.isTextual() && !c.asText().isBlank()) {
                return c.asText();
            }
        }
        return null;
    }

    private static String quote(String s) {
        if (s == null) {
            return "(none)";
        }
        String shown = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return "'" + Names.printable(shown) + "'";
    }
}
