package dev.accesslists.scim.schemas.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The result of one command, written in the same transaction as the state change it caused.
 *
 * @param requestId the command's request id (the record key)
 * @param status the HTTP status the ingest service answers with
 * @param resource for a success with a body: the resulting resource, {@code StoredUser} JSON for
 *     users (after a replace or modify with the user's {@code groups}: {@code UserView} JSON) and
 *     {@code GroupView} JSON (group and members) for groups; otherwise null
 * @param scimType for an error: the RFC 7644 §3.12 scimType, or null
 * @param detail for an error: a human-readable detail
 */
public record Outcome(String requestId, int status, JsonNode resource, String scimType, String detail) {
    public Outcome {
        Objects.requireNonNull(requestId, "requestId");
    }

    public static Outcome success(String requestId, int status, JsonNode resource) {
        return new Outcome(requestId, status, resource, null, null);
    }

    public static Outcome failure(String requestId, int status, String scimType, String detail) {
        return new Outcome(requestId, status, null, scimType, detail);
    }

    public boolean succeeded() {
        return status < 400;
    }
}
