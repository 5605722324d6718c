package dev.accesslists.scim.token.oauth;

/**
 * An RFC 6749 §5.2 error response, thrown while handling a token request. The description is a
 * fixed text chosen here, never a parser's message, so nothing the client sent is echoed.
 */
final class OAuthException extends Exception {
    private final int status;
    private final String error;
    private final long retryAfterSeconds;

    private OAuthException(int status, String error, String description) {
        this(status, error, description, 0);
    }

    private OAuthException(int status, String error, String description, long retryAfterSeconds) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds for {@code Retry-After}, or 0 when none applies. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }

    /** §5.2: client authentication failed; 401 with a {@code WWW-Authenticate} challenge. */
    static OAuthException invalidClient() {
        return new OAuthException(401, "invalid_client", "client authentication failed");
    }

    /** Too many failed authentications from this client or address; answered 429 with Retry-After. */
    static OAuthException throttled(long retryAfterSeconds) {
        return new OAuthException(429, "invalid_request", "too many failed client authentications; retry after "
                + retryAfterSeconds + " s", retryAfterSeconds);
    }

    static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    static OAuthException unsupportedGrantType() {
        return new OAuthException(400, "unsupported_grant_type", "only the client_credentials grant is supported");
    }

    static OAuthException invalidScope() {
        return new OAuthException(400, "invalid_scope", "the only scope available is 'scim'");
    }

    static OAuthException of(String error) {
        return switch (error) {
            case "invalid_client" -> invalidClient();
            case "unsupported_grant_type" -> unsupportedGrantType();
            case "invalid_scope" -> invalidScope();
            default -> invalidRequest("the token request is malformed");
        };
    }
}
