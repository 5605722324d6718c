package dev.accesslists.scim.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.ingest.http.RequestRoute;
import dev.accesslists.scim.schemas.runtime.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.http.UnauthorizedResponse;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request metrics as the ingest service wires them: route templates from {@link RequestRoute},
 * recorded in an after-handler for every SCIM request, whether or not it got past authentication.
 */
class IngestMetricsTest {
    private static final String BASE = "/scim/v2";
    private static final String USER_ID = "0190d5a8-5b7e-7c1e-9d55-2f6f4b1f0c11";

    private ServiceMetrics service;
    private IngestMetrics metrics;
    private Javalin http;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        service = ServiceMetrics.create("ingest-service");
        metrics = new IngestMetrics(service.registry());
        http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.router.caseInsensitiveRoutes = true;
            config.router.ignoreTrailingSlashes = true;
            config.http.prefer405over404 = true;
            config.routes.after(ctx -> {
                String route = RequestRoute.of(ctx, BASE);
                if (route != null) {
                    metrics.request(route, ctx.status().getCode(), ctx.attribute("caller"), 1_000_000);
                }
            });
            config.routes.get("/metrics", ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(service.scrape()));
            config.routes.get("/health", ctx -> ctx.result("ok"));
            RequestRoute.track(config, BASE);
            config.routes.before(BASE + "/*", ctx -> {
                if (ctx.header("Authorization") == null) {
                    throw new UnauthorizedResponse();
                }
                ctx.attribute("caller", "client-1");
            });
            config.routes.get(BASE + "/Users/{id}", ctx -> ctx.result("{}"));
            config.routes.post(BASE + "/Users", ctx -> ctx.future(() -> CompletableFuture.runAsync(
                    () -> ctx.status(201).result("{}"))));
            config.routes.patch(BASE + "/Groups/{id}", ctx -> ctx.status(204));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        http.stop();
        service.close();
    }

    @Test
    void namesRequestsByRouteTemplateStatusAndIntegration() {
        assertThat(send("GET", BASE + "/Users/" + USER_ID, true)).isEqualTo(200);
        assertThat(send("GET", BASE + "/users/" + USER_ID + "/", true)).isEqualTo(200);
        assertThat(send("POST", BASE + "/Users", true)).isEqualTo(201);
        assertThat(send("PATCH", BASE + "/Groups/g-1", true)).isEqualTo(204);

        assertThat(count("GET /Users/{id}", "200", "client-1")).isEqualTo(2);
        assertThat(count("POST /Users", "201", "client-1")).isEqualTo(1);
        assertThat(count("PATCH /Groups/{id}", "204", "client-1")).isEqualTo(1);
    }

    @Test
    void namesTheRouteOfARequestRefusedBeforeItsHandler() {
        assertThat(send("GET", BASE + "/Users/" + USER_ID, false)).isEqualTo(401);
        assertThat(send("GET", BASE + "/nothing/here", true)).isEqualTo(404);
        assertThat(send("DELETE", BASE + "/Users", true)).isEqualTo(405);
        assertThat(send("BREW", BASE + "/Users", true)).isEqualTo(405);

        assertThat(count("GET /Users/{id}", "401", IngestMetrics.NO_INTEGRATION)).isEqualTo(1);
        assertThat(count("GET " + RequestRoute.NO_SUCH_ENDPOINT, "404", "client-1")).isEqualTo(1);
        assertThat(count("DELETE " + RequestRoute.NO_SUCH_ENDPOINT, "405", "client-1")).isEqualTo(1);
        // a method a client invents is no label value
        assertThat(count("OTHER " + RequestRoute.NO_SUCH_ENDPOINT, "405", "client-1")).isEqualTo(1);
    }

    @Test
    void neverCountsTheServicesOwnEndpointsNorPutsIdsInLabels() {
        send("GET", BASE + "/Users/" + USER_ID, true);
        send("GET", BASE + "/nothing/" + USER_ID, true);
        send("GET", "/health", false);
        send("GET", "/metrics", false);

        assertThat(service.registry().find(IngestMetrics.REQUESTS).timers()).hasSize(2);
        String scrape = scrape();
        assertThat(scrape).contains("scim_requests_seconds_count{integration=\"client-1\",route=\"GET /Users/{id}\","
                        + "service=\"ingest-service\",status=\"200\"} 1")
                .doesNotContain(USER_ID)
                .doesNotContain("/metrics")
                .doesNotContain("/health");
    }

    @Test
    void publishesWriteLatencyAsAHistogramFromTheStart() {
        assertThat(scrape()).contains("scim_write_outcome_seconds_bucket{service=\"ingest-service\",status=\"2xx\","
                + "le=\"+Inf\"} 0");

        metrics.writeOutcome(201, TimeUnit.MILLISECONDS.toNanos(12));
        metrics.writeOutcome(409, TimeUnit.MILLISECONDS.toNanos(3));
        metrics.readBound(TimeUnit.MILLISECONDS.toNanos(2));

        Timer created = service.registry().get(IngestMetrics.WRITE_OUTCOME).tag("status", "2xx").timer();
        assertThat(created.count()).isEqualTo(1);
        assertThat(created.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12);
        assertThat(service.registry().get(IngestMetrics.WRITE_OUTCOME).tag("status", "4xx").timer().count())
                .isEqualTo(1);
        assertThat(scrape()).contains("scim_write_outcome_seconds_bucket{service=\"ingest-service\",status=\"2xx\","
                        + "le=\"+Inf\"} 1")
                .contains("scim_read_bound_seconds_count{service=\"ingest-service\"} 1");
    }

    @Test
    void publishesAKafkaConsumersLagUntilItsHandleIsClosed() {
        // never connects: the consumer's metrics exist from its creation
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                ConsumerConfig.CLIENT_ID_CONFIG, "ingest-outcomes"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            IngestMetrics.Published published = metrics.kafkaConsumer(consumer);
            assertThat(scrape()).contains("kafka_consumer_fetch_manager_records_lag_max{client_id=\"ingest-outcomes\"");

            published.close();
            assertThat(scrape()).doesNotContain("kafka_consumer_fetch_manager_records_lag_max");
        }
    }

    private double count(String route, String status, String integration) {
        Timer timer = service.registry().find(IngestMetrics.REQUESTS).tag("route", route).tag("status", status)
                .tag("integration", integration).timer();
        return timer == null ? 0 : timer.count();
    }

    private String scrape() {
        return service.scrape();
    }

    private int send(String method, String path, boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authenticated) {
            request.header("Authorization", "Bearer test");
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
