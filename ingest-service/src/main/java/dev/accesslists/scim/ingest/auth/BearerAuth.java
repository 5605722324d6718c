package dev.accesslists.scim.ingest.auth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a bearer token from an {@code Authorization} header. */
public final class BearerAuth {
    /**
     * RFC 6750 §2.1: {@code credentials = "Bearer" 1*SP b64token}, with
     * {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}; the scheme
     * name is case-insensitive (RFC 9110 §11.1).
     */
    private static final Pattern BEARER = Pattern.compile("(?i:bearer) +([A-Za-z0-9._~+/-]+=*)[ \\t]*");

    private BearerAuth() {
    }

    /**
     * The token of an RFC 6750 §2.1 {@code Authorization: Bearer <token>} header.
     *
     * @throws InvalidTokenException if the header is missing, uses another scheme, or is malformed
     */
    public static String extractBearer(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new InvalidTokenException("missing bearer token");
        }
        Matcher matcher = BEARER.matcher(authorizationHeader);
        if (!matcher.matches()) {
            throw new InvalidTokenException("the Authorization header must be 'Bearer <access token>'");
        }
        return matcher.group(1);
    }
}
