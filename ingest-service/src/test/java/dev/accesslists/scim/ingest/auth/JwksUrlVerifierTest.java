package dev.accesslists.scim.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AccessTokenVerifier#fromJwksUrl} against a JWKS served over real HTTP. */
class JwksUrlVerifierTest {
    private static final RSAKey FIRST_KEY = TestTokens.newKey("first");
    private static final RSAKey ROTATED_KEY = TestTokens.newKey("rotated");

    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(FIRST_KEY.toPublicJWK()));
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer server;
    private AccessTokenVerifier verifier;

    @BeforeEach
    void serveJwks() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URL jwksUrl = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
        verifier = AccessTokenVerifier.fromJwksUrl(jwksUrl, TestTokens.ISSUER, TestTokens.AUDIENCE);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldVerifyWithKeysFetchedOnceAndCached() {
        // Given two tokens signed with the published key
        Instant now = Instant.now();
        String first = TestTokens.sign(FIRST_KEY, TestTokens.validClaims(now).build());
        String second = TestTokens.sign(FIRST_KEY, TestTokens.validClaims(now).build());

        // When both are verified
        verifier.verify(first);
        verifier.verify(second);

        // Then the key set was fetched once
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void shouldRefetchKeysWhenATokenNamesAnUnknownKeyId() {
        // Given a verifier that has fetched the first key set
        Instant now = Instant.now();
        verifier.verify(TestTokens.sign(FIRST_KEY, TestTokens.validClaims(now).build()));

        // When the token service rotates keys and signs with the new one
        published.set(new JWKSet(List.of(ROTATED_KEY.toPublicJWK(), FIRST_KEY.toPublicJWK())));
        VerifiedToken verified = verifier.verify(TestTokens.sign(ROTATED_KEY, TestTokens.validClaims(now).build()));

        // Then the verifier fetched the new key set without a restart
        assertThat(verified.clientId()).isEqualTo(TestTokens.CLIENT_ID);
        assertThat(fetches.get()).isEqualTo(2);
    }
}
