package dev.accesslists.scim.ingest.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.integration.ScimIntegration;
import dev.accesslists.scim.schemas.runtime.TopicTable;
import dev.accesslists.scim.schemas.scim.ScimError;
import dev.accesslists.scim.schemas.scim.ScimException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Whether a verified access token may still be used: its integration exists, is enabled, and the
 * token belongs to the integration's current credentials generation (a secret rotation or a
 * disable starts a new one). The ingest service follows the integrations topic for this, so a
 * revocation reaches every instance within the time it takes to read one record.
 *
 * <p>A token may name an integration (or a generation) this instance has not read yet: one just
 * created or rotated. Then the check first catches up with the topic's end (one end-offset lookup
 * shared by the requests waiting at that moment), so a fresh token is never refused for being
 * early, and a deleted integration's token is refused once the deletion is read.
 */
public final class IntegrationAccess implements AutoCloseable {
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(3);

    private final TopicTable<String, ScimIntegration> integrations;
    /** Client ids found unknown after a catch-up, refused without another lookup for a second. */
    private final Cache<String, Boolean> recentlyUnknown = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(1)).maximumSize(10_000).build();

    public IntegrationAccess(TopicTable<String, ScimIntegration> integrations) {
        this.integrations = integrations;
    }

    /** Follows the integrations topic of this cluster. */
    public static IntegrationAccess follow(String bootstrapServers) {
        return new IntegrationAccess(new TopicTable<>("ingest-integrations-reader", Topics.INTEGRATIONS,
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), null).start());
    }

    private enum Verdict { ALLOWED, UNKNOWN, DISABLED, REVOKED }

    /** A verdict and the integration it was reached on (null when unknown). */
    private record Checked(Verdict verdict, ScimIntegration integration) {
    }

    /**
     * @return the SAML connector the token's integration is bound to
     * @throws InvalidTokenException when the token is revoked or its integration is gone or disabled
     * @throws ScimException 503 when this instance cannot tell yet (still reading, Kafka unreachable)
     */
    public String check(VerifiedToken token) {
        Checked checked = verdict(token);
        if (checked.verdict() == Verdict.UNKNOWN && recentlyUnknown.getIfPresent(token.clientId()) == null) {
            catchUp();
            checked = verdict(token);
            if (checked.verdict() == Verdict.UNKNOWN) {
                recentlyUnknown.put(token.clientId(), Boolean.TRUE);
            }
        }
        switch (checked.verdict()) {
            case ALLOWED -> {
                return checked.integration().samlConnector();
            }
            case DISABLED -> throw new InvalidTokenException("the integration of this access token is disabled");
            case REVOKED -> throw new InvalidTokenException("the access token was revoked: the integration's secret"
                    + " was rotated or the integration disabled since it was issued");
            default -> throw new InvalidTokenException("the integration of this access token does not exist");
        }
    }

    private Checked verdict(VerifiedToken token) {
        if (!integrations.ready()) {
            throw new ScimException(new ScimError(503, null, "the service is starting; retry later"));
        }
        Optional<ScimIntegration> found = integrations.get(token.clientId());
        if (found.isEmpty() || token.generation() > found.get().generation()) {
            return new Checked(Verdict.UNKNOWN, null);
        }
        ScimIntegration integration = found.get();
        if (!integration.enabled()) {
            return new Checked(Verdict.DISABLED, integration);
        }
        return new Checked(token.generation() < integration.generation() ? Verdict.REVOKED : Verdict.ALLOWED,
                integration);
    }

    private void catchUp() {
        try {
            integrations.catchUp().get(CATCH_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable();
        }
    }

    private static ScimException unavailable() {
        return new ScimException(new ScimError(503, null, "cannot check the access token right now; retry later"));
    }

    /** Whether integration state is known: the topic was read to its end and is being followed. */
    public boolean ready() {
        return integrations.ready();
    }

    public Optional<String> problem() {
        return integrations.problem();
    }

    @Override
    public void close() {
        integrations.close();
    }
}
