package dev.accesslists.scim.ingest;

import dev.accesslists.scim.ingest.bulk.BulkController;
import dev.accesslists.scim.ingest.auth.AccessTokenVerifier;
import dev.accesslists.scim.ingest.auth.BearerAuth;
import dev.accesslists.scim.ingest.auth.IntegrationAccess;
import dev.accesslists.scim.ingest.auth.InvalidTokenException;
import dev.accesslists.scim.ingest.auth.JwksUnavailableException;
import dev.accesslists.scim.ingest.auth.VerifiedToken;
import dev.accesslists.scim.ingest.discovery.DiscoveryController;
import dev.accesslists.scim.ingest.groups.GroupController;
import dev.accesslists.scim.ingest.activity.ActivityRecorder;
import dev.accesslists.scim.ingest.http.Caller;
import dev.accesslists.scim.ingest.http.JettyErrors;
import dev.accesslists.scim.ingest.http.Projection;
import dev.accesslists.scim.ingest.http.RequestRoute;
import dev.accesslists.scim.ingest.metrics.IngestMetrics;
import dev.accesslists.scim.ingest.http.Renderer;
import dev.accesslists.scim.ingest.http.Scim;
import dev.accesslists.scim.ingest.read.DirectoryReader;
import dev.accesslists.scim.ingest.users.UserController;
import dev.accesslists.scim.ingest.write.CommandGateway;
import dev.accesslists.scim.ingest.write.Commands;
import dev.accesslists.scim.schemas.TopicInstaller;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.runtime.KeyedRateLimits;
import dev.accesslists.scim.schemas.runtime.ServiceMetrics;
import dev.accesslists.scim.schemas.scim.ScimError;
import dev.accesslists.scim.schemas.scim.ScimException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.MalformedURLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the ingest service: the SCIM 2.0 HTTP surface over the command log and the query API. */
public final class IngestApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);
    /** Discovery endpoints answer without a token (RFC 7644 §4), so clients can probe them first. */
    private static final Set<String> PUBLIC = Set.of("serviceproviderconfig", "resourcetypes", "schemas");
    /** The scope a token needs to call the SCIM API. */
    static final String SCOPE = "scim";
    /** When a SCIM request arrived ({@link System#nanoTime()}), for its duration. */
    private static final String STARTED = "scim.started";

    private final IngestSettings settings;
    private CommandGateway gateway;
    private DirectoryReader reader;
    private IntegrationAccess access;
    private KeyedRateLimits limits;
    private Javalin http;
    private ActivityRecorder activity;
    private ServiceMetrics metrics;

    public IngestApp(IngestSettings settings) {
        this.settings = settings;
    }

    public IngestApp start() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers()))) {
            TopicInstaller.ensure(admin, List.of(Topics.COMMANDS, Topics.OUTCOMES), settings.replicationFactor(),
                    java.util.Map.of(Topics.COMMANDS.name(), settings.commandPartitions()));
        }
        AccessTokenVerifier verifier;
        try {
            verifier = AccessTokenVerifier.fromJwksUrl(settings.jwksUrl().toURL(), settings.issuer(),
                    settings.baseUrl());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad JWKS URL " + settings.jwksUrl(), e);
        }
        metrics = ServiceMetrics.create("ingest-service");
        IngestMetrics ingestMetrics = new IngestMetrics(metrics.registry());
        access = IntegrationAccess.follow(settings.bootstrapServers());
        activity = new ActivityRecorder(settings.bootstrapServers(), settings.replicationFactor(), Clock.systemUTC())
                .start();
        limits = KeyedRateLimits.perSecond(settings.rateLimitPerSecond(), settings.rateLimitBurst(), 100_000);
        gateway = new CommandGateway(settings.bootstrapServers(), settings.writeTimeout(), ingestMetrics).start();
        ingestMetrics.writesWaiting(gateway::waiting);
        reader = new DirectoryReader(settings.bootstrapServers(), settings.queryUrl(), settings.internalToken(),
                settings.tls() == null ? null : settings.tls().sslContext(), ingestMetrics);
        Commands commands = new Commands(gateway, Clock.systemUTC());
        Renderer renderer = new Renderer(settings.baseUrl());
        UserController users = new UserController(commands, reader, renderer);
        GroupController groups = new GroupController(commands, reader, renderer);
        BulkController bulk = new BulkController(commands, renderer);
        DiscoveryController discovery = new DiscoveryController(settings.baseUrl());
        String base = settings.basePath();
        http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.router.caseInsensitiveRoutes = true;
            config.router.ignoreTrailingSlashes = true;
            config.http.maxRequestSize = 3L * 1024 * 1024;
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            // RFC 9110 §15.3.5: a 204 has no content, so it carries no Content-Type either (strict
            // clients try to read a body of the type named)
            config.routes.after(ctx -> {
                if (ctx.status().getCode() == 204 || ctx.status().getCode() == 304) {
                    ctx.res().setContentType(null);
                }
                noteRequest(ctx, base, ingestMetrics);
            });
            config.routes.get("/health", ctx -> ctx.result("ok"));
            config.routes.get("/ready", ctx -> {
                var problem = gateway.problem().or(access::problem);
                ctx.status(problem.isPresent() ? 503 : 200).result(problem.orElse("ready"));
            });
            // Prometheus scrapes without credentials, like /ready: no secret is in any series
            config.routes.get("/metrics", ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.scrape()));
            RequestRoute.track(config, base);
            config.routes.before(base + "/*", ctx -> {
                ctx.attribute(STARTED, System.nanoTime());
                authenticate(ctx, verifier, access, base);
                limit(ctx, limits);
                // the parameters that shape the answer are checked before a write is sent, so a
                // malformed one is refused with nothing written
                Projection.of(ctx);
            });
            config.routes.get(base + "/Users", users::list);
            config.routes.post(base + "/Users", users::create);
            config.routes.get(base + "/Users/{id}", users::get);
            config.routes.put(base + "/Users/{id}", users::replace);
            config.routes.patch(base + "/Users/{id}", users::patch);
            config.routes.delete(base + "/Users/{id}", users::delete);
            config.routes.get(base + "/Groups", groups::list);
            config.routes.post(base + "/Groups", groups::create);
            config.routes.get(base + "/Groups/{id}", groups::get);
            config.routes.put(base + "/Groups/{id}", groups::replace);
            config.routes.patch(base + "/Groups/{id}", groups::patch);
            config.routes.delete(base + "/Groups/{id}", groups::delete);
            config.routes.post(base + "/Bulk", bulk::bulk);
            config.routes.get(base + "/ServiceProviderConfig", discovery::serviceProviderConfig);
            config.routes.get(base + "/ResourceTypes", discovery::resourceTypes);
            config.routes.get(base + "/ResourceTypes/{name}", discovery::resourceType);
            config.routes.get(base + "/Schemas", discovery::schemas);
            config.routes.get(base + "/Schemas/{id}", discovery::schema);
            errors(config);
        }).start(settings.bindHost(), settings.port());
        LOG.info("ingest-service serving SCIM at {} (port {})", settings.baseUrl(), http.port());
        return this;
    }

    private static void errors(JavalinConfig config) {
        config.routes.exception(Exception.class, (e, ctx) -> Scim.error(ctx, e));
        // Javalin's own answers (no such endpoint, wrong method, body too large) in the SCIM Error schema too
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            ScimError error = new ScimError(e.getStatus(), null, switch (e.getStatus()) {
                case 404 -> "no such endpoint: " + ctx.method() + " " + ctx.path();
                case 405 -> ctx.method() + " is not supported on " + ctx.path();
                case 413 -> "the request body is too large";
                default -> "the request cannot be served";
            });
            ctx.attribute(Scim.ERROR_ATTRIBUTE, error);
            Scim.respond(ctx, e.getStatus(), error.toJson());
        });
    }

    /**
     * Notes an answered SCIM request: in the request metrics, and, when it was authenticated, as
     * its integration's last request and last error. The service's own endpoints are neither.
     */
    private void noteRequest(Context ctx, String base, IngestMetrics requests) {
        String route = RequestRoute.of(ctx, base);
        if (route == null) {
            return;
        }
        Caller caller = ctx.attribute(Caller.ATTRIBUTE);
        int status = ctx.status().getCode();
        Long started = ctx.attribute(STARTED);
        requests.request(route, status, caller == null ? null : caller.integrationId(),
                started == null ? 0 : System.nanoTime() - started);
        if (caller != null && activity != null) {
            activity.record(caller.integrationId(), route, status, ctx.attribute(Scim.ERROR_ATTRIBUTE));
        }
    }

    /**
     * Per-integration rate limit: {@code 429} with {@code Retry-After} when spent, and the
     * {@code X-Rate-Limit-*} headers some IdPs read on every answer.
     */
    private static void limit(Context ctx, KeyedRateLimits limits) {
        Caller caller = ctx.attribute(Caller.ATTRIBUTE);
        if (caller == null || !limits.enabled()) {
            return;
        }
        KeyedRateLimits.Decision decision = limits.tryAcquire(caller.integrationId());
        ctx.header("X-Rate-Limit-Limit", Long.toString(decision.limit()));
        ctx.header("X-Rate-Limit-Remaining", Long.toString(decision.remaining()));
        if (!decision.allowed()) {
            ctx.header("Retry-After", Long.toString(decision.retryAfterSeconds()));
            ctx.header("X-Rate-Limit-Reset", Long.toString(decision.retryAfterSeconds()));
            throw new ScimException(new ScimError(429, null, "too many requests for this integration: at most "
                    + Math.round(limits.ratePerSecond()) + " per second (bursts of " + limits.burst() + "); retry after "
                    + decision.retryAfterSeconds() + " s"));
        }
    }

    /** RFC 6750 bearer authentication; the caller's directory is its integration's. */
    private static void authenticate(Context ctx, AccessTokenVerifier verifier, IntegrationAccess access,
                                     String base) {
        String rest = ctx.path().substring(Math.min(ctx.path().length(), base.length())).replaceAll("^/+", "");
        String first = rest.split("/")[0].toLowerCase(java.util.Locale.ROOT);
        String method = ctx.method().name();
        if (PUBLIC.contains(first) && ("GET".equals(method) || "HEAD".equals(method))) {
            return;
        }
        VerifiedToken token;
        String samlConnector;
        try {
            token = verifier.verify(BearerAuth.extractBearer(ctx.header("Authorization")));
            samlConnector = access.check(token);
        } catch (InvalidTokenException e) {
            // RFC 6750 §3.1: no error code when the request carried no bearer credentials at all
            String header = ctx.header("Authorization");
            boolean absent = header == null || !header.trim().regionMatches(true, 0, "bearer", 0, 6);
            ctx.header("WWW-Authenticate", absent ? "Bearer realm=\"scim\""
                    : "Bearer realm=\"scim\", error=\"invalid_token\", error_description=\"" + e.getMessage() + "\"");
            throw new ScimException(new ScimError(401, null, absent
                    ? "authentication required: send an OAuth 2.0 bearer token"
                    : "invalid access token: " + e.getMessage()));
        } catch (JwksUnavailableException e) {
            throw new ScimException(new ScimError(503, null, "cannot verify access tokens right now; retry later"));
        }
        if (!token.hasScope(SCOPE)) {
            // RFC 6750 §3.1: a valid token without the scope the resource needs
            ctx.header("WWW-Authenticate", "Bearer realm=\"scim\", error=\"insufficient_scope\", scope=\"" + SCOPE
                    + "\"");
            throw new ScimException(new ScimError(403, null, "the access token lacks the \"" + SCOPE + "\" scope"));
        }
        new Caller(token.clientId(), token.clientId(), samlConnector).attachTo(ctx);
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (reader != null) {
            reader.close();
        }
        if (access != null) {
            access.close();
        }
        if (activity != null) {
            activity.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    /** What {@code GET /metrics} answers from. */
    public ServiceMetrics metrics() {
        return metrics;
    }
}
