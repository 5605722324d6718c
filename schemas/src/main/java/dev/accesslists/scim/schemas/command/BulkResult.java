package dev.accesslists.scim.schemas.command;

import java.util.Objects;

/**
 * The result of one operation of a {@link Command.Bulk} (RFC 7644 §3.7.3), in request order.
 *
 * @param method the operation's method as the client gave it
 * @param bulkId the client's bulkId, or null
 * @param resourceType {@code User} or {@code Group}, for the location; null when unknown
 * @param id the resource's id, for the location; null when the operation failed before naming one
 * @param version the resource's version after a successful change, or null (deleted, failed)
 * @param status the HTTP status of the operation
 * @param scimType for an error: its scimType, or null
 * @param detail for an error: its detail, or null
 */
public record BulkResult(String method, String bulkId, String resourceType, String id, Long version, int status,
                         String scimType, String detail) {
    public BulkResult {
        Objects.requireNonNull(method, "method");
    }
}
