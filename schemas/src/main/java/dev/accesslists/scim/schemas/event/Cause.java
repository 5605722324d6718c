package dev.accesslists.scim.schemas.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Why something happened: the SCIM request that caused it.
 *
 * @param requestId the request id assigned by ingest
 * @param integrationId the SCIM integration (OAuth client) that sent it
 * @param directoryId the directory it applied to
 * @param timestamp when ingest accepted the request
 */
public record Cause(String requestId, String integrationId, String directoryId, Instant timestamp) {
    public Cause {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
