package dev.accesslists.scim.token.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.accesslists.scim.token.keys.SigningKeys;
import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.http.Context;
import java.util.Map;

/** Publishes the public signing keys and the RFC 8414 authorization server metadata. */
public final class MetadataController {
    private final SigningKeys keys;
    private final ObjectNode metadata;

    /**
     * @param keys the signing keys, of which only the public part is published
     * @param issuer the issuer identifier
     * @param tokenEndpoint the token endpoint URL
     * @param jwksUri the JWKS URL
     */
    public MetadataController(SigningKeys keys, String issuer, String tokenEndpoint, String jwksUri) {
        this.keys = keys;
        this.metadata = metadata(issuer, tokenEndpoint, jwksUri);
    }

    /** {@code GET /.well-known/jwks.json}: RFC 7517 §5 JWK Set, public keys only. */
    public void jwks(Context ctx) {
        Map<String, Object> publicKeys = keys.publicJwkSet().toJSONObject(true);
        ctx.header("Cache-Control", "public, max-age=300");
        JsonResponses.write(ctx, 200, publicKeys, JWKSet.MIME_TYPE);
    }

    /** {@code GET /.well-known/oauth-authorization-server}: RFC 8414 §3.2 metadata response. */
    public void authorizationServer(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300");
        JsonResponses.write(ctx, 200, metadata);
    }

    /**
     * RFC 8414 §2. {@code response_types_supported} is required even though this server has no
     * authorization endpoint; the empty list says so. {@code authorization_endpoint} is omitted as
     * §2 allows when no grant type uses it.
     */
    private static ObjectNode metadata(String issuer, String tokenEndpoint, String jwksUri) {
        ObjectNode node = JsonResponses.object()
                .put("issuer", issuer)
                .put("token_endpoint", tokenEndpoint)
                .put("jwks_uri", jwksUri);
        node.putArray("grant_types_supported").add("client_credentials");
        node.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        node.putArray("response_types_supported");
        node.putArray("scopes_supported").add(AccessTokenIssuer.SCOPE);
        return node;
    }
}
