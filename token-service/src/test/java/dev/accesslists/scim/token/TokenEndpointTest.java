package dev.accesslists.scim.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenEndpointTest extends WithOneIntegration {
    @Test
    void shouldIssueSignedAccessTokenWithBasicAuthentication() throws Exception {
        // Given an integration (created in setUp)
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // When the client asks for a token with HTTP Basic
        HttpResponse<String> response = service.tokenWithBasic(clientId, clientSecret, CLIENT_CREDENTIALS);

        // Then it gets a bearer token that verifies against the published JWKS
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = TokenServiceHarness.json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("scope").asText()).isEqualTo("scim");

        SignedJWT jwt = verifiedAgainstJwks(body.get("access_token").asText());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(service.keys.keyId());

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(TokenServiceHarness.ISSUER);
        assertThat(claims.getAudience()).containsExactly(TokenServiceHarness.AUDIENCE);
        assertThat(claims.getSubject()).isEqualTo(clientId);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(claims.getStringClaim("scope")).isEqualTo("scim");
        assertThat(UUID.fromString(claims.getJWTID())).isNotNull();
        Instant issuedAt = claims.getIssueTime().toInstant();
        assertThat(issuedAt).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(issuedAt);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(issuedAt.plusSeconds(3600));
    }

    @Test
    void shouldIssueAccessTokenWithPostAuthentication() throws Exception {
        // When the client sends its credentials in the body
        HttpResponse<String> response = service.tokenWithPost(clientId, clientSecret, CLIENT_CREDENTIALS + "&scope=scim");

        // Then it gets a valid token for itself
        assertThat(response.statusCode()).isEqualTo(200);
        SignedJWT jwt = verifiedAgainstJwks(TokenServiceHarness.json(response).get("access_token").asText());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(clientId);
    }

    @Test
    void shouldAcceptTheBasicSchemeInAnyCase() {
        // RFC 9110 §11.1: authentication schemes are case-insensitive
        String credentials = java.util.Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> response = service.post("/oauth2/token", "application/x-www-form-urlencoded",
                CLIENT_CREDENTIALS, "Authorization", "basic " + credentials);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldIssueDistinctTokensOnEachRequest() {
        // When the client asks twice
        String first = TokenServiceHarness.json(service.tokenWithBasic(clientId, clientSecret, CLIENT_CREDENTIALS))
                .get("access_token").asText();
        String second = TokenServiceHarness.json(service.tokenWithBasic(clientId, clientSecret, CLIENT_CREDENTIALS))
                .get("access_token").asText();

        // Then each token has its own jti
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void shouldRejectWrongSecretAsInvalidClient() {
        // When the secret is wrong
        HttpResponse<String> response = service.tokenWithBasic(clientId, clientSecret + "x", CLIENT_CREDENTIALS);

        // Then RFC 6749 §5.2 invalid_client with a challenge, and nothing of the secret echoed
        assertInvalidClient(response);
        assertThat(response.body()).doesNotContain(clientSecret);
    }

    @Test
    void shouldRejectWrongSecretSentInBodyAsInvalidClient() {
        assertInvalidClient(service.tokenWithPost(clientId, "not-the-secret", CLIENT_CREDENTIALS));
    }

    @Test
    void shouldRejectUnknownClientAsInvalidClient() {
        assertInvalidClient(service.tokenWithBasic("no-such-client", clientSecret, CLIENT_CREDENTIALS));
    }

    @Test
    void shouldRejectMissingClientAuthenticationAsInvalidClient() {
        assertInvalidClient(service.post("/oauth2/token", TokenServiceHarness.FORM, CLIENT_CREDENTIALS));
    }

    @Test
    void shouldRejectMalformedBasicHeaderAsInvalidClient() {
        assertInvalidClient(service.post("/oauth2/token", TokenServiceHarness.FORM, CLIENT_CREDENTIALS,
                "Authorization", "Basic not-base64!"));
    }

    @Test
    void shouldRejectPasswordGrantAsUnsupported() {
        // When a valid client asks for another grant type
        HttpResponse<String> response = service.tokenWithBasic(clientId, clientSecret,
                "grant_type=password&username=alice&password=wonderland");

        // Then unsupported_grant_type
        assertError(response, 400, "unsupported_grant_type");
    }

    @Test
    void shouldRejectMissingGrantTypeAsInvalidRequest() {
        assertError(service.tokenWithBasic(clientId, clientSecret, "scope=scim"), 400, "invalid_request");
    }

    @Test
    void shouldRejectRepeatedParametersAsInvalidRequest() {
        assertError(service.tokenWithBasic(clientId, clientSecret, CLIENT_CREDENTIALS + "&" + CLIENT_CREDENTIALS),
                400, "invalid_request");
    }

    @Test
    void shouldRejectTwoAuthenticationMethodsAsInvalidRequest() {
        // When the client sends Basic and body credentials at once (RFC 6749 §2.3)
        HttpResponse<String> response = service.post("/oauth2/token", TokenServiceHarness.FORM,
                CLIENT_CREDENTIALS + "&client_id=" + clientId + "&client_secret=" + clientSecret,
                "Authorization", TokenServiceHarness.basic(clientId, clientSecret));

        // Then invalid_request
        assertError(response, 400, "invalid_request");
    }

    @Test
    void shouldRejectJsonBodyAsInvalidRequest() {
        assertError(service.post("/oauth2/token", "application/json", "{\"grant_type\":\"client_credentials\"}",
                "Authorization", TokenServiceHarness.basic(clientId, clientSecret)), 400, "invalid_request");
    }

    @Test
    void shouldRejectUnknownScopeAsInvalidScope() {
        assertError(service.tokenWithBasic(clientId, clientSecret, CLIENT_CREDENTIALS + "&scope=admin"),
                400, "invalid_scope");
    }

    @Test
    void shouldAnswerOtherMethodsWith405() {
        // When the token endpoint is called with GET
        HttpResponse<String> response = service.get("/oauth2/token");

        // Then 405 with Allow: POST
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    private SignedJWT verifiedAgainstJwks(String token) throws Exception {
        JWKSet jwks = JWKSet.parse(service.get("/.well-known/jwks.json").body());
        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("key for the token's kid").isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).as("signature").isTrue();
        return jwt;
    }

    private static void assertInvalidClient(HttpResponse<String> response) {
        assertError(response, 401, "invalid_client");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"scim\"");
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = TokenServiceHarness.json(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_description").asText()).isNotBlank();
        assertThat(List.of("Exception", "\tat ", "access_token")).noneMatch(response.body()::contains);
    }
}
