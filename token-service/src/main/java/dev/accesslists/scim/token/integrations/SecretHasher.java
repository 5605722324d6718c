package dev.accesslists.scim.token.integrations;

import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Hashes client secrets for storage and checks presented secrets against the stored hash.
 *
 * <p>The scheme is SHA-256 over a 16-byte random salt followed by the UTF-8 secret. A slow,
 * memory-hard KDF (bcrypt, scrypt, Argon2) exists to protect low-entropy human passwords against
 * offline guessing; client secrets here are 256 bits from {@link SecureRandom}, so guessing is
 * infeasible however fast the hash is, and a fast hash keeps the token endpoint cheap.
 *
 * <p>Comparison is constant-time ({@link MessageDigest#isEqual}). When the client id is unknown,
 * a dummy hash is still computed and compared, so response timing does not tell which client ids
 * exist (RFC 6819 §5.1.4.2.2 style).
 */
public final class SecretHasher {
    /** The value of {@link ScimIntegration#hashAlgorithm()} written by this class. */
    public static final String ALGORITHM = "sha256-salted";
    private static final int SALT_BYTES = 16;
    private static final int MAX_SECRET_LENGTH = 512;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecureRandom random;
    private final byte[] dummySalt;
    private final byte[] dummyHash;

    public SecretHasher(SecureRandom random) {
        this.random = random;
        this.dummySalt = randomBytes(SALT_BYTES);
        this.dummyHash = randomBytes(32);
    }

    /** Salt and hash of a secret, base64url without padding. */
    public record HashedSecret(String salt, String hash, String algorithm) {
        /** Never prints hash material. */
        @Override
        public String toString() {
            return "HashedSecret[algorithm=" + algorithm + "]";
        }
    }

    /** Hashes a new secret with a fresh random salt. */
    public HashedSecret hash(String secret) {
        byte[] salt = randomBytes(SALT_BYTES);
        return new HashedSecret(ENCODER.encodeToString(salt), ENCODER.encodeToString(digest(salt, secret)), ALGORITHM);
    }

    /**
     * Whether {@code secret} is the secret of {@code integration}. An empty integration (unknown
     * client id) costs the same and answers false.
     */
    public boolean matches(String secret, Optional<ScimIntegration> integration) {
        if (secret == null || secret.length() > MAX_SECRET_LENGTH) {
            return false;
        }
        if (integration.isEmpty() || !ALGORITHM.equals(integration.get().hashAlgorithm())) {
            MessageDigest.isEqual(digest(dummySalt, secret), dummyHash);
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = DECODER.decode(integration.get().secretSalt());
            expected = DECODER.decode(integration.get().secretHash());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest(salt, secret), expected);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] digest(byte[] salt, String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
