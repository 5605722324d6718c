package dev.accesslists.scim.token.oauth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The token endpoint's counters: access tokens issued, and requests refused by OAuth error code.
 *
 * <p>The {@code integration} label is the client id only when it names an integration that
 * exists; any other client id, which a caller may make up at will, is {@value #UNKNOWN}, so a
 * stream of invented ids cannot grow the number of series. The {@code error} label is one of the
 * fixed codes this endpoint answers with ({@code invalid_client}, {@code invalid_request},
 * {@code unsupported_grant_type}, {@code invalid_scope}, {@code server_error}), or
 * {@value #THROTTLED} for a client id or address refused after too many failed authentications.
 */
public final class TokenMetrics {
    /** Counter of access tokens issued: {@code scim_token_issued_total{integration}}. */
    public static final String ISSUED = "scim.token.issued";
    /** Counter of refused token requests: {@code scim_token_failures_total{error, integration}}. */
    public static final String FAILURES = "scim.token.failures";
    public static final String UNKNOWN = "unknown";
    public static final String THROTTLED = "throttled";

    private final MeterRegistry registry;
    private final Predicate<String> knownIntegration;

    /** @param knownIntegration whether a client id names an existing integration */
    public TokenMetrics(MeterRegistry registry, Predicate<String> knownIntegration) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.knownIntegration = Objects.requireNonNull(knownIntegration, "knownIntegration");
    }

    /** A token was issued to this (authenticated, hence known) client. */
    public void issued(String clientId) {
        Counter.builder(ISSUED).description("Access tokens issued")
                .tag("integration", label(clientId))
                .register(registry).increment();
    }

    /**
     * A token request was refused with {@code error}; {@code clientId} is the one the request
     * named, or null when it named none.
     */
    public void failed(String error, String clientId) {
        Counter.builder(FAILURES).description("Token requests refused, by OAuth error code")
                .tag("error", error)
                .tag("integration", label(clientId))
                .register(registry).increment();
    }

    private String label(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return UNKNOWN;
        }
        try {
            return knownIntegration.test(clientId) ? clientId : UNKNOWN;
        } catch (RuntimeException e) {
            // the integrations are not readable now: a label is not worth failing the answer for
            return UNKNOWN;
        }
    }
}
