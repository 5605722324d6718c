package dev.accesslists.scim.ingest.auth;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a verified access token says about its caller.
 *
 * @param clientId the {@code client_id} claim: the SCIM integration, which is also the directory id
 * @param scope the {@code scope} claim, or null if the token had none
 * @param expiresAt the {@code exp} claim
 * @param generation the {@code gen} claim: the generation of the integration's credentials the
 *     token was issued in (0 when absent)
 */
public record VerifiedToken(String clientId, String scope, Instant expiresAt, long generation) {
    public VerifiedToken {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public VerifiedToken(String clientId, String scope, Instant expiresAt) {
        this(clientId, scope, expiresAt, 0);
    }

    /** Whether the space-separated {@code scope} (RFC 6749 §3.3) holds {@code wanted}. */
    public boolean hasScope(String wanted) {
        return scope != null && Arrays.asList(scope.trim().split(" +")).contains(wanted);
    }
}
