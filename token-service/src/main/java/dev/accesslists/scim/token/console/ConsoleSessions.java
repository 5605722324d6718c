package dev.accesslists.scim.token.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in console sessions, in memory: a random session id (the cookie) with its own random
 * CSRF token. A session ends on sign-out, after {@link #IDLE} without use, or {@link #LIFETIME}
 * after sign-in, and with the process. Only a hash of each id is kept, so the map holds nothing
 * that would open a session.
 */
public final class ConsoleSessions {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;

    /** A signed-in session; {@code id} is known only to the browser. */
    public record Session(String csrfToken, Instant started, Instant lastUsed) {
    }

    /** A new session: its id (for the cookie) and CSRF token. */
    public record Started(String id, String csrfToken) {
    }

    public ConsoleSessions(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    public Started start() {
        expire();
        if (sessions.size() >= MAX_SESSIONS) {
            // the oldest go first; a flood of sign-ins cannot grow this without bound
            sessions.entrySet().stream().min(java.util.Comparator.comparing(e -> e.getValue().lastUsed()))
                    .ifPresent(e -> sessions.remove(e.getKey()));
        }
        String id = token();
        String csrf = token();
        Instant now = clock.instant();
        sessions.put(hash(id), new Session(csrf, now, now));
        return new Started(id, csrf);
    }

    /** The live session with this id, marked as used now. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String key = hash(id);
        Session session = sessions.get(key);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(session.lastUsed().plus(IDLE)) || now.isAfter(session.started().plus(LIFETIME))) {
            sessions.remove(key);
            return Optional.empty();
        }
        Session used = new Session(session.csrfToken(), session.started(), now);
        sessions.put(key, used);
        return Optional.of(used);
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(hash(id));
        }
    }

    /** Whether a presented CSRF token is the session's, in constant time. */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                session.csrfToken().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void expire() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> now.isAfter(s.lastUsed().plus(IDLE)) || now.isAfter(s.started().plus(LIFETIME)));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    private static String hash(String id) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
