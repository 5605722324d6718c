package dev.accesslists.scim.ingest.write;

import dev.accesslists.scim.ingest.http.Caller;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.Outcome;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Where ids, request ids and timestamps are assigned: here, once, so that processing the command
 * is deterministic.
 */
public final class Commands {
    private final CommandGateway gateway;
    private final Clock clock;

    public Commands(CommandGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public CompletableFuture<Outcome> submit(Caller caller, Command command) {
        CommandEnvelope envelope = new CommandEnvelope(newId(), caller.directoryId(), caller.integrationId(),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), command);
        return gateway.submit(envelope);
    }
}
