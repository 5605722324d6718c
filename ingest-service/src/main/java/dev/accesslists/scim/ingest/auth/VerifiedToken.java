package dev.accesslists.scim.ingest.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified access token says about its caller.
 *
 * @param clientId the {@code client_id} claim: the SCIM integration, which is also the directory id
 * @param scope the {@code scope} claim, or null if the token had none
 * @param expiresAt the {@code exp} claim
 */
public record VerifiedToken(String clientId, String scope, Instant expiresAt) {
    public VerifiedToken {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
