package dev.accesslists.scim.ingest.groups;

import dev.accesslists.scim.ingest.http.Caller;
import dev.accesslists.scim.ingest.http.Paging;
import dev.accesslists.scim.ingest.http.Projection;
import dev.accesslists.scim.ingest.http.Renderer;
import dev.accesslists.scim.ingest.http.Scim;
import dev.accesslists.scim.ingest.read.DirectoryReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.ingest.write.Commands;
import dev.accesslists.scim.ingest.write.Fingerprint;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.directory.GroupView;
import dev.accesslists.scim.schemas.scim.ScimException;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /Groups}: each group is the SCIM face of one Access List of type scim. PATCH answers 204
 * so that its cost stays proportional to the members changed; DELETE removes the members and
 * keeps the Access List.
 */
public final class GroupController {
    private final Commands commands;
    private final DirectoryReader reader;
    private final Renderer renderer;

    public GroupController(Commands commands, DirectoryReader reader, Renderer renderer) {
        this.commands = commands;
        this.reader = reader;
        this.renderer = renderer;
    }

    public void create(Context ctx) {
        ObjectNode json = Scim.body(ctx);
        GroupRequests.GroupBody body = GroupRequests.body(json);
        Command command = new Command.CreateGroup(Commands.newId(), body.displayName(), body.externalId(),
                body.memberIds() == null ? java.util.List.of() : body.memberIds());
        answer(ctx, commands.submit(Caller.of(ctx), command, Fingerprint.of("POST", "Groups", null, json)));
    }

    public void get(Context ctx) {
        Projection projection = Projection.of(ctx);
        String id = Scim.pathId(ctx, "Group");
        ctx.future(() -> reader.group(Caller.of(ctx).directoryId(), id, !projection.excludes("members"))
                .thenAccept(group -> Scim.respond(ctx, 200, projection.apply(renderer.group(
                        group.orElseThrow(() -> ScimException.notFound("Group " + id + " not found")))))));
    }

    public void list(Context ctx) {
        String f = Scim.filterParam(ctx);
        Paging paging = Paging.of(ctx);
        Projection projection = Projection.of(ctx);
        ctx.future(() -> reader.groups(Caller.of(ctx).directoryId(), f, paging.startIndex(), paging.count(),
                        !projection.excludes("members"))
                .thenAccept(page -> Scim.respond(ctx, 200, renderer.list(page, paging.startIndex(),
                        group -> projection.apply(renderer.group(group))))));
    }

    public void replace(Context ctx) {
        String id = Scim.pathId(ctx, "Group");
        ObjectNode json = Scim.body(ctx);
        GroupRequests.GroupBody body = GroupRequests.body(json);
        answer(ctx, commands.submit(Caller.of(ctx), new Command.ReplaceGroup(id, body.displayName(),
                body.externalId(), body.memberIds()), Fingerprint.of("PUT", "Groups", id, json)));
    }

    public void patch(Context ctx) {
        String id = Scim.pathId(ctx, "Group");
        ObjectNode json = Scim.body(ctx);
        var edits = GroupRequests.edits(json);
        answer(ctx, commands.submit(Caller.of(ctx), new Command.PatchGroup(id, edits),
                Fingerprint.of("PATCH", "Groups", id, json)));
    }

    public void delete(Context ctx) {
        String id = Scim.pathId(ctx, "Group");
        answer(ctx, commands.submit(Caller.of(ctx), new Command.DeleteGroup(id),
                Fingerprint.of("DELETE", "Groups", id, null)));
    }

    private void answer(Context ctx, CompletableFuture<Outcome> outcome) {
        Scim.answer(ctx, withMembers(ctx, outcome), GroupView.class, renderer::group,
                g -> renderer.groupLocation(g.group().id()));
    }

    /**
     * A PUT that did not assert members gets an outcome without them (so it stays small whatever the
     * group's size); the answer reads them, unless the client excluded them.
     */
    private CompletableFuture<Outcome> withMembers(Context ctx, CompletableFuture<Outcome> outcome) {
        if (Projection.of(ctx).excludes("members")) {
            return outcome;
        }
        String dir = Caller.of(ctx).directoryId();
        return outcome.thenCompose(o -> {
            if (!o.succeeded() || o.resource() == null || !o.resource().path("members").isMissingNode()) {
                return CompletableFuture.completedFuture(o);
            }
            String id = o.resource().path("group").path("id").asText();
            return reader.group(dir, id, true).thenApply(group -> group
                    .map(g -> Outcome.success(o.requestId(), o.status(), Json.mapper().valueToTree(g)))
                    .orElse(o));
        });
    }
}
