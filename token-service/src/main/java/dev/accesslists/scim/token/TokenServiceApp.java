package dev.accesslists.scim.token;

import dev.accesslists.scim.schemas.runtime.ServiceMetrics;
import dev.accesslists.scim.token.accesslists.AccessListsController;
import dev.accesslists.scim.token.connectors.ConnectorsController;
import dev.accesslists.scim.token.console.ConsoleController;
import dev.accesslists.scim.token.console.ConsoleSessions;
import dev.accesslists.scim.token.integrations.AdminAuth;
import dev.accesslists.scim.token.integrations.AdminController;
import dev.accesslists.scim.token.integrations.IntegrationStore;
import dev.accesslists.scim.token.integrations.Integrations;
import dev.accesslists.scim.token.integrations.SecretHasher;
import dev.accesslists.scim.token.keys.SigningKeys;
import dev.accesslists.scim.token.oauth.AccessTokenIssuer;
import dev.accesslists.scim.token.oauth.FailedAuthThrottle;
import dev.accesslists.scim.token.oauth.MetadataController;
import dev.accesslists.scim.token.oauth.TokenController;
import dev.accesslists.scim.token.oauth.TokenMetrics;
import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.Javalin;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token service's HTTP application: builds the controllers and the Javalin instance. The
 * caller owns the store and closes it; {@link #stop()} only stops HTTP.
 *
 * <p>Endpoints: {@code POST /oauth2/token}, {@code GET /.well-known/jwks.json},
 * {@code GET /.well-known/oauth-authorization-server}, the admin API under
 * {@code /admin/integrations}, {@code GET /health}, {@code GET /ready} and {@code GET /metrics}.
 */
public final class TokenServiceApp {
    private static final Logger LOG = LoggerFactory.getLogger(TokenServiceApp.class);

    private final TokenServiceConfig config;
    private final Javalin javalin;
    private final ServiceMetrics metrics;

    public TokenServiceApp(TokenServiceConfig config, IntegrationStore store, SigningKeys keys) {
        this(config, store, keys, Clock.systemUTC());
    }

    /** With SAML connectors and Access Lists in memory and no membership state: for tests. */
    public TokenServiceApp(TokenServiceConfig config, IntegrationStore store, SigningKeys keys, Clock clock) {
        this(config, AdminBackends.inMemory(store), keys, clock);
    }

    public TokenServiceApp(TokenServiceConfig config, AdminBackends backends, SigningKeys keys) {
        this(config, backends, keys, Clock.systemUTC());
    }

    public TokenServiceApp(TokenServiceConfig config, AdminBackends backends, SigningKeys keys, Clock clock) {
        this.config = config;
        IntegrationStore store = backends.integrations();
        SecureRandom random = new SecureRandom();
        Integrations integrations = new Integrations(store, new SecretHasher(random), random, clock);
        AccessTokenIssuer issuer = new AccessTokenIssuer(keys, config.issuer(), config.audience(), config.tokenTtl(), clock);
        this.metrics = ServiceMetrics.create("token-service");
        TokenMetrics tokenMetrics = new TokenMetrics(metrics.registry(), id -> integrations.find(id).isPresent());
        TokenController token = new TokenController(URI.create(config.tokenEndpoint()), integrations::authenticate,
                issuer, new FailedAuthThrottle(config.authFailuresPerMinute(), config.authFailuresPerAddressPerMinute()),
                tokenMetrics);
        MetadataController metadata = new MetadataController(keys, config.issuer(), config.tokenEndpoint(), config.jwksUri());
        ConsoleSessions sessions = new ConsoleSessions(random, clock);
        AdminAuth auth = new AdminAuth(config.adminToken(), sessions);
        ConnectorsController connectors = new ConnectorsController(backends.connectors(), integrations, auth, clock);
        AdminController admin = new AdminController(integrations, auth, config.audience(), config.tokenEndpoint(),
                connectors::exists, backends.directory(), backends.activity()::find);
        AccessListsController accessLists = new AccessListsController(backends.accessLists(), integrations, auth,
                backends.directory());
        ConsoleController console = new ConsoleController(auth, sessions, config.issuer().startsWith("https:"));
        HealthController health = new HealthController(backends::ready);

        this.javalin = Javalin.create(javalinConfig -> {
            javalinConfig.jetty.port = config.port();
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.http.prefer405over404 = true;

            javalinConfig.routes.post("/oauth2/token", token::token);
            javalinConfig.routes.get("/oauth2/token", token::methodNotAllowed);
            javalinConfig.routes.put("/oauth2/token", token::methodNotAllowed);
            javalinConfig.routes.patch("/oauth2/token", token::methodNotAllowed);
            javalinConfig.routes.delete("/oauth2/token", token::methodNotAllowed);

            javalinConfig.routes.get("/.well-known/jwks.json", metadata::jwks);
            javalinConfig.routes.get("/.well-known/oauth-authorization-server", metadata::authorizationServer);

            // RFC 9110 §15.3.5: a 204 has no content, so no Content-Type either (strict clients
            // try to read a body of the type named)
            javalinConfig.routes.after(ctx -> {
                if (ctx.status().getCode() == 204) {
                    ctx.res().setContentType(null);
                }
            });
            javalinConfig.routes.before("/admin/*", ConsoleController::securityHeaders);
            javalinConfig.routes.before("/console*", ConsoleController::securityHeaders);
            javalinConfig.routes.get("/console", console::file);
            javalinConfig.routes.get("/console/{file}", console::file);
            javalinConfig.routes.post("/admin/session", console::signIn);
            javalinConfig.routes.get("/admin/session", console::current);
            javalinConfig.routes.delete("/admin/session", console::signOut);

            javalinConfig.routes.get("/admin/saml-connectors", connectors::list);
            javalinConfig.routes.post("/admin/saml-connectors", connectors::create);
            javalinConfig.routes.delete("/admin/saml-connectors/{name}", connectors::delete);

            javalinConfig.routes.get("/admin/access-lists", accessLists::list);
            javalinConfig.routes.post("/admin/access-lists/apply", accessLists::apply);
            javalinConfig.routes.get("/admin/access-lists/{name}", accessLists::get);
            javalinConfig.routes.put("/admin/access-lists/{name}", accessLists::put);
            javalinConfig.routes.delete("/admin/access-lists/{name}", accessLists::delete);
            javalinConfig.routes.get("/admin/access-lists/{name}/members", accessLists::members);
            javalinConfig.routes.get("/admin/access-lists/{name}/history", accessLists::history);
            javalinConfig.routes.get("/admin/access-lists/{name}/groups", accessLists::groups);

            javalinConfig.routes.get("/admin/integrations/{clientId}/changes", admin::changes);
            javalinConfig.routes.get("/admin/integrations/{clientId}/users", admin::users);
            javalinConfig.routes.post("/admin/integrations", admin::create);
            javalinConfig.routes.get("/admin/integrations", admin::list);
            javalinConfig.routes.get("/admin/integrations/{clientId}", admin::get);
            javalinConfig.routes.post("/admin/integrations/{clientId}/secret", admin::rotateSecret);
            javalinConfig.routes.post("/admin/integrations/{clientId}/disable", admin::disable);
            javalinConfig.routes.post("/admin/integrations/{clientId}/enable", admin::enable);
            javalinConfig.routes.delete("/admin/integrations/{clientId}", admin::delete);

            javalinConfig.routes.get("/health", health::health);
            javalinConfig.routes.get("/ready", health::ready);
            // Prometheus scrapes without credentials, like /ready: no secret is in any series
            javalinConfig.routes.get("/metrics", ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE)
                    .result(metrics.scrape()));

            javalinConfig.routes.exception(Exception.class, (exception, ctx) -> {
                LOG.warn("unexpected error on {} {}", ctx.method(), ctx.path(), exception);
                if ("/oauth2/token".equals(ctx.path())) {
                    tokenMetrics.failed("server_error", null);
                }
                JsonResponses.error(ctx, 500, "server_error", "unexpected error");
            });
        });
    }

    /** Starts serving HTTP on the configured port. */
    public TokenServiceApp start() {
        javalin.start();
        LOG.info("token service listening on port {}, issuer {}", port(), config.issuer());
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return javalin.port();
    }

    /** Stops serving HTTP. */
    public void stop() {
        javalin.stop();
        metrics.close();
    }

    /** What {@code GET /metrics} answers from. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /** The Javalin instance, for tests. */
    public Javalin javalin() {
        return javalin;
    }
}
