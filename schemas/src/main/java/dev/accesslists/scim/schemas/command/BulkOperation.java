package dev.accesslists.scim.schemas.command;

import java.util.Objects;

/**
 * One operation of a {@link Command.Bulk}, as ingest read it from the request.
 *
 * @param method the HTTP method the client gave (POST, PUT, PATCH, DELETE), for the result
 * @param bulkId the client's {@code bulkId}, or null
 * @param path the client's path, for the result
 * @param ifMatch the operation's {@code version} (RFC 7644 §3.7), checked as an {@code If-Match}; or null
 * @param command what to do; null when ingest refused the operation
 * @param refused why ingest refused the operation (its error); null when it has a command
 */
public record BulkOperation(String method, String bulkId, String path, String ifMatch, Command command,
                            Refusal refused) {
    public BulkOperation {
        Objects.requireNonNull(method, "method");
        if ((command == null) == (refused == null)) {
            throw new IllegalArgumentException("an operation has either a command or a refusal");
        }
    }

    /** A SCIM error (RFC 7644 §3.12). */
    public record Refusal(int status, String scimType, String detail) {
    }
}
