package dev.accesslists.scim.token.integrations;

import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.util.Objects;

/**
 * An integration together with its plain client secret, as returned once after creation or
 * rotation. The plain secret is never stored.
 *
 * @param integration the stored integration (hash only)
 * @param clientSecret the plain secret, to be shown to the admin exactly once
 */
public record IssuedCredentials(ScimIntegration integration, String clientSecret) {
    public IssuedCredentials {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "IssuedCredentials[integration=" + integration + ", clientSecret=***]";
    }
}
