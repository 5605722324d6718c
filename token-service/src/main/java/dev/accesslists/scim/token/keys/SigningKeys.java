package dev.accesslists.scim.token.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key that signs access tokens, kept as a JWK (with its private part) in
 * {@code <dataDir>/token-signing-key.json}.
 *
 * <p>The first start generates a 2048-bit key and writes it owner-readable only. The file is
 * published with a hard link (or a non-replacing move where links are not supported), so two
 * instances starting at once on the same directory end up with the one key that won, never with
 * two. The key id is the RFC 7638 JWK thumbprint, so it is stable however the file was written.
 */
public final class SigningKeys {
    public static final String FILE_NAME = "token-signing-key.json";
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;
    private static final int KEY_SIZE = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    private final RSAKey key;
    private final JWSSigner signer;
    private final JWKSet publicJwkSet;

    private SigningKeys(RSAKey key) {
        this.key = key;
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("the signing key cannot sign", e);
        }
        this.publicJwkSet = new JWKSet(key.toPublicJWK());
    }

    /**
     * Loads the signing key from {@code dataDir}, generating and storing it first if there is none.
     *
     * @throws UncheckedIOException if the directory or file cannot be read or written
     * @throws IllegalStateException if the file exists but does not hold a usable RSA private key
     */
    public static SigningKeys loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                publishNewKey(dataDir, file);
            }
            return new SigningKeys(load(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or store the signing key in " + dataDir, e);
        }
    }

    /** The key id ({@code kid}): the RFC 7638 thumbprint of the public key. */
    public String keyId() {
        return key.getKeyID();
    }

    /** A thread-safe RS256 signer. */
    public JWSSigner signer() {
        return signer;
    }

    /** The public keys only, as published on the JWKS endpoint. */
    public JWKSet publicJwkSet() {
        return publicJwkSet;
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "SigningKeys[kid=" + keyId() + "]";
    }

    private static void publishNewKey(Path dataDir, Path file) throws IOException {
        RSAKey generated;
        try {
            generated = new RSAKeyGenerator(KEY_SIZE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
        Path temp = Files.createTempFile(dataDir, ".token-signing-key", ".tmp", ownerOnly(dataDir));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(generated.toJSONString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            publish(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
            LOG.info("generated a new token signing key in {}", file);
        } catch (FileAlreadyExistsException e) {
            LOG.info("another instance created the token signing key first; using it");
        } catch (UnsupportedOperationException | FileSystemException e) {
            moveWithoutReplacing(temp, file);
        }
    }

    private static void moveWithoutReplacing(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file);
            LOG.info("generated a new token signing key in {}", file);
        } catch (FileAlreadyExistsException e) {
            LOG.info("another instance created the token signing key first; using it");
        }
    }

    private static RSAKey load(Path file) throws IOException {
        JWK jwk;
        try {
            jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException(file + " does not hold a JSON Web Key");
        }
        if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
            throw new IllegalStateException(file + " must hold an RSA private key");
        }
        if (rsa.size() < KEY_SIZE) {
            throw new IllegalStateException(file + " holds an RSA key shorter than " + KEY_SIZE + " bits");
        }
        try {
            return new RSAKey.Builder(rsa)
                    .keyID(rsa.computeThumbprint().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the thumbprint of the key in " + file, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> readWrite = PosixFilePermissions.fromString("rw-------");
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(readWrite)};
    }
}
