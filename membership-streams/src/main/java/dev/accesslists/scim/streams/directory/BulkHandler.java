package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.BulkOperation;
import dev.accesslists.scim.schemas.command.BulkResult;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.scim.ScimException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 7644 §3.7 Bulk, in the single writer: the operations one after another, each applied or
 * undone on its own exactly as the same request alone would be (a savepoint of the staged
 * changes before each, rolled back when it fails), and the whole staged and committed as one
 * command, so that a failure after the operations leaves no trace of any of them either. Stops
 * once {@code failOnErrors} operations have failed; the results name only the operations tried.
 */
final class BulkHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BulkHandler.class);

    /** Applies one operation's command, recording what it emits in {@code effects}. */
    interface Step {
        Outcome apply(Command command, String ifMatch, Effects effects);
    }

    private BulkHandler() {
    }

    static Outcome run(Command.Bulk bulk, String requestId, DirectoryState state, DirectoryState.Stores stores,
                       Effects effects, Step step) {
        List<BulkResult> results = new ArrayList<>(bulk.operations().size());
        int failures = 0;
        for (BulkOperation operation : bulk.operations()) {
            if (bulk.failOnErrors() > 0 && failures >= bulk.failOnErrors()) {
                break;
            }
            if (operation.refused() != null) {
                BulkOperation.Refusal refusal = operation.refused();
                results.add(failed(operation, null, null, refusal.status(), refusal.scimType(), refusal.detail()));
                failures++;
                continue;
            }
            Command command = operation.command();
            RecentRequests.Target target = RecentRequests.target(command);
            if (target == null) {
                results.add(failed(operation, null, null, 400, "invalidSyntax", "not an operation a Bulk can hold"));
                failures++;
                continue;
            }
            String type = target.type();
            String id = target.id();
            Effects own = new Effects(effects.cause());
            stores.savepoint();
            try {
                Outcome outcome = step.apply(command, operation.ifMatch(), own);
                stores.releaseSavepoint();
                effects.absorb(own);
                results.add(new BulkResult(operation.method(), operation.bulkId(), type, id,
                        state.version(type, id).orElse(null), outcome.status(), null, null));
            } catch (ScimException e) {
                stores.rollbackToSavepoint();
                results.add(failed(operation, type, id, e.status(), e.scimType(), e.error().detail()));
                failures++;
            } catch (org.apache.kafka.common.KafkaException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                // as for a request alone: a defect answers 500 and the operation's changes are dropped
                stores.rollbackToSavepoint();
                LOG.error("bulk {} operation {} ({}) failed unexpectedly; its changes were discarded", requestId,
                        results.size() + 1, command.getClass().getSimpleName(), e);
                results.add(failed(operation, type, id, 500, null, "internal error"));
                failures++;
            }
        }
        return Outcome.success(requestId, 200, Json.mapper().valueToTree(results));
    }

    private static BulkResult failed(BulkOperation operation, String type, String id, int status, String scimType,
                                     String detail) {
        return new BulkResult(operation.method(), operation.bulkId(), type, id, null, status, scimType, detail);
    }

}
