package dev.accesslists.scim.token.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.token.directory.DirectoryClient;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the admin API's handlers share: asynchronous answers, request bodies, errors in words. */
public final class AdminCalls {
    private static final Logger LOG = LoggerFactory.getLogger(AdminCalls.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private AdminCalls() {
    }

    /**
     * Answers when {@code work} completes, without holding a request thread: {@code answer} on
     * success; on failure a 503 (or the membership state's own status) with {@code unavailable}.
     */
    public static <T> void answerWhenDone(Context ctx, CompletableFuture<T> work, String unavailable,
                                          Consumer<T> answer) {
        ctx.future(() -> work
                .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((result, failure) -> {
                    if (failure == null) {
                        answer.accept(result);
                        return null;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof DirectoryClient.UnavailableException u) {
                        JsonResponses.error(ctx, u.status() == 400 || u.status() == 404 ? u.status() : 503,
                                "temporarily_unavailable", u.getMessage());
                    } else {
                        LOG.warn("an admin request failed: {}", cause.getClass().getSimpleName());
                        JsonResponses.error(ctx, 503, "temporarily_unavailable", unavailable);
                    }
                    return null;
                }));
    }

    /** The body as a JSON object, or null when it is not one. */
    public static JsonNode parseObject(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A non-blank text field, stripped. */
    public static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.asText().strip());
    }

    /** Admin answers hold what must not be cached (secrets, current state). */
    public static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
    }

    public static void badRequest(Context ctx, String description) {
        JsonResponses.error(ctx, 400, "invalid_request", description);
    }

    public static void notFound(Context ctx, String description) {
        JsonResponses.error(ctx, 404, "not_found", description);
    }

    public static void conflict(Context ctx, String description) {
        JsonResponses.error(ctx, 409, "conflict", description);
    }

    public static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
