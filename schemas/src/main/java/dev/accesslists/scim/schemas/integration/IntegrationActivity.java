package dev.accesslists.scim.schemas.integration;

import java.time.Instant;
import java.util.Objects;

/**
 * What an integration's IdP last did, as the SCIM API saw it: its last request and its last
 * request that failed. Reported by the ingest service every few seconds while requests come in.
 *
 * @param integrationId the integration (OAuth client) id, the record key
 * @param lastRequest the last request, or null
 * @param lastError the last request answered with an error (status 400 or more), or null
 */
public record IntegrationActivity(String integrationId, Request lastRequest, Request lastError) {
    public IntegrationActivity {
        Objects.requireNonNull(integrationId, "integrationId");
    }

    /**
     * One request.
     *
     * @param at when it was answered
     * @param request method and route, e.g. {@code PATCH /Groups/{id}} (no ids, no query)
     * @param status the HTTP status answered
     * @param scimType the SCIM error type, or null
     * @param detail the SCIM error detail, or null
     */
    public record Request(Instant at, String request, int status, String scimType, String detail) {
        public Request {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(request, "request");
        }
    }
}
