package dev.accesslists.scim.ingest.write;

import dev.accesslists.scim.ingest.http.Caller;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.Outcome;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Where ids, request ids and timestamps are assigned: here, once, so that processing the command
 * is deterministic.
 */
public final class Commands {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandGateway gateway;
    private final Clock clock;

    public Commands(CommandGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * A time-ordered UUID (version 7, RFC 9562 §5.7): resources list in creation order, so a user
     * created during an IdP's paged import lands after the pages already read.
     */
    public static String newId() {
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * Records the command and completes with its outcome.
     *
     * @param fingerprint the request's {@link Fingerprint}, so that a repetition of it is answered
     *     with the first attempt's outcome
     */
    public CompletableFuture<Outcome> submit(Caller caller, Command command, String fingerprint) {
        return submit(caller, command, fingerprint, null);
    }

    /**
     * Records the write of a SCIM request: its caller, its {@link Fingerprint} and its
     * {@code If-Match} precondition are taken from the request.
     *
     * @param id the resource id of the path, or null for a create
     * @param body the request body, or null when it has none
     */
    public CompletableFuture<Outcome> submit(io.javalin.http.Context ctx, Command command, String method,
                                             String resourceType, String id, com.fasterxml.jackson.databind.JsonNode body) {
        String ifMatch = dev.accesslists.scim.ingest.http.Scim.ifMatch(ctx);
        return submit(Caller.of(ctx), command, Fingerprint.of(method, resourceType, id, body, ifMatch), ifMatch);
    }

    /**
     * @param ifMatch the request's {@code If-Match} header, which the writer checks against the
     *     resource's version as it applies the command; null for none
     */
    public CompletableFuture<Outcome> submit(Caller caller, Command command, String fingerprint, String ifMatch) {
        CommandEnvelope envelope = new CommandEnvelope(newId(), caller.directoryId(), caller.integrationId(),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), command, fingerprint,
                caller.samlConnector(), ifMatch);
        return gateway.submit(envelope);
    }
}
