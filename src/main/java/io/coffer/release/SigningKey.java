package io.coffer.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's Ed25519 key for signing release manifests, kept in the data directory: the private
 * key as PKCS#8 PEM readable by its owner only, the public key as X.509 SubjectPublicKeyInfo PEM
 * that anyone may have. Generated on first start.
 */
public final class SigningKey {

    static final String PRIVATE_FILE = "release-signing.key";
    static final String PUBLIC_FILE = "release-signing.pub";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
    }

    /** Loads the key from {@code dir}, generating and saving a new one when there is none. */
    public static SigningKey openOrCreate(Path dir) throws IOException {
        Path priv = dir.resolve(PRIVATE_FILE);
        Path pub = dir.resolve(PUBLIC_FILE);
        try {
            if (Files.exists(priv)) {
                KeyFactory kf = KeyFactory.getInstance("Ed25519");
                PrivateKey p = kf.generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(priv))));
                PublicKey q = kf.generatePublic(new X509EncodedKeySpec(unpem(Files.readString(pub))));
                return new SigningKey(p, q);
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(dir);
            writeAtomically(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rw-r--r--");
            writeAtomically(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "rw-------");
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the release signing key in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The public key as PEM text, for download and offline verification. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public String keyId() {
        return keyId;
    }

    /** Signs the manifest's canonical JSON. */
    public SignedManifest sign(Manifest manifest) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(canonicalBytes(Json.MAPPER.valueToTree(manifest)));
            return new SignedManifest(manifest, "Ed25519", keyId, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * The bytes that are signed: the manifest as JSON with object keys sorted at every level, no
     * insignificant white space, UTF-8. Computed from a parsed tree, so a verifier reading the
     * manifest back from a file gets the same bytes whatever the file's formatting.
     */
    public static byte[] canonicalBytes(JsonNode manifest) {
        return Json.canonical(sorted(manifest)).getBytes(StandardCharsets.UTF_8);
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), sorted(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            java.util.List<Object> list = new java.util.ArrayList<>();
            node.forEach(n -> list.add(sorted(n)));
            return list;
        }
        return node;
    }

    /** The key id of a public key: first 16 hex characters of the SHA-256 of its encoded form. */
    public static String keyId(PublicKey key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads an Ed25519 public key from PEM text. */
    public static PublicKey readPublicKey(String pemText) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(unpem(pemText)));
    }

    static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    static byte[] unpem(String text) throws GeneralSecurityException {
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not a PEM key: " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, String text, String permissions) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new UncheckedIOException(e);
        }
    }
}
