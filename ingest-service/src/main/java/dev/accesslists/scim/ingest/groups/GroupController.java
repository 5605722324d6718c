package dev.accesslists.scim.ingest.groups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.ingest.http.Caller;
import dev.accesslists.scim.ingest.http.Paging;
import dev.accesslists.scim.ingest.http.Projection;
import dev.accesslists.scim.ingest.http.Renderer;
import dev.accesslists.scim.ingest.http.Scim;
import dev.accesslists.scim.ingest.read.DirectoryReader;
import dev.accesslists.scim.ingest.write.Commands;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.directory.GroupView;
import dev.accesslists.scim.schemas.directory.SortSpec;
import dev.accesslists.scim.schemas.scim.ScimException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
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
        answer(ctx, commands.submit(ctx, GroupRequests.create(Commands.newId(), json), "POST", "Groups", null, json));
    }

    /**
     * A group; its members, unless excluded, are written as they are read, a bounded piece at a
     * time, so the group's size never decides how much memory an answer takes.
     */
    public void get(Context ctx) {
        Projection projection = Projection.of(ctx);
        String id = Scim.pathId(ctx, "Group");
        String dir = Caller.of(ctx).directoryId();
        ctx.future(() -> reader.group(dir, id, false).thenCompose(found -> {
            GroupView group = found.orElseThrow(() -> ScimException.notFound("Group " + id + " not found"));
            ObjectNode rendered = renderer.group(group);
            if (Scim.notModified(ctx, rendered)) {
                return CompletableFuture.completedFuture(null);
            }
            return respond(ctx, projection, dir, rendered, id);
        }));
    }

    /** A group as it is now, with its members streamed unless the projection leaves them out. */
    private CompletableFuture<Void> respond(Context ctx, Projection projection, String dir, ObjectNode rendered,
                                            String id) {
        Scim.describe(ctx, rendered);
        ObjectNode resource = projection.apply(rendered);
        if (projection.excludes("members")) {
            Scim.respond(ctx, 200, resource);
            return CompletableFuture.completedFuture(null);
        }
        return GroupStream.group(ctx, reader, renderer, dir, resource, id);
    }

    public void list(Context ctx) {
        String f = Scim.filterParam(ctx);
        Paging paging = Paging.of(ctx);
        Projection projection = Projection.of(ctx);
        String dir = Caller.of(ctx).directoryId();
        boolean members = !projection.excludes("members");
        SortSpec sort = SortSpec.parse("Group", ctx.queryParam("sortBy"), ctx.queryParam("sortOrder"));
        ctx.future(() -> reader.groups(dir, f, paging.startIndex(), paging.count(), false, sort).thenCompose(page -> {
            ObjectNode list = renderer.list(page, paging.startIndex(), group -> projection.apply(renderer.group(group)));
            if (!members || page.resources().isEmpty()) {
                Scim.respond(ctx, 200, list);
                return CompletableFuture.completedFuture(null);
            }
            List<ObjectNode> resources = new ArrayList<>();
            list.withArray("Resources").forEach(r -> resources.add((ObjectNode) r));
            list.remove("Resources");
            return GroupStream.list(ctx, reader, renderer, dir, list, resources,
                    page.resources().stream().map(g -> g.group().id()).toList());
        }));
    }

    public void replace(Context ctx) {
        String id = Scim.pathId(ctx, "Group");
        ObjectNode json = Scim.body(ctx);
        answer(ctx, commands.submit(ctx, GroupRequests.replace(id, json), "PUT", "Groups", id, json));
    }

    /**
     * RFC 7644 §3.5.2: {@code 204} without a body, so that its cost stays proportional to the members
     * changed; a client that asks for the resource with {@code attributes} or
     * {@code excludedAttributes} gets {@code 200} with that projection of the group as the change
     * left it (read after the write, like a GET; {@code excludedAttributes=members} keeps it O(1)).
     */
    public void patch(Context ctx) {
        String id = Scim.pathId(ctx, "Group");
        ObjectNode json = Scim.body(ctx);
        CompletableFuture<Outcome> outcome = commands.submit(ctx, GroupRequests.patch(id, json), "PATCH", "Groups",
                id, json);
        Projection projection = Projection.of(ctx);
        if (!projection.asked()) {
            answer(ctx, outcome);
            return;
        }
        String dir = Caller.of(ctx).directoryId();
        ctx.future(() -> outcome.thenCompose(o -> {
            if (!o.succeeded()) {
                throw new ScimException(new dev.accesslists.scim.schemas.scim.ScimError(o.status(), o.scimType(),
                        o.detail()));
            }
            return reader.group(dir, id, false).thenCompose(found -> {
                GroupView group = found.orElseThrow(() -> ScimException.notFound("Group " + id + " not found"));
                return respond(ctx, projection, dir, renderer.group(group), id);
            });
        }));
    }

    public void delete(Context ctx) {
        String id = Scim.pathId(ctx, "Group");
        answer(ctx, commands.submit(ctx, new Command.DeleteGroup(id), "DELETE", "Groups", id, null));
    }

    private void answer(Context ctx, CompletableFuture<Outcome> outcome) {
        Scim.answer(ctx, withMembers(ctx, outcome), GroupView.class, renderer::group);
    }

    /**
     * A PUT that did not assert members gets an outcome without them (so it stays small whatever the
     * group's size). The answer then carries the members when they fit in one piece; for a larger
     * group it leaves them out (a GET reads them), so no write answer grows with the group.
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
            return reader.members(dir, id, null, GroupStream.PIECE).thenApply(piece -> piece
                    .filter(p -> p.next() == null)
                    .map(p -> {
                        ObjectNode resource = o.resource().deepCopy();
                        resource.set("members", Json.mapper().valueToTree(p.members()));
                        return Outcome.success(o.requestId(), o.status(), resource);
                    })
                    .orElse(o));
        });
    }
}
