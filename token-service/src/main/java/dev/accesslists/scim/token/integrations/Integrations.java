package dev.accesslists.scim.token.integrations;

import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integration use cases: create an integration, rotate its secret, authenticate a client.
 * Knows nothing about HTTP.
 */
public final class Integrations {
    private static final int CLIENT_ID_BYTES = 18;
    private static final int SECRET_BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Logger LOG = LoggerFactory.getLogger(Integrations.class);

    private final IntegrationStore store;
    private final SecretHasher hasher;
    private final SecureRandom random;
    private final Clock clock;

    public Integrations(IntegrationStore store, SecretHasher hasher, SecureRandom random, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates an integration with a new random client id (24 base64url characters) and secret
     * (32 random bytes, base64url). Completes once the integration is stored.
     */
    public CompletableFuture<IssuedCredentials> create(String name, String samlConnector) {
        Objects.requireNonNull(samlConnector, "samlConnector");
        String clientId = randomToken(CLIENT_ID_BYTES);
        String secret = randomToken(SECRET_BYTES);
        SecretHasher.HashedSecret hashed = hasher.hash(secret);
        Instant now = clock.instant();
        ScimIntegration integration = new ScimIntegration(clientId, name, samlConnector, hashed.salt(),
                hashed.hash(), hashed.algorithm(), now, now);
        return store.put(integration).thenApply(stored -> {
            LOG.info("created SCIM integration {} for SAML connector {}", clientId, samlConnector);
            return new IssuedCredentials(stored, secret);
        });
    }

    /**
     * Replaces the secret of an integration; the old secret stops working once the future
     * completes. Completes with empty if there is no such integration.
     */
    public CompletableFuture<Optional<IssuedCredentials>> rotateSecret(String clientId) {
        Optional<ScimIntegration> existing = store.find(clientId);
        if (existing.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String secret = randomToken(SECRET_BYTES);
        SecretHasher.HashedSecret hashed = hasher.hash(secret);
        ScimIntegration rotated = existing.get().withSecret(hashed.salt(), hashed.hash(), hashed.algorithm(),
                clock.instant());
        return store.put(rotated).thenApply(stored -> {
            LOG.info("rotated the client secret of SCIM integration {}; earlier tokens are revoked", clientId);
            return Optional.of(new IssuedCredentials(stored, secret));
        });
    }

    /**
     * Disables an integration: it gets no more tokens, and every token it holds is refused. Already
     * disabled: unchanged. Completes with empty if there is no such integration.
     */
    public CompletableFuture<Optional<ScimIntegration>> disable(String clientId) {
        return change(clientId, current -> current.enabled() ? current.disabled(clock.instant()) : current,
                "disabled");
    }

    /** Enables a disabled integration again; it needs a new token. Empty if there is no such integration. */
    public CompletableFuture<Optional<ScimIntegration>> enable(String clientId) {
        return change(clientId, current -> current.enabled() ? current : current.enabledAgain(clock.instant()),
                "enabled");
    }

    /**
     * Deletes an integration: its credentials stop working at once. What it provisioned stays in
     * the directory state and its history on the event topics. False if there was none.
     */
    public CompletableFuture<Boolean> delete(String clientId) {
        return store.delete(clientId).thenApply(deleted -> {
            if (deleted) {
                LOG.info("deleted SCIM integration {}", clientId);
            }
            return deleted;
        });
    }

    private CompletableFuture<Optional<ScimIntegration>> change(String clientId,
                                                                java.util.function.UnaryOperator<ScimIntegration> how,
                                                                String what) {
        Optional<ScimIntegration> existing = store.find(clientId);
        if (existing.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        ScimIntegration changed = how.apply(existing.get());
        if (changed == existing.get()) {
            return CompletableFuture.completedFuture(existing);
        }
        return store.put(changed).thenApply(stored -> {
            LOG.info("{} SCIM integration {}", what, clientId);
            return Optional.of(stored);
        });
    }

    /** The integration with this client id, if any. */
    public Optional<ScimIntegration> find(String clientId) {
        return store.find(clientId);
    }

    /** Every integration, oldest first. */
    public List<ScimIntegration> all() {
        return store.all().stream()
                .sorted(Comparator.comparing(ScimIntegration::created, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(ScimIntegration::clientId))
                .toList();
    }

    /**
     * The credentials generation of the client when the id and secret belong together and the
     * integration is enabled; empty otherwise. Takes the same time whether or not the client id
     * exists.
     */
    public java.util.OptionalLong authenticate(String clientId, String secret) {
        Optional<ScimIntegration> integration = store.find(clientId);
        boolean matches = hasher.matches(secret, integration);
        return matches && integration.get().enabled() ? java.util.OptionalLong.of(integration.get().generation())
                : java.util.OptionalLong.empty();
    }

    private String randomToken(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return BASE64URL.encodeToString(value);
    }
}
