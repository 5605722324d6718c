package dev.accesslists.scim.token.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
    @TempDir
    Path tempDir;

    @Test
    void shouldGenerateAndStoreKeyOnFirstStart() throws Exception {
        // Given a data directory that does not exist yet
        Path dataDir = tempDir.resolve("nested/data");

        // When the keys are loaded
        SigningKeys keys = SigningKeys.loadOrCreate(dataDir);

        // Then a 2048-bit RSA key was written, owner-only, with its thumbprint as kid
        Path file = dataDir.resolve(SigningKeys.FILE_NAME);
        assertThat(file).exists();
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        RSAKey published = (RSAKey) keys.publicJwkSet().getKeys().get(0);
        assertThat(published.size()).isEqualTo(2048);
        assertThat(published.isPrivate()).isFalse();
        assertThat(keys.keyId()).isEqualTo(published.computeThumbprint().toString());
        assertThat(keys.toString()).doesNotContain(published.getModulus().toString());
    }

    @Test
    void shouldReloadTheSameKey() {
        // Given keys created once
        SigningKeys first = SigningKeys.loadOrCreate(tempDir);

        // When a second instance loads from the same directory
        SigningKeys second = SigningKeys.loadOrCreate(tempDir);

        // Then both hold the same key
        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.publicJwkSet().toJSONObject()).isEqualTo(first.publicJwkSet().toJSONObject());
    }

    @Test
    void shouldShareOneKeyWhenInstancesStartAtOnce() throws Exception {
        // Given several instances starting together on an empty directory
        int instances = 4;
        CyclicBarrier start = new CyclicBarrier(instances);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<SigningKeys>> started = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                started.add(pool.submit(() -> {
                    start.await();
                    return SigningKeys.loadOrCreate(tempDir);
                }));
            }

            // Then they all end up with the same key
            Set<String> keyIds = new HashSet<>();
            for (Future<SigningKeys> keys : started) {
                keyIds.add(keys.get(60, TimeUnit.SECONDS).keyId());
            }
            assertThat(keyIds).hasSize(1);
            assertThat(SigningKeys.loadOrCreate(tempDir).keyId()).isEqualTo(keyIds.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldSignWhatTheOtherInstanceVerifies() throws Exception {
        // Given two instances on one directory
        SigningKeys signer = SigningKeys.loadOrCreate(tempDir);
        SigningKeys other = SigningKeys.loadOrCreate(tempDir);

        // When one signs
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.keyId()).build(),
                new JWTClaimsSet.Builder().subject("x").build());
        jwt.sign(signer.signer());

        // Then the other's public key verifies it
        RSAKey publicKey = (RSAKey) other.publicJwkSet().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(publicKey))).isTrue();
    }

    @Test
    void shouldRefuseAFileThatHoldsNoPrivateKey() throws Exception {
        // Given a file holding a public key only
        RSAKey publicOnly = (RSAKey) SigningKeys.loadOrCreate(tempDir.resolve("a")).publicJwkSet().getKeys().get(0);
        Path dataDir = Files.createDirectories(tempDir.resolve("b"));
        Files.writeString(dataDir.resolve(SigningKeys.FILE_NAME), publicOnly.toJSONString());

        // When it is loaded, then it fails clearly instead of replacing the file
        assertThatThrownBy(() -> SigningKeys.loadOrCreate(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("private key");
        assertThat(Files.readString(dataDir.resolve(SigningKeys.FILE_NAME))).isEqualTo(publicOnly.toJSONString());
    }
}
