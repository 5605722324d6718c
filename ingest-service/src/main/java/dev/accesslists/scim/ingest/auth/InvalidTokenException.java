package dev.accesslists.scim.ingest.auth;

/**
 * The request carries no usable access token (RFC 6750 §3.1 {@code invalid_token}, or no token at
 * all). The message is a fixed text that is safe to send to the client: it never contains the
 * token or anything the token said.
 */
public final class InvalidTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
