package io.coffer.release.export;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.Failure;
import io.coffer.Json;
import io.coffer.release.Manifest;
import io.coffer.release.SigningKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * Checks a signed manifest offline, with nothing but the document and the server's public key: no
 * server, no catalog. The document is {@code {"manifest": {...}, "signature": {"algorithm":
 * "Ed25519", "keyId": "...", "value": "..."}}}, and the signature is over the manifest's canonical
 * bytes ({@link SigningKey#canonicalBytes}), so re-indenting or reordering the file does not matter
 * but changing any value does.
 *
 * <p>A document is refused with the first problem found, in this order: not JSON, not a signed
 * manifest, an algorithm other than Ed25519, a key that is not an Ed25519 public key, a key id
 * other than the given key's, a signature that is not 64 bytes of base64, a signature that does
 * not verify, a manifest version other than {@value Manifest#FORMAT}, a manifest that does not
 * have the manifest's fields. Duplicate keys in the JSON are refused, since two readers could
 * each take a different one of the values.
 */
public final class ManifestVerifier {

    private static final String ALGORITHM = "Ed25519";
    private static final int SIGNATURE_BYTES = 64;

    private ManifestVerifier() {}

    /** The outcome of a check: the manifest, or what is wrong. */
    public sealed interface Result permits Valid, Invalid {}

    /**
     * The signature is good: the manifest is exactly what the holder of the key signed.
     *
     * @param keyId the id of the key that signed it
     */
    public record Valid(Manifest manifest, String keyId) implements Result {}

    /**
     * The document is refused.
     *
     * @param reason one line saying what is wrong, naming the offending value
     */
    public record Invalid(Problem problem, String reason) implements Result {}

    /** What can be wrong, each with the kind of failure it is. */
    public enum Problem {
        /** The document is not JSON, or has a key twice. */
        NOT_JSON(Failure.INVALID),
        /** The JSON lacks the manifest, the signature, or a field of the signature. */
        NOT_A_SIGNED_MANIFEST(Failure.INVALID),
        /** The signature was made with an algorithm other than Ed25519. */
        UNSUPPORTED_ALGORITHM(Failure.INVALID),
        /** The key text is not an Ed25519 public key in PEM form. */
        MALFORMED_KEY(Failure.INVALID),
        /** The signature says another key made it. */
        KEY_MISMATCH(Failure.INTEGRITY),
        /** The signature value is not base64, or not 64 bytes long. */
        MALFORMED_SIGNATURE(Failure.INVALID),
        /** The signature does not verify: the manifest or the signature was changed. */
        BAD_SIGNATURE(Failure.INTEGRITY),
        /** The manifest is of a format version this verifier does not know. */
        UNSUPPORTED_VERSION(Failure.INVALID),
        /** The signed manifest lacks fields a manifest has. */
        MALFORMED_MANIFEST(Failure.INVALID);

        private final Failure failure;

        Problem(Failure failure) {
            this.failure = failure;
        }

        /**
         * {@link Failure#INTEGRITY} when the document is well formed but its signature does not
         * hold; {@link Failure#INVALID} when it or the key cannot be read as what it should be.
         */
        public Failure failure() {
            return failure;
        }
    }

    /**
     * Checks the signed manifest document against the public key.
     *
     * @param document the bytes of the document, UTF-8 JSON
     * @param publicKeyPem the signer's public key, an X.509 SubjectPublicKeyInfo PEM block
     *     ({@code -----BEGIN PUBLIC KEY-----})
     * @return {@link Valid}, or {@link Invalid} with the first problem found; never throws for bad input
     */
    public static Result verify(byte[] document, String publicKeyPem) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        JsonNode root;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(document)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = Json.MAPPER.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                return invalid(Problem.NOT_JSON, "the manifest file goes on after its JSON document"
                        + location(parser.currentTokenLocation()) + "; expected one JSON object");
            }
        } catch (JsonProcessingException e) {
            return invalid(Problem.NOT_JSON, "the manifest file is not valid JSON: " + e.getOriginalMessage()
                    + location(e.getLocation()));
        } catch (IOException e) {
            return invalid(Problem.NOT_JSON, "the manifest file cannot be read as JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return invalid(Problem.NOT_JSON, "the manifest file is empty; expected a signed manifest in JSON");
        }
        if (!root.isObject()) {
            return invalid(Problem.NOT_A_SIGNED_MANIFEST, "the manifest file holds a JSON " + kind(root)
                    + "; expected an object with \"manifest\" and \"signature\"");
        }
        JsonNode manifest = root.get("manifest");
        JsonNode signature = root.get("signature");
        if (manifest == null || !manifest.isObject()) {
            return invalid(Problem.NOT_A_SIGNED_MANIFEST, missingOrWrong("manifest", manifest)
                    + "; expected the manifest as a JSON object");
        }
        if (signature == null || !signature.isObject()) {
            return invalid(Problem.NOT_A_SIGNED_MANIFEST, missingOrWrong("signature", signature)
                    + "; expected {\"algorithm\", \"keyId\", \"value\"}: is this an unsigned manifest?");
        }
        for (String field : new String[] {"algorithm", "keyId", "value"}) {
            JsonNode value = signature.get(field);
            if (value == null || !value.isTextual()) {
                return invalid(Problem.NOT_A_SIGNED_MANIFEST, missingOrWrong("signature." + field, value)
                        + "; expected a string");
            }
        }
        return checkSignature(manifest, signature, publicKeyPem);
    }

    private static Result checkSignature(JsonNode manifest, JsonNode signature, String publicKeyPem) {
        String algorithm = signature.get("algorithm").asText();
        if (!algorithm.equals(ALGORITHM)) {
            return invalid(Problem.UNSUPPORTED_ALGORITHM, "the signature algorithm is " + Text.quote(algorithm)
                    + "; only " + ALGORITHM + " is supported");
        }
        PublicKey key;
        try {
            key = publicKey(publicKeyPem);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return invalid(Problem.MALFORMED_KEY, "the key file is not an Ed25519 public key: " + e.getMessage());
        }
        String expected = SigningKey.keyId(key);
        String keyId = signature.get("keyId").asText();
        if (!keyId.equals(expected)) {
            return invalid(Problem.KEY_MISMATCH, "the manifest was signed with key " + Text.quote(keyId)
                    + ", but the given public key is " + Text.quote(expected)
                    + "; get the public key of the server that signed it");
        }
        byte[] value;
        try {
            value = Base64.getDecoder().decode(signature.get("value").asText());
        } catch (IllegalArgumentException e) {
            return invalid(Problem.MALFORMED_SIGNATURE, "the signature value is not base64: " + e.getMessage());
        }
        if (value.length != SIGNATURE_BYTES) {
            return invalid(Problem.MALFORMED_SIGNATURE, "the signature value is " + value.length
                    + " bytes long; an Ed25519 signature is " + SIGNATURE_BYTES);
        }
        if (!verifies(key, SigningKey.canonicalBytes(manifest), value)) {
            return invalid(Problem.BAD_SIGNATURE, "the signature does not verify with key " + expected
                    + ": the manifest (or the signature) was changed after signing");
        }
        return readManifest(manifest, keyId);
    }

    private static Result readManifest(JsonNode manifest, String keyId) {
        JsonNode version = manifest.get("manifestVersion");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            return invalid(Problem.MALFORMED_MANIFEST, missingOrWrong("manifest.manifestVersion", version)
                    + "; expected the number " + Manifest.FORMAT);
        }
        if (version.intValue() != Manifest.FORMAT) {
            return invalid(Problem.UNSUPPORTED_VERSION, "the manifest is of format version " + version.intValue()
                    + "; this coffer reads version " + Manifest.FORMAT + " only (a newer coffer may read it)");
        }
        Manifest m;
        try {
            m = Json.MAPPER.treeToValue(manifest, Manifest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return invalid(Problem.MALFORMED_MANIFEST, "the signed manifest does not have the fields of a manifest: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (m.release() == null || m.release().isBlank() || m.items() == null || m.frozenAt() == null) {
            String field = m.release() == null || m.release().isBlank() ? "release" : m.items() == null
                    ? "items" : "frozenAt";
            return invalid(Problem.MALFORMED_MANIFEST, "the signed manifest has no \"" + field
                    + "\"; expected it in every manifest");
        }
        return new Valid(m, keyId);
    }

    private static PublicKey publicKey(String pem) throws GeneralSecurityException {
        if (pem.contains("PRIVATE KEY-----")) {
            throw new GeneralSecurityException("it holds a private key; give the public key"
                    + " (release-signing.pub), and keep the private key secret");
        }
        if (!pem.contains("-----BEGIN PUBLIC KEY-----") || !pem.contains("-----END PUBLIC KEY-----")) {
            throw new GeneralSecurityException("expected a PEM block from -----BEGIN PUBLIC KEY----- to"
                    + " -----END PUBLIC KEY-----");
        }
        return SigningKey.readPublicKey(pem);
    }

    private static boolean verifies(PublicKey key, byte[] content, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(content);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            // A malformed signature value is a signature that does not verify.
            return false;
        }
    }

    private static String missingOrWrong(String field, JsonNode value) {
        return value == null ? "the document has no \"" + field + "\""
                : "\"" + field + "\" is a JSON " + kind(value);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> "value";
        };
    }

    private static String location(JsonLocation at) {
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static Invalid invalid(Problem problem, String reason) {
        return new Invalid(problem, reason);
    }
}
