package dev.accesslists.scim.token.oauth;

/** Checks a client id and secret pair; the port through which the token endpoint reaches the integrations. */
@FunctionalInterface
public interface ClientCredentialsVerifier {

    /** Whether the secret belongs to the client. Must take the same time for unknown client ids. */
    boolean verify(String clientId, String clientSecret);
}
