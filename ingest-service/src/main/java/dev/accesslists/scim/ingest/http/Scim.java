package dev.accesslists.scim.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.scim.EntityTags;
import dev.accesslists.scim.schemas.scim.FilterParser;
import dev.accesslists.scim.schemas.scim.ScimError;
import dev.accesslists.scim.schemas.scim.ScimException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SCIM media type, request body parsing and the one error mapper (RFC 7644 §3.12). */
public final class Scim {
    public static final String MEDIA_TYPE = "application/scim+json";
    public static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static final Logger LOG = LoggerFactory.getLogger(Scim.class);

    private Scim() {
    }

    /** The request body as a JSON object; anything else is a 400 invalidSyntax. */
    public static ObjectNode body(Context ctx) {
        String type = ctx.contentType();
        if (type != null) {
            int parameters = type.indexOf(';');
            String media = (parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
            if (!media.isEmpty() && !media.equals(MEDIA_TYPE) && !media.equals("application/json")) {
                throw new ScimException(new ScimError(415, null,
                        "Content-Type must be application/scim+json or application/json"));
            }
        }
        JsonNode node;
        try {
            byte[] bytes = ctx.bodyAsBytes();
            if (bytes.length == 0) {
                throw ScimException.invalidSyntax("the request body is empty");
            }
            node = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw ScimException.invalidSyntax("the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ScimException.invalidSyntax("the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Finds a member of an object by name, case-insensitively (RFC 7643 §2.1). */
    public static JsonNode field(ObjectNode node, String name) {
        var it = node.fields();
        while (it.hasNext()) {
            var entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The longest resource id the service ever assigns or accepts. */
    public static final int MAX_ID_LENGTH = 256;

    /**
     * The {@code {id}} of a resource path. An id no resource can have (empty, too long, or with a
     * {@code /}) answers 404 at once, as the RFC has it for an unknown id.
     */
    public static String pathId(Context ctx, String resourceType) {
        String id = ctx.pathParam("id");
        if (!plausibleId(id)) {
            throw ScimException.notFound(resourceType + " " + shorten(id) + " not found");
        }
        return id;
    }

    /** Whether a resource could have this id. */
    public static boolean plausibleId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH && id.indexOf('/') < 0;
    }

    /** A client's value, cut to a length fit for an error detail. */
    public static String shorten(String value) {
        return value == null ? "" : value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }

    /** The {@code filter} query parameter, checked for syntax (400 invalidFilter), or null when absent. */
    public static String filterParam(Context ctx) {
        String filter = ctx.queryParam("filter");
        if (filter == null || filter.isBlank()) {
            return null;
        }
        FilterParser.parse(filter);
        return filter;
    }

    /**
     * Answers a write from its outcome: the SCIM error it carries, an empty status, or the
     * resulting resource rendered by {@code render}, with its {@code Location} and {@code ETag}.
     */
    public static <T> void answer(Context ctx, CompletableFuture<Outcome> outcome, Class<T> type,
                                  Function<T, ObjectNode> render) {
        Projection projection = Projection.of(ctx);
        ctx.future(() -> outcome.thenAccept(o -> {
            if (!o.succeeded()) {
                throw new ScimException(new ScimError(o.status(), o.scimType(), o.detail()));
            }
            if (o.resource() == null) {
                ctx.status(o.status());
                return;
            }
            ObjectNode rendered = render.apply(Json.mapper().convertValue(o.resource(), type));
            describe(ctx, rendered);
            respond(ctx, o.status(), projection.apply(rendered));
        }));
    }

    /** The request's {@code If-Match} precondition (RFC 7644 §3.14), or null. */
    public static String ifMatch(Context ctx) {
        String header = ctx.header("If-Match");
        return header == null || header.isBlank() ? null : header.trim();
    }

    /**
     * The headers that describe one resource (RFC 7644 §3.1, §3.14): {@code Location}, equal to
     * {@code meta.location}, and {@code ETag}, equal to {@code meta.version}.
     */
    public static void describe(Context ctx, ObjectNode rendered) {
        JsonNode meta = rendered.path("meta");
        if (meta.hasNonNull("location")) {
            ctx.header("Location", meta.get("location").asText());
        }
        if (meta.hasNonNull("version")) {
            ctx.header("ETag", meta.get("version").asText());
        }
    }

    /**
     * A GET whose {@code If-None-Match} names the tag of the representation it would get: answered
     * {@code 304 Not Modified}, without a body, with the resource's headers.
     */
    public static boolean notModified(Context ctx, ObjectNode rendered) {
        String header = ctx.header("If-None-Match");
        String tag = rendered.path("meta").path("version").asText(null);
        if (header == null || tag == null || !EntityTags.matchesTag(header, tag)) {
            return false;
        }
        describe(ctx, rendered);
        ctx.status(304);
        return true;
    }

    public static void respond(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType(MEDIA_TYPE);
        try {
            ctx.result(Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request attribute holding the SCIM error a request was answered with. */
    public static final String ERROR_ATTRIBUTE = "scim.error";

    /** Writes any failure as a SCIM error; never leaks an exception's text for unexpected ones. */
    public static void error(Context ctx, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        ScimError error;
        if (cause instanceof ScimException scim) {
            error = scim.error();
            if (error.status() >= 500) {
                LOG.warn("{} {} -> {} {}", ctx.method(), ctx.path(), error.status(), error.detail());
            } else {
                LOG.debug("{} {} -> {} {}", ctx.method(), ctx.path(), error.status(), error.detail());
            }
        } else {
            LOG.warn("{} {} failed", ctx.method(), ctx.path(), cause);
            error = new ScimError(500, null, "internal error");
        }
        if (error.status() == 503) {
            ctx.header("Retry-After", "1");
        }
        ctx.attribute(ERROR_ATTRIBUTE, error);
        respond(ctx, error.status(), error.toJson());
    }
}
