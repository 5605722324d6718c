package dev.accesslists.scim.token.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import io.javalin.http.Context;
import java.io.UncheckedIOException;

/**
 * Writes JSON bodies with the project's {@link Json} mapper, so responses do not depend on
 * whichever JSON mapper Javalin would pick up.
 */
public final class JsonResponses {
    public static final String APPLICATION_JSON = "application/json";

    private JsonResponses() {
    }

    /** A new, empty JSON object. */
    public static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    /** Sets status, content type and body. */
    public static void write(Context ctx, int status, Object body) {
        write(ctx, status, body, APPLICATION_JSON);
    }

    /** Sets status, the given content type and body. */
    public static void write(Context ctx, int status, Object body, String contentType) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write response body", e);
        }
        ctx.status(status).contentType(contentType).result(bytes);
    }

    /**
     * Writes an error body in the RFC 6749 §5.2 shape ({@code error}, {@code error_description}),
     * which the admin API uses as well. The description must be a fixed, safe text: never an
     * exception message.
     */
    public static void error(Context ctx, int status, String error, String description) {
        ObjectNode body = object().put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        write(ctx, status, body);
    }
}
