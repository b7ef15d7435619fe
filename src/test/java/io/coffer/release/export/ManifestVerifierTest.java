package io.coffer.release.export;

import static io.coffer.release.export.Fixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.Failure;
import io.coffer.Json;
import io.coffer.release.Approval;
import io.coffer.release.Manifest;
import io.coffer.release.ManifestDocument;
import io.coffer.release.SignedManifest;
import io.coffer.release.SigningKey;
import io.coffer.release.export.ManifestVerifier.Invalid;
import io.coffer.release.export.ManifestVerifier.Problem;
import io.coffer.release.export.ManifestVerifier.Result;
import io.coffer.release.export.ManifestVerifier.Valid;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestVerifierTest {

    @TempDir
    Path keys;

    @TempDir
    Path otherKeys;

    SigningKey key;
    Manifest manifest;
    String document;

    static Manifest manifest(int version) {
        return new Manifest(version, "REL-2027-0003", "Quarterly patches, ünïcode", "major", "olivia", "arthur",
                "2027-03-01T22:00:00+01:00", "2027-03-02T02:00:00+01:00", "Europe/Berlin",
                List.of(item("nginx", "1.24.0-2", "nginx_1.24.0-2_amd64.deb"),
                        item("org.acme:app", "2.1.0", "app-2.1.0.jar")),
                List.of(new Approval("cab-anna", "approved", "ok", "2027-02-20T10:00:00Z"),
                        new Approval("cab-bob", "approved", null, "2027-02-20T11:00:00Z")),
                "2027-02-21T08:00:00Z", 3);
    }

    @BeforeEach
    void sign() throws Exception {
        key = SigningKey.openOrCreate(keys);
        manifest = manifest(Manifest.FORMAT);
        document = pretty(ManifestDocument.of(key.sign(manifest)).toJson());
    }

    private Result verify(String text) {
        return ManifestVerifier.verify(text.getBytes(StandardCharsets.UTF_8), key.publicKeyPem());
    }

    private ObjectNode tree() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(document);
    }

    private static String json(JsonNode node) {
        return node.toString();
    }

    private static Invalid invalid(Result result) {
        assertThat(result).isInstanceOf(Invalid.class);
        return (Invalid) result;
    }

    @Test
    void aSignedManifestVerifiesAndComesBackWhole() {
        Result result = verify(document);

        assertThat(result).isEqualTo(new Valid(manifest, key.keyId()));
    }

    @Test
    void flippingOneCharacterOfADigestBreaksTheSignature() throws Exception {
        ObjectNode root = tree();
        ObjectNode first = (ObjectNode) root.path("manifest").path("items").get(0);
        String digest = first.path("sha256").asText();
        first.put("sha256", (digest.charAt(0) == '0' ? "1" : "0") + digest.substring(1));

        Invalid invalid = invalid(verify(json(root)));

        assertThat(invalid.problem()).isEqualTo(Problem.BAD_SIGNATURE);
        assertThat(invalid.problem().failure()).isEqualTo(Failure.INTEGRITY);
        assertThat(invalid.reason()).isEqualTo("the signature does not verify with key " + key.keyId()
                + ": the manifest (or the signature) was changed after signing");
    }

    @Test
    void everyFieldOfTheManifestIsCoveredBySignature() throws Exception {
        for (String field : List.of("release", "title", "type", "owner", "author", "windowStart", "windowEnd",
                "windowZone", "frozenAt")) {
            ObjectNode root = tree();
            ((ObjectNode) root.path("manifest")).put(field, root.path("manifest").path(field).asText() + "x");

            assertThat(invalid(verify(json(root))).problem()).as(field).isEqualTo(Problem.BAD_SIGNATURE);
        }
        ObjectNode dropped = tree();
        ((ArrayNode) dropped.path("manifest").path("approvals")).remove(1);
        ObjectNode extra = tree();
        ((ObjectNode) extra.path("manifest")).put("note", "added later");
        ObjectNode policy = tree();
        ((ObjectNode) policy.path("manifest")).put("policyVersion", 4);

        assertThat(invalid(verify(json(dropped))).problem()).isEqualTo(Problem.BAD_SIGNATURE);
        assertThat(invalid(verify(json(extra))).problem()).isEqualTo(Problem.BAD_SIGNATURE);
        assertThat(invalid(verify(json(policy))).problem()).isEqualTo(Problem.BAD_SIGNATURE);
    }

    @Test
    void aReformattedButUnchangedManifestStillVerifies() throws Exception {
        JsonNode reordered = reversed(tree());
        String pretty = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(reordered)
                .replace("\n", "\r\n\t");

        Result result = verify(pretty);

        assertThat(pretty.indexOf("\"title\"")).isLessThan(pretty.indexOf("\"release\""));
        assertThat(result).isEqualTo(new Valid(manifest, key.keyId()));
    }

    @Test
    void anotherServersKeyIsRefusedNamingBothKeyIds() throws Exception {
        SigningKey other = SigningKey.openOrCreate(otherKeys);

        Result result = ManifestVerifier.verify(document.getBytes(StandardCharsets.UTF_8), other.publicKeyPem());

        Invalid invalid = invalid(result);
        assertThat(invalid.problem()).isEqualTo(Problem.KEY_MISMATCH);
        assertThat(invalid.problem().failure()).isEqualTo(Failure.INTEGRITY);
        assertThat(invalid.reason()).isEqualTo("the manifest was signed with key '" + key.keyId()
                + "', but the given public key is '" + other.keyId()
                + "'; get the public key of the server that signed it");
    }

    @Test
    void aSignatureByAnotherKeyClaimingThisKeysIdDoesNotVerify() throws Exception {
        SignedManifest forged = SigningKey.openOrCreate(otherKeys).sign(manifest);
        String claimed = ManifestDocument.of(new SignedManifest(manifest, "Ed25519", key.keyId(),
                forged.signature())).toJson();

        assertThat(invalid(verify(claimed)).problem()).isEqualTo(Problem.BAD_SIGNATURE);
    }

    @Test
    void eachMalformedDocumentIsRefusedSayingWhatIsWrong() throws Exception {
        ObjectNode noManifest = tree();
        noManifest.remove("manifest");
        ObjectNode noSignature = tree();
        noSignature.remove("signature");
        ObjectNode noValue = tree();
        ((ObjectNode) noValue.path("signature")).remove("value");
        ObjectNode numericKeyId = tree();
        ((ObjectNode) numericKeyId.path("signature")).put("keyId", 42);
        ObjectNode rsa = tree();
        ((ObjectNode) rsa.path("signature")).put("algorithm", "RS256");
        ObjectNode notBase64 = tree();
        ((ObjectNode) notBase64.path("signature")).put("value", "not base64!");
        ObjectNode shortSignature = tree();
        ((ObjectNode) shortSignature.path("signature")).put("value", Base64.getEncoder().encodeToString(new byte[63]));
        String duplicate = document.replaceFirst("\"release\" : \"REL-2027-0003\"",
                "\"release\" : \"REL-2027-0003\", \"release\" : \"REL-2027-0666\"");

        Map<String, Expected> cases = new java.util.LinkedHashMap<>();
        cases.put("", new Expected(Problem.NOT_JSON, "the manifest file is empty; expected a signed manifest in JSON"));
        cases.put("<html>", new Expected(Problem.NOT_JSON, "the manifest file is not valid JSON: Unexpected character"
                + " ('<' (code 60)): expected a valid value (JSON String, Number, Array, Object or token 'null',"
                + " 'true' or 'false') (line 1, column 1)"));
        cases.put(document + " {}", new Expected(Problem.NOT_JSON, "the manifest file goes on after its JSON document"
                + " (line 49, column 2); expected one JSON object"));
        cases.put(duplicate, new Expected(Problem.NOT_JSON, "the manifest file is not valid JSON: Duplicate field"
                + " 'release' (line 36, column 43)"));
        cases.put("[1, 2]", new Expected(Problem.NOT_A_SIGNED_MANIFEST, "the manifest file holds a JSON array;"
                + " expected an object with \"manifest\" and \"signature\""));
        cases.put(json(noManifest), new Expected(Problem.NOT_A_SIGNED_MANIFEST,
                "the document has no \"manifest\"; expected the manifest as a JSON object"));
        cases.put(json(noSignature), new Expected(Problem.NOT_A_SIGNED_MANIFEST, "the document has no \"signature\";"
                + " expected {\"algorithm\", \"keyId\", \"value\"}: is this an unsigned manifest?"));
        cases.put(json(noValue), new Expected(Problem.NOT_A_SIGNED_MANIFEST,
                "the document has no \"signature.value\"; expected a string"));
        cases.put(json(numericKeyId), new Expected(Problem.NOT_A_SIGNED_MANIFEST,
                "\"signature.keyId\" is a JSON number; expected a string"));
        cases.put(json(rsa), new Expected(Problem.UNSUPPORTED_ALGORITHM,
                "the signature algorithm is 'RS256'; only Ed25519 is supported"));
        cases.put(json(notBase64), new Expected(Problem.MALFORMED_SIGNATURE,
                "the signature value is not base64: Illegal base64 character 20"));
        cases.put(json(shortSignature), new Expected(Problem.MALFORMED_SIGNATURE,
                "the signature value is 63 bytes long; an Ed25519 signature is 64"));

        cases.forEach((text, expected) -> {
            Invalid invalid = invalid(verify(text));

            assertThat(invalid.problem()).as(text).isEqualTo(expected.problem());
            assertThat(invalid.problem().failure()).as(text).isEqualTo(Failure.INVALID);
            if (expected.reason() != null) {
                assertThat(invalid.reason()).as(text).isEqualTo(expected.reason());
            }
        });
    }

    @Test
    void bytesThatAreNotUtf8AreNotJson() {
        byte[] latin1 = "{\"manifest\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        Invalid invalid = invalid(ManifestVerifier.verify(latin1, key.publicKeyPem()));

        assertThat(invalid.problem()).isEqualTo(Problem.NOT_JSON);
        assertThat(invalid.reason()).startsWith("the manifest file is not valid JSON: Invalid UTF-8");
    }

    @Test
    void aManifestOfAnUnknownFormatVersionIsRefusedEvenWhenSigned() {
        String v2 = ManifestDocument.of(key.sign(manifest(2))).toJson();

        Invalid invalid = invalid(verify(v2));

        assertThat(invalid.problem()).isEqualTo(Problem.UNSUPPORTED_VERSION);
        assertThat(invalid.reason()).isEqualTo("the manifest is of format version 2; this coffer reads version 1"
                + " only (a newer coffer may read it)");
    }

    @Test
    void aSignedDocumentWithoutTheFieldsOfAManifestIsRefused() {
        Manifest empty = new Manifest(1, null, null, null, null, null, null, null, null, null, null, null, 0);

        Invalid invalid = invalid(verify(ManifestDocument.of(key.sign(empty)).toJson()));

        assertThat(invalid.problem()).isEqualTo(Problem.MALFORMED_MANIFEST);
        assertThat(invalid.reason()).isEqualTo("the signed manifest has no \"release\"; expected it in every manifest");
    }

    @Test
    void malformedKeysAreRefusedSayingWhatIsWrong() throws Exception {
        String rsa = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        String privateKey = java.nio.file.Files.readString(keys.resolve("release-signing.key"));
        byte[] doc = document.getBytes(StandardCharsets.UTF_8);

        Invalid garbage = invalid(ManifestVerifier.verify(doc, "hello"));
        Invalid badBase64 = invalid(ManifestVerifier.verify(doc,
                "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n"));
        Invalid notEd25519 = invalid(ManifestVerifier.verify(doc, rsa));
        Invalid secret = invalid(ManifestVerifier.verify(doc, privateKey));

        assertThat(List.of(garbage, badBase64, notEd25519, secret)).extracting(Invalid::problem)
                .containsOnly(Problem.MALFORMED_KEY);
        assertThat(garbage.reason()).isEqualTo("the key file is not an Ed25519 public key: expected a PEM block"
                + " from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----");
        assertThat(badBase64.reason()).startsWith("the key file is not an Ed25519 public key: not a PEM key");
        assertThat(notEd25519.reason()).startsWith("the key file is not an Ed25519 public key: ");
        assertThat(secret.reason()).isEqualTo("the key file is not an Ed25519 public key: it holds a private key;"
                + " give the public key (release-signing.pub), and keep the private key secret");
    }

    private record Expected(Problem problem, String reason) {}

    /** The same JSON with the keys of every object in reverse order. */
    private static JsonNode reversed(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            Collections.reverse(names);
            ObjectNode copy = Json.MAPPER.createObjectNode();
            names.forEach(n -> copy.set(n, reversed(node.get(n))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(n -> copy.add(reversed(n)));
            return copy;
        }
        return node;
    }

    /** A manifest file as a person might keep it: indented, keys in canonical order. */
    private static String pretty(String json) throws Exception {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.MAPPER.readTree(json)) + "\n";
    }
}
