package dev.accesslists.scim.schemas.integration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * A SCIM integration as stored on the compacted integrations topic. The client secret is never
 * stored: only a random salt and the hash of salt and secret.
 *
 * @param clientId the OAuth client id; also the integration id and the SCIM directory id
 * @param name a human name for the integration (for example the IdP's name)
 * @param samlConnector the SAML connector that provisioned users are linked to
 * @param secretSalt base64url salt
 * @param secretHash base64url hash of salt and secret
 * @param hashAlgorithm the name of the hash scheme, so it can change later
 * @param created when the integration was created
 * @param secretIssued when the current secret was issued
 * @param status whether the integration may obtain tokens and call the SCIM API (absent: enabled)
 * @param generation the generation of its credentials: every access token names the generation it
 *     was issued in, and only tokens of the current one are accepted. A secret rotation and a
 *     disable start a new generation, which revokes every token issued before.
 * @param statusChanged when the integration was last enabled or disabled, or null
 */
public record ScimIntegration(String clientId, String name, String samlConnector, String secretSalt,
                              String secretHash, String hashAlgorithm, Instant created, Instant secretIssued,
                              Status status, long generation, Instant statusChanged) {

    /** Whether an integration may be used. */
    public enum Status {
        @JsonProperty("enabled") ENABLED,
        @JsonProperty("disabled") DISABLED
    }

    public ScimIntegration {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(samlConnector, "samlConnector");
        Objects.requireNonNull(secretSalt, "secretSalt");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        status = status == null ? Status.ENABLED : status;
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative");
        }
    }

    /** A new, enabled integration in its first credentials generation. */
    public ScimIntegration(String clientId, String name, String samlConnector, String secretSalt, String secretHash,
                           String hashAlgorithm, Instant created, Instant secretIssued) {
        this(clientId, name, samlConnector, secretSalt, secretHash, hashAlgorithm, created, secretIssued,
                Status.ENABLED, 0, null);
    }

    @JsonIgnore
    public boolean enabled() {
        return status == Status.ENABLED;
    }

    /** The same integration with a new secret, in a new credentials generation. */
    public ScimIntegration withSecret(String salt, String hash, String algorithm, Instant issued) {
        return new ScimIntegration(clientId, name, samlConnector, salt, hash, algorithm, created, issued, status,
                generation + 1, statusChanged);
    }

    /** Disabled, in a new credentials generation: every token issued so far stops working. */
    public ScimIntegration disabled(Instant at) {
        return new ScimIntegration(clientId, name, samlConnector, secretSalt, secretHash, hashAlgorithm, created,
                secretIssued, Status.DISABLED, generation + 1, at);
    }

    /** Enabled again; tokens issued before it was disabled stay revoked. */
    public ScimIntegration enabledAgain(Instant at) {
        return new ScimIntegration(clientId, name, samlConnector, secretSalt, secretHash, hashAlgorithm, created,
                secretIssued, Status.ENABLED, generation, at);
    }

    /** Never prints the hash material. */
    @Override
    public String toString() {
        return "ScimIntegration[clientId=" + clientId + ", name=" + name + ", samlConnector=" + samlConnector
                + ", status=" + status + ", generation=" + generation + "]";
    }
}
