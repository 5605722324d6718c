package dev.accesslists.scim.token.integrations;

import dev.accesslists.scim.schemas.runtime.BearerSecret;
import dev.accesslists.scim.token.console.ConsoleSessions;
import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the admin API: a script with the admin bearer token (RFC 6750 §2.1 header form,
 * compared in constant time), or the console signed in with it, by its session cookie. A change
 * made with the cookie must also carry the session's CSRF token in {@value #CSRF_HEADER}: a page
 * of another site can make the browser send the cookie, never read the token.
 */
public final class AdminAuth {
    public static final String SESSION_COOKIE = "console_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final BearerSecret adminToken;
    private final ConsoleSessions sessions;

    public AdminAuth(String adminToken, ConsoleSessions sessions) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("adminToken is required");
        }
        this.adminToken = new BearerSecret(adminToken);
        this.sessions = sessions;
    }

    /** Whether this is the admin credential itself (sign-in). */
    public boolean isAdminToken(String presented) {
        return presented != null && adminToken.presentedIn("Bearer " + presented);
    }

    /** The console session the request's cookie names, if it is live. */
    public Optional<ConsoleSessions.Session> session(Context ctx) {
        return sessions.find(ctx.cookie(SESSION_COOKIE));
    }

    /**
     * Whether the request may use the admin API; answers 401 (no credential) or 403 (a change by
     * cookie without the right CSRF token) itself when it may not, so the caller just returns.
     */
    public boolean permits(Context ctx) {
        if (adminToken.presentedIn(ctx.header("Authorization"))) {
            return true;
        }
        Optional<ConsoleSessions.Session> session = ctx.header("Authorization") == null ? session(ctx)
                : Optional.empty();
        ctx.header("Cache-Control", "no-store");
        if (session.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"token-service-admin\"");
            JsonResponses.error(ctx, 401, "unauthorized",
                    "sign in, or send the admin token as a bearer token");
            return false;
        }
        if (SAFE_METHODS.contains(ctx.method().name())) {
            return true;
        }
        String presented = ctx.header(CSRF_HEADER);
        if (presented == null || presented.isBlank()) {
            JsonResponses.error(ctx, 403, "csrf_token_missing",
                    "a change needs the session's CSRF token in the " + CSRF_HEADER + " header");
            return false;
        }
        if (!ConsoleSessions.csrfMatches(session.get(), presented)) {
            JsonResponses.error(ctx, 403, "csrf_token_invalid", "the CSRF token does not belong to this session");
            return false;
        }
        return true;
    }
}
