package dev.accesslists.scim.schemas.integration;

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
 */
public record ScimIntegration(String clientId, String name, String samlConnector, String secretSalt,
                              String secretHash, String hashAlgorithm, Instant created, Instant secretIssued) {
    public ScimIntegration {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(samlConnector, "samlConnector");
        Objects.requireNonNull(secretSalt, "secretSalt");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
    }

    /** Never prints the hash material. */
    @Override
    public String toString() {
        return "ScimIntegration[clientId=" + clientId + ", name=" + name + ", samlConnector=" + samlConnector + "]";
    }
}
