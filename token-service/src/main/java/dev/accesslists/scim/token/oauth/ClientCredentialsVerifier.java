package dev.accesslists.scim.token.oauth;

import java.util.OptionalLong;

/** Checks a client id and secret pair; the port through which the token endpoint reaches the integrations. */
@FunctionalInterface
public interface ClientCredentialsVerifier {

    /**
     * The client's current credentials generation when the secret belongs to it and the client
     * is enabled; empty otherwise. Must take the same time for unknown client ids.
     */
    OptionalLong verify(String clientId, String clientSecret);
}
