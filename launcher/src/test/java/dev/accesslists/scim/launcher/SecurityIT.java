package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.accesslists.scim.ingest.IngestApp;
import dev.accesslists.scim.ingest.IngestSettings;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.token.keys.SigningKeys;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenants cannot reach each other, the internal API answers only its own services, access can be
 * cut off (disable, rotation, delete) and is limited (scope, rate): on the real stack.
 */
class SecurityIT {
    private static TestStack env;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        env = TestStack.get();
    }

    @Test
    void shouldKeepEveryResourceOfOneIntegrationAwayFromAnother() throws Exception {
        // Given a victim integration with a user in a group, and an attacker integration
        ScimClient victim = env.newDirectoryClient("isolation-victim");
        ScimClient attacker = env.newDirectoryClient("isolation-attacker");
        String userId = victim.post("/Users", "{\"userName\":\"secret-user@example.com\"}").body().get("id").asText();
        String groupId = victim.post("/Groups", "{\"displayName\":\"GroupRequester\",\"members\":[{\"value\":\""
                + userId + "\"}]}").body().get("id").asText();
        JsonNode userBefore = victim.get("/Users/" + userId).body();
        JsonNode groupBefore = victim.get("/Groups/" + groupId).body();

        // and the ids the attacker could learn from the victim's events
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> event : TopicReader.readAll(env.kafka.bootstrapServers(),
                Topics.EVENTS.name())) {
            if (victim.clientId().equals(event.key())) {
                JsonNode value = Json.mapper().readTree(event.value());
                Optional.ofNullable(value.path("userId").textValue()).ifPresent(ids::add);
                Optional.ofNullable(value.path("groupId").textValue()).ifPresent(ids::add);
            }
        }
        assertThat(ids).contains(userId, groupId);

        // When the attacker uses them on every endpoint
        String patch = "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";
        for (String path : List.of("/Users/" + userId, "/Groups/" + groupId)) {
            assertThat(attacker.get(path).status()).as("GET " + path).isEqualTo(404);
            assertThat(attacker.put(path, path.startsWith("/Users") ? "{\"userName\":\"taken@example.com\"}"
                    : "{\"displayName\":\"GroupRequester\",\"members\":[]}").status()).as("PUT " + path).isEqualTo(404);
            assertThat(attacker.patch(path, path.startsWith("/Users") ? patch
                    : "{\"Operations\":[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]}").status())
                    .as("PATCH " + path).isEqualTo(404);
            assertThat(attacker.delete(path).status()).as("DELETE " + path).isEqualTo(404);
        }
        assertThat(attacker.get("/Users?filter=" + ScimClient.form("id eq \"" + userId + "\"")).body()
                .get("totalResults").asInt()).isZero();
        assertThat(attacker.get("/Users?filter=" + ScimClient.form("userName eq \"secret-user@example.com\""))
                .body().get("totalResults").asInt()).isZero();
        assertThat(attacker.get("/Groups?filter=" + ScimClient.form("id eq \"" + groupId + "\"")).body()
                .get("totalResults").asInt()).isZero();
        ScimClient.Response adopt = attacker.post("/Groups", "{\"displayName\":\"GroupRequester\",\"members\":[{"
                + "\"value\":\"" + userId + "\"}]}");
        assertThat(adopt.status()).isEqualTo(400);
        assertThat(adopt.body().get("scimType").asText()).isEqualTo("invalidValue");

        // Then nothing of the victim's changed
        assertThat(victim.get("/Users/" + userId).body()).isEqualTo(userBefore);
        assertThat(victim.get("/Groups/" + groupId).body()).isEqualTo(groupBefore);
    }

    @Test
    void shouldAnswerTheInternalQueryApiOnlyWithItsCredentialAndOnlyOnLoopback() throws Exception {
        ScimClient tenant = env.newDirectoryClient("internal-api");
        tenant.post("/Users", "{\"userName\":\"internal@example.com\"}");
        int port = env.stack.streams().queryPort();
        String url = "http://127.0.0.1:" + port + "/internal/v1/directories/" + tenant.clientId() + "/users";
        String token = LocalStack.environment(env.stack.settings()).get("INTERNAL_TOKEN");

        assertThat(get(url, null).statusCode()).isEqualTo(401);
        assertThat(get(url, "Bearer not-the-token").statusCode()).isEqualTo(401);
        HttpResponse<String> refused = get(url, "Bearer " + token.substring(1));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("internal@example.com");
        HttpResponse<String> allowed = get(url, "Bearer " + token);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("internal@example.com");

        // and the port is not open on the machine's other addresses
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(external.get(), port), 1000);
            throw new AssertionError("the internal query API answers on " + external.get());
        } catch (IOException expected) {
            // refused: bound to loopback only
        }
    }

    @Test
    void shouldRefuseADisabledIntegrationsTokensWithinSecondsAndTokensIssuedBeforeARotation() {
        ScimClient idp = env.newDirectoryClient("revocation");
        String clientId = idp.clientId();
        assertThat(idp.post("/Users", "{\"userName\":\"revoked@example.com\"}").status()).isEqualTo(201);
        String before = idp.token();
        AdminApi admin = env.stack.admin();

        // When the integration is disabled, its token is refused within seconds
        long disabledAt = System.nanoTime();
        admin.disable(clientId);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> idp.getWithToken("/Users", before).status() == 401);
        long refusedAfterMs = (System.nanoTime() - disabledAt) / 1_000_000;
        System.out.println("disabled integration's token refused after " + refusedAfterMs + " ms");
        ScimClient.Response refused = idp.getWithToken("/Users", before);
        assertThat(refused.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("invalid_token"));
        assertThat(refused.body().get("detail").asText()).contains("disabled");
        assertThat(idp.requestToken().status()).isEqualTo(401);

        // and enabling it again does not bring old tokens back
        admin.enable(clientId);
        await().atMost(Duration.ofSeconds(5)).until(() -> idp.requestToken().status() == 200);
        assertThat(idp.getWithToken("/Users", before).status()).isEqualTo(401);
        String fresh = idp.requestToken().body().get("access_token").asText();
        assertThat(idp.getWithToken("/Users", fresh).status()).isEqualTo(200);

        // When the secret is rotated, the tokens issued before are refused; the new secret works
        String newSecret = admin.rotateSecret(clientId).get("clientSecret").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> idp.getWithToken("/Users", fresh).status() == 401);
        ScimClient rotated = new ScimClient(idp.baseUrl, env.stack.tokenUrl(), clientId, newSecret);
        assertThat(rotated.get("/Users").status()).isEqualTo(200);

        // When it is deleted, nothing it holds works, and its history stays on the events topic
        admin.delete(clientId);
        await().atMost(Duration.ofSeconds(5)).until(() -> rotated.get("/Users").status() == 401);
        assertThat(rotated.requestToken().status()).isEqualTo(401);
        assertThat(TopicReader.readAll(env.kafka.bootstrapServers(), Topics.EVENTS.name()))
                .anySatisfy(r -> assertThat(r.key()).isEqualTo(clientId));
    }

    @Test
    void shouldRequireTheScimScopeAndTheRightAudience() throws Exception {
        ScimClient idp = env.newDirectoryClient("scope");
        idp.token();
        SigningKeys keys = SigningKeys.loadOrCreate(env.stack.settings().dataDir());

        ScimClient.Response noScope = idp.getWithToken("/Users", forged(keys, idp.clientId(), null,
                env.stack.settings().scimBaseUrl()));
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("insufficient_scope"));
        assertThat(idp.getWithToken("/Users", forged(keys, idp.clientId(), "openid",
                env.stack.settings().scimBaseUrl())).status()).isEqualTo(403);
        assertThat(idp.getWithToken("/Users", forged(keys, idp.clientId(), "scim", "https://elsewhere/scim/v2"))
                .status()).isEqualTo(401);
        assertThat(idp.getWithToken("/Users", forged(keys, idp.clientId(), "scim",
                env.stack.settings().scimBaseUrl())).status()).isEqualTo(200);
    }

    @Test
    void shouldLimitEachIntegrationsRateWith429AndRetryAfter() throws Exception {
        // Given an ingest instance allowing 2 requests per second in bursts of 3
        try (IngestApp limited = ingest(Map.of("SCIM_RATE_LIMIT_PER_SECOND", "2", "SCIM_RATE_LIMIT_BURST", "3"))) {
            ScimClient idp = env.newDirectoryClient("rate-limited");
            ScimClient other = env.newDirectoryClient("rate-limited-other");
            String base = "http://localhost:" + limited.port() + "/scim/v2";
            ScimClient viaLimited = new ScimClient(base, env.stack.tokenUrl(), idp.clientId(), null);
            String token = idp.token();

            // When it sends ten requests at once
            List<ScimClient.Response> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(viaLimited.getWithToken("/Users", token));
            }

            // Then the burst passes and the rest get 429 with Retry-After, in the SCIM error shape
            assertThat(answers).filteredOn(r -> r.status() == 200).hasSizeBetween(3, 5);
            ScimClient.Response limitedAnswer = answers.get(answers.size() - 1);
            assertThat(limitedAnswer.status()).isEqualTo(429);
            assertThat(limitedAnswer.raw().headers().firstValue("Retry-After")).hasValue("1");
            assertThat(limitedAnswer.raw().headers().firstValue("X-Rate-Limit-Limit")).hasValue("3");
            assertThat(limitedAnswer.raw().headers().firstValue("X-Rate-Limit-Remaining")).hasValue("0");
            assertThat(limitedAnswer.body().get("schemas").get(0).asText())
                    .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
            assertThat(limitedAnswer.body().get("status").asText()).isEqualTo("429");

            // and another integration is not held back by it
            assertThat(new ScimClient(base, env.stack.tokenUrl(), other.clientId(), null)
                    .getWithToken("/Users", other.token()).status()).isEqualTo(200);
            // and after the advertised wait, requests pass again
            await().atMost(Duration.ofSeconds(3)).pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(250))
                    .until(() -> viaLimited.getWithToken("/Users", token).status() == 200);
        }
    }

    @Test
    void shouldNeverShowInternalAddressesToAScimClient() {
        // Given an ingest instance whose query side is unreachable
        int closedPort = freePort();
        try (IngestApp cut = ingest(Map.of("STREAMS_QUERY_URL", "http://127.0.0.1:" + closedPort))) {
            ScimClient idp = env.newDirectoryClient("no-internals");
            ScimClient viaCut = new ScimClient("http://localhost:" + cut.port() + "/scim/v2", env.stack.tokenUrl(),
                    idp.clientId(), null);
            for (String path : List.of("/Users", "/Users/0190a1b2-0000-7000-8000-000000000000", "/Groups")) {
                ScimClient.Response answer = viaCut.getWithToken(path, idp.token());
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.raw().headers().firstValue("Retry-After")).isPresent();
                assertThat(answer.raw().body()).doesNotContain("127.0.0.1").doesNotContain(String.valueOf(closedPort))
                        .doesNotContain("Exception").doesNotContain("localhost");
            }
        }
    }

    private static IngestApp ingest(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(LocalStack.environment(env.stack.settings()));
        environment.put("INGEST_PORT", "0");
        environment.putAll(overrides);
        return new IngestApp(IngestSettings.fromEnv(environment)).start();
    }

    private static int freePort() {
        try {
            return InProcessKafka.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed with the token service's own key, but with the claims given. */
    private static String forged(SigningKeys keys, String clientId, String scope, String audience) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(env.stack.settings().tokenIssuer()).audience(audience).subject(clientId)
                .claim("client_id", clientId).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString()).claim("gen", 0);
        if (scope != null) {
            claims.claim("scope", scope);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(SigningKeys.ALGORITHM).type(new JOSEObjectType("at+jwt"))
                .keyID(keys.keyId()).build(), claims.build());
        jwt.sign(keys.signer());
        return jwt.serialize();
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
