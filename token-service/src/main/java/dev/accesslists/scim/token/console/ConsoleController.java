package dev.accesslists.scim.token.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.token.integrations.AdminAuth;
import dev.accesslists.scim.token.web.AdminCalls;
import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The web console: its static files (served from the classpath, never a CDN) and the session
 * endpoints it signs in with. Every console and admin response carries a strict
 * Content-Security-Policy and the headers that keep the pages from being framed or sniffed.
 */
public final class ConsoleController {
    /** Scripts, styles and requests only from this origin; no inline script, no framing. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    private final AdminAuth auth;
    private final ConsoleSessions sessions;
    private final boolean secureCookie;

    /** @param secureCookie whether the console is served over https (the cookie is then {@code Secure}) */
    public ConsoleController(AdminAuth auth, ConsoleSessions sessions, boolean secureCookie) {
        this.auth = auth;
        this.sessions = sessions;
        this.secureCookie = secureCookie;
    }

    /** Security headers for every console and admin response. */
    public static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    /** {@code GET /console} (with or without the trailing slash) and {@code /console/{file}}. */
    public void file(Context ctx) {
        String name = ctx.pathParamMap().getOrDefault("file", "index.html");
        String type = FILES.get(name);
        if (type == null) {
            AdminCalls.notFound(ctx, "no such console file");
            return;
        }
        try (InputStream in = ConsoleController.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                AdminCalls.notFound(ctx, "no such console file");
                return;
            }
            ctx.header("Cache-Control", "no-cache");
            ctx.status(200).contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code POST /admin/session} with {@code {"adminToken": ..}}: a session cookie
     * ({@code HttpOnly}, {@code SameSite=Strict}) and, in the body, the CSRF token the console sends
     * with every change.
     */
    public void signIn(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        JsonNode body = AdminCalls.parseObject(ctx.body());
        Optional<String> token = body == null ? Optional.empty() : AdminCalls.text(body, "adminToken");
        if (token.isEmpty() || !auth.isAdminToken(token.get())) {
            JsonResponses.error(ctx, 401, "unauthorized", "that is not the admin token");
            return;
        }
        ConsoleSessions.Started started = sessions.start();
        ctx.header("Set-Cookie", cookie(started.id(), ConsoleSessions.LIFETIME.toSeconds()));
        JsonResponses.write(ctx, 200, JsonResponses.object().put("csrfToken", started.csrfToken()));
    }

    /** {@code GET /admin/session}: the CSRF token of the live session, or 401. */
    public void current(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        auth.session(ctx).ifPresentOrElse(
                session -> JsonResponses.write(ctx, 200, JsonResponses.object().put("csrfToken", session.csrfToken())),
                () -> JsonResponses.error(ctx, 401, "unauthorized", "not signed in"));
    }

    /** {@code DELETE /admin/session}: signs out (a change: it needs the CSRF token). */
    public void signOut(Context ctx) {
        if (!auth.permits(ctx)) {
            return;
        }
        sessions.end(ctx.cookie(AdminAuth.SESSION_COOKIE));
        ctx.header("Set-Cookie", cookie("", 0));
        ctx.status(204);
    }

    private String cookie(String value, long maxAgeSeconds) {
        return AdminAuth.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "");
    }
}
