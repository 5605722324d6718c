package dev.accesslists.scim.schemas.command;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted SCIM write, as written to the commands topic. Everything the processor needs to be
 * deterministic is assigned by the ingest service and carried here: the request id, the resource
 * ids and the timestamp.
 *
 * @param requestId unique id of the HTTP request; the outcome is keyed by it
 * @param directoryId the directory (tenant) the write belongs to; the record key
 * @param integrationId the SCIM integration (OAuth client) that sent the request
 * @param timestamp when ingest accepted the request; becomes meta.lastModified and event time
 * @param command what to do
 * @param fingerprint a digest of the HTTP request (method, path, body), so that a repeated
 *     request is recognised and answered with the first attempt's outcome; null when the command
 *     does not come from a SCIM request
 * @param samlConnector the SAML connector the integration is bound to, as ingest knew it when it
 *     accepted the request; the writer names it in the effective-grants records; null when unknown
 * @param ifMatch the request's {@code If-Match} precondition (RFC 7644 §3.14), checked by the writer
 *     against the resource's version when it applies the command; null when the request had none
 */
public record CommandEnvelope(String requestId, String directoryId, String integrationId, Instant timestamp,
                              Command command, String fingerprint, String samlConnector,
                              String ifMatch) {
    /** Directory id of commands that concern every directory, such as Access List changes. */
    public static final String ALL_DIRECTORIES = "*";

    public CommandEnvelope {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(directoryId, "directoryId");
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(command, "command");
    }

    /** A command without a request fingerprint: it is never taken for a repetition. */
    public CommandEnvelope(String requestId, String directoryId, String integrationId, Instant timestamp,
                           Command command) {
        this(requestId, directoryId, integrationId, timestamp, command, null, null, null);
    }

    public CommandEnvelope(String requestId, String directoryId, String integrationId, Instant timestamp,
                           Command command, String fingerprint) {
        this(requestId, directoryId, integrationId, timestamp, command, fingerprint, null, null);
    }

    public CommandEnvelope(String requestId, String directoryId, String integrationId, Instant timestamp,
                           Command command, String fingerprint, String samlConnector) {
        this(requestId, directoryId, integrationId, timestamp, command, fingerprint, samlConnector, null);
    }
}
