package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;

/**
 * A SCIM error response, RFC 7644 §3.12.
 *
 * @param status the HTTP status code
 * @param scimType the detail error keyword of RFC 7644 Table 9, or {@code null} when none applies
 * @param detail a human-readable message; never a stack trace or an exception's {@code toString()}
 */
public record ScimError(int status, String scimType, String detail) {

    /** The schema URI of the error message, RFC 7644 §3.12. */
    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static final String INVALID_FILTER = "invalidFilter";
    public static final String TOO_MANY = "tooMany";
    public static final String UNIQUENESS = "uniqueness";
    public static final String MUTABILITY = "mutability";
    public static final String INVALID_SYNTAX = "invalidSyntax";
    public static final String INVALID_PATH = "invalidPath";
    public static final String NO_TARGET = "noTarget";
    public static final String INVALID_VALUE = "invalidValue";
    public static final String INVALID_VERS = "invalidVers";
    public static final String SENSITIVE = "sensitive";

    public ScimError {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
    }

    /**
     * The RFC 7644 §3.12 body. {@code status} is written as a string, as the RFC's examples and
     * schema do; {@code scimType} and {@code detail} are omitted when null.
     */
    public ObjectNode toJson() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("schemas").add(SCHEMA);
        body.put("status", Integer.toString(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        if (detail != null) {
            body.put("detail", detail);
        }
        return body;
    }

    /**
     * Reads an RFC 7644 §3.12 body; accepts {@code status} as a string or a number, since clients
     * and servers disagree on it.
     *
     * @throws IllegalArgumentException when the body carries no usable status
     */
    public static ScimError fromJson(JsonNode body) {
        JsonNode status = body == null ? null : body.get("status");
        if (status == null || !(status.isNumber() || status.isTextual())) {
            throw new IllegalArgumentException("SCIM error body without a status");
        }
        int code;
        try {
            code = status.isNumber() ? status.intValue() : Integer.parseInt(status.asText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SCIM error body with a non-numeric status");
        }
        return new ScimError(code, text(body.get("scimType")), text(body.get("detail")));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
