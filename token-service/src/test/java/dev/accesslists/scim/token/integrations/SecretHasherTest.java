package dev.accesslists.scim.token.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretHasherTest {
    private final SecretHasher hasher = new SecretHasher(new SecureRandom());

    @Test
    void shouldMatchTheHashedSecretOnly() {
        // Given a stored integration with a hashed secret
        ScimIntegration stored = integration(hasher.hash("correct-secret"));

        // Then the secret matches and anything else does not
        assertThat(hasher.matches("correct-secret", Optional.of(stored))).isTrue();
        assertThat(hasher.matches("correct-secreT", Optional.of(stored))).isFalse();
        assertThat(hasher.matches("", Optional.of(stored))).isFalse();
        assertThat(hasher.matches(null, Optional.of(stored))).isFalse();
    }

    @Test
    void shouldSaltEachHashDifferently() {
        // When the same secret is hashed twice
        SecretHasher.HashedSecret first = hasher.hash("same");
        SecretHasher.HashedSecret second = hasher.hash("same");

        // Then salts and hashes differ, and neither contains the secret
        assertThat(first.salt()).isNotEqualTo(second.salt());
        assertThat(first.hash()).isNotEqualTo(second.hash());
        assertThat(first.toString()).doesNotContain(first.hash());
    }

    @Test
    void shouldNotMatchWhenTheClientIsUnknown() {
        assertThat(hasher.matches("anything", Optional.empty())).isFalse();
    }

    @Test
    void shouldNotMatchAnUnknownHashAlgorithm() {
        SecretHasher.HashedSecret hashed = hasher.hash("secret");
        ScimIntegration stored = new ScimIntegration("client", "n", "saml", hashed.salt(), hashed.hash(), "md5",
                Instant.EPOCH, Instant.EPOCH);

        assertThat(hasher.matches("secret", Optional.of(stored))).isFalse();
    }

    private static ScimIntegration integration(SecretHasher.HashedSecret hashed) {
        return new ScimIntegration("client", "name", "saml", hashed.salt(), hashed.hash(), hashed.algorithm(),
                Instant.EPOCH, Instant.EPOCH);
    }
}
