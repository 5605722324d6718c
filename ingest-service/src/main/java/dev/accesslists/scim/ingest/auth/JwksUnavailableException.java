package dev.accesslists.scim.ingest.auth;

/**
 * The token service's signing keys could not be fetched, so a token could be neither accepted
 * nor rejected. A server-side condition (answer 503), not the client's fault (401).
 */
public final class JwksUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JwksUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
