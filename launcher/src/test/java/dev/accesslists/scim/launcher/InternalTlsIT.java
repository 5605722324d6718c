package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslists.scim.schemas.accesslist.AccessListFiles;
import dev.accesslists.scim.schemas.runtime.InternalTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With mutual TLS configured, the internal query API speaks HTTPS only and answers only clients
 * whose certificate it trusts (and that carry the internal token), while SCIM works as before.
 */
class InternalTlsIT {
    private static final String PASSWORD = "changeit";
    private static InProcessKafka kafka;
    private static LocalStack stack;
    private static Path certs;
    private static int queryPort;

    @BeforeAll
    static void start() throws Exception {
        certs = Files.createTempDirectory("internal-tls-");
        keyPair("pipeline", certs.resolve("pipeline.p12"));
        keyPair("stranger", certs.resolve("stranger.p12"));
        keytool("-exportcert", "-alias", "pipeline", "-keystore", certs.resolve("pipeline.p12").toString(),
                "-storepass", PASSWORD, "-rfc", "-file", certs.resolve("pipeline.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "pipeline", "-file", certs.resolve("pipeline.pem").toString(),
                "-keystore", certs.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        kafka = InProcessKafka.start();
        queryPort = InProcessKafka.freePort();
        LocalStack.Settings settings = new LocalStack.Settings(kafka.bootstrapServers(),
                Files.createTempDirectory("tls-stack-"), "localhost", InProcessKafka.freePort(),
                InProcessKafka.freePort(), queryPort).with(Map.of(
                "INTERNAL_TLS_KEYSTORE", certs.resolve("pipeline.p12").toString(),
                "INTERNAL_TLS_KEYSTORE_PASSWORD", PASSWORD,
                "INTERNAL_TLS_TRUSTSTORE", certs.resolve("trust.p12").toString(),
                "INTERNAL_TLS_TRUSTSTORE_PASSWORD", PASSWORD,
                "STREAMS_QUERY_HOST", "localhost",
                "STREAMS_QUERY_BIND_HOST", "localhost",
                "STREAMS_QUERY_URL", "https://localhost:" + queryPort));
        stack = LocalStack.start(settings);
        stack.apply(AccessListFiles.read(Path.of("..", "examples", "access-lists.yaml")));
    }

    @AfterAll
    static void stop() {
        stack.close();
        kafka.close();
    }

    @Test
    void shouldServeScimThroughAQueryApiThatOnlyTrustedClientsReach() throws Exception {
        // SCIM reads and writes work end to end over the mutually authenticated internal hop
        LocalStack.Credentials c = stack.ensureIntegration("tls", "okta", false);
        ScimClient idp = new ScimClient(c.scimBaseUrl(), c.tokenUrl(), c.clientId(), c.clientSecret().orElseThrow());
        String user = idp.post("/Users", "{\"userName\":\"tls@example.com\"}").body().get("id").asText();
        assertThat(idp.get("/Users/" + user).status()).isEqualTo(200);
        assertThat(idp.post("/Groups", "{\"displayName\":\"GroupRequester\",\"members\":[{\"value\":\"" + user
                + "\"}]}").status()).isEqualTo(201);

        String url = "https://localhost:" + queryPort + "/internal/v1/directories/" + c.clientId() + "/users";
        String token = "Bearer " + LocalStack.environment(stack.settings()).get("INTERNAL_TOKEN");
        SSLContext trusted = tls("pipeline.p12");

        // a trusted client with the internal token is answered; without the token it is refused
        assertThat(get(client(trusted), url, token).statusCode()).isEqualTo(200);
        assertThat(get(client(trusted), url, null).statusCode()).isEqualTo(401);

        // plain HTTP, a client without a certificate and a client with an untrusted one get nothing
        HttpResponse<String> plain = null;
        try {
            plain = get(HttpClient.newHttpClient(), url.replace("https:", "http:"), token);
        } catch (IOException refused) {
            // the TLS-only port does not speak plain HTTP
        }
        assertThat(plain == null || plain.statusCode() == 400).as("plain HTTP answered %s", plain).isTrue();
        assertThatThrownBy(() -> get(client(serverTrustOnly()), url, token)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(client(tls("stranger.p12")), url, token)).isInstanceOf(IOException.class);
    }

    private static SSLContext tls(String keyStore) {
        return new InternalTls(certs.resolve(keyStore), PASSWORD, certs.resolve("trust.p12"), PASSWORD).sslContext();
    }

    /** Trusts the server but has no certificate of its own. */
    private static SSLContext serverTrustOnly() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(certs.resolve("trust.p12"))) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> get(HttpClient client, String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void keyPair(String name, Path keyStore) throws Exception {
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
