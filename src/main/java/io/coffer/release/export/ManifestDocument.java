package io.coffer.release.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.Json;
import io.coffer.release.SignedManifest;

/**
 * The file form of a signed manifest, which {@link ManifestVerifier} reads:
 * {@code {"manifest": {...}, "signature": {"algorithm", "keyId", "value"}}}.
 */
public final class ManifestDocument {

    private ManifestDocument() {}

    /** The document as JSON, keys sorted, indented for people to read. */
    public static String json(SignedManifest signed) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("manifest", Json.MAPPER.valueToTree(signed.manifest()));
        ObjectNode signature = root.putObject("signature");
        signature.put("algorithm", signed.algorithm());
        signature.put("keyId", signed.keyId());
        signature.put("value", signed.signature());
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest of release " + signed.manifest().release(), e);
        }
    }
}
