package dev.accesslists.scim.token.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint (RFC 6749 §3.2) for the client credentials grant (§4.4) only, with
 * {@code client_secret_basic} and {@code client_secret_post} client authentication (§2.3.1).
 *
 * <p>Order of checks: form encoding and single-valued parameters (§3.2), then client
 * authentication, then the grant type, then the rest of the request as Nimbus parses it. Errors
 * follow §5.2; a successful response follows §5.1 with {@code Cache-Control: no-store}.
 */
public final class TokenController {
    private static final Logger LOG = LoggerFactory.getLogger(TokenController.class);

    private final URI tokenEndpoint;
    private final ClientCredentialsVerifier clients;
    private final AccessTokenIssuer issuer;
    private final FailedAuthThrottle throttle;
    private final TokenMetrics metrics;

    public TokenController(URI tokenEndpoint, ClientCredentialsVerifier clients, AccessTokenIssuer issuer,
                           FailedAuthThrottle throttle, TokenMetrics metrics) {
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The authenticated client and the generation of its credentials. */
    private record Client(String id, long generation) {
    }

    /** {@code POST /oauth2/token}. */
    public void token(Context ctx) {
        noStore(ctx);
        // the client id the request names, once known: the metrics label it only if it exists
        String clientId = null;
        try {
            HTTPRequest request = toNimbus(ctx);
            Map<String, List<String>> params = formParameters(request);
            PlainClientSecret secret = clientSecret(request, params);
            clientId = secret.getClientID().getValue();
            Client client = authenticateClient(secret, ctx.ip());
            checkGrantType(params);
            checkScope(parse(request).getScope());
            IssuedAccessToken token = issuer.issue(client.id(), client.generation());
            metrics.issued(client.id());
            LOG.debug("issued an access token to client {}", client.id());
            ObjectNode body = JsonResponses.object()
                    .put("access_token", token.value())
                    .put("token_type", "Bearer")
                    .put("expires_in", token.expiresInSeconds())
                    .put("scope", token.scope());
            JsonResponses.write(ctx, 200, body);
        } catch (OAuthException e) {
            metrics.failed(e.status() == 429 ? TokenMetrics.THROTTLED : e.error(), clientId);
            if (e.status() == 401) {
                // §5.2: invalid_client answered with 401 carries the challenge of the scheme used.
                ctx.header("WWW-Authenticate", "Basic realm=\"scim\"");
            }
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            JsonResponses.error(ctx, e.status(), e.error(), e.description());
        }
    }

    /** Any other method on the token endpoint: §3.2 requires POST. */
    public void methodNotAllowed(Context ctx) {
        noStore(ctx);
        metrics.failed("invalid_request", null);
        ctx.header("Allow", "POST");
        JsonResponses.error(ctx, 405, "invalid_request", "the token endpoint accepts POST only");
    }

    private HTTPRequest toNimbus(Context ctx) {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, tokenEndpoint);
        String contentType = ctx.header("Content-Type");
        if (contentType != null) {
            request.setHeader("Content-Type", contentType);
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            // auth schemes are case-insensitive (RFC 9110 §11.1); the parser expects "Basic"
            request.setAuthorization(authorization.regionMatches(true, 0, "basic ", 0, 6)
                    ? "Basic " + authorization.substring(6) : authorization);
        }
        request.setBody(ctx.body());
        return request;
    }

    /** §3.2: form encoded, and no parameter more than once. */
    private static Map<String, List<String>> formParameters(HTTPRequest request) throws OAuthException {
        Map<String, List<String>> params;
        try {
            params = request.getBodyAsFormParameters();
        } catch (ParseException e) {
            throw OAuthException.invalidRequest("the body must be application/x-www-form-urlencoded");
        }
        if (params.values().stream().anyMatch(values -> values.size() > 1)) {
            throw OAuthException.invalidRequest("request parameters must not be repeated");
        }
        return params;
    }

    /**
     * §2.3: exactly one authentication method, which must be a client secret in the Basic header
     * or in the body.
     */
    private static PlainClientSecret clientSecret(HTTPRequest request, Map<String, List<String>> params)
            throws OAuthException {
        if (request.getAuthorization() != null && params.containsKey("client_secret")) {
            throw OAuthException.invalidRequest("use exactly one client authentication method");
        }
        ClientAuthentication authentication;
        try {
            authentication = ClientAuthentication.parse(request);
        } catch (ParseException e) {
            throw OAuthException.invalidClient();
        }
        if (!(authentication instanceof PlainClientSecret secret)) {
            throw OAuthException.invalidClient();
        }
        return secret;
    }

    /**
     * Checks the client's secret. A client id or address with too many recent failures is refused
     * before its secret is checked (RFC 6819 §5.1.4.2.3: slow down online guessing).
     */
    private Client authenticateClient(PlainClientSecret secret, String address) throws OAuthException {
        String clientId = secret.getClientID().getValue();
        long wait = throttle.retryAfterSeconds(clientId, address);
        if (wait > 0) {
            throw OAuthException.throttled(wait);
        }
        java.util.OptionalLong generation = clients.verify(clientId, secret.getClientSecret().getValue());
        if (generation.isEmpty()) {
            throttle.failed(clientId, address);
            LOG.debug("client authentication failed for client id {}", clientId);
            throw OAuthException.invalidClient();
        }
        return new Client(clientId, generation.getAsLong());
    }

    private static void checkGrantType(Map<String, List<String>> params) throws OAuthException {
        List<String> grantType = params.get("grant_type");
        if (grantType == null || grantType.get(0).isBlank()) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        if (!GrantType.CLIENT_CREDENTIALS.getValue().equals(grantType.get(0))) {
            throw OAuthException.unsupportedGrantType();
        }
    }

    private static TokenRequest parse(HTTPRequest request) throws OAuthException {
        TokenRequest tokenRequest;
        try {
            tokenRequest = TokenRequest.parse(request);
        } catch (ParseException e) {
            throw OAuthException.of(e.getErrorObject() == null ? "invalid_request" : e.getErrorObject().getCode());
        }
        if (!(tokenRequest.getAuthorizationGrant() instanceof ClientCredentialsGrant)) {
            throw OAuthException.unsupportedGrantType();
        }
        return tokenRequest;
    }

    /** §3.3: a requested scope must be one this server grants; none requested means the default. */
    private static void checkScope(Scope requested) throws OAuthException {
        if (requested != null && requested.stream().anyMatch(value -> !AccessTokenIssuer.SCOPE.equals(value.getValue()))) {
            throw OAuthException.invalidScope();
        }
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }
}
