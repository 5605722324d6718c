package dev.accesslists.scim.ingest.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.ingest.http.Caller;
import dev.accesslists.scim.ingest.http.Paging;
import dev.accesslists.scim.ingest.http.Projection;
import dev.accesslists.scim.ingest.http.Renderer;
import dev.accesslists.scim.ingest.http.Scim;
import dev.accesslists.scim.ingest.read.DirectoryReader;
import dev.accesslists.scim.ingest.write.Commands;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.directory.SortSpec;
import dev.accesslists.scim.schemas.directory.UserView;
import dev.accesslists.scim.schemas.scim.ScimException;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;

/** {@code /Users}: RFC 7644 §3.3 create, §3.4 query, §3.5 replace and modify, §3.6 delete. */
public final class UserController {
    private final Commands commands;
    private final DirectoryReader reader;
    private final Renderer renderer;

    public UserController(Commands commands, DirectoryReader reader, Renderer renderer) {
        this.commands = commands;
        this.reader = reader;
        this.renderer = renderer;
    }

    public void create(Context ctx) {
        ObjectNode body = Scim.body(ctx);
        answer(ctx, commands.submit(ctx, UserRequests.create(Commands.newId(), body), "POST", "Users", null, body));
    }

    /** A user with its groups; a projection that leaves {@code groups} out skips their lookup. */
    public void get(Context ctx) {
        Projection projection = Projection.of(ctx);
        String id = Scim.pathId(ctx, "User");
        ctx.future(() -> reader.user(Caller.of(ctx).directoryId(), id, !projection.excludes("groups"))
                .thenAccept(found -> {
                    UserView user = found.orElseThrow(() -> notFound(id));
                    ObjectNode rendered = renderer.user(user);
                    if (!Scim.notModified(ctx, rendered)) {
                        Scim.describe(ctx, rendered);
                        Scim.respond(ctx, 200, projection.apply(rendered));
                    }
                }));
    }

    /** A page of users, filtered, then sorted ({@code sortBy}, {@code sortOrder}), then paged. */
    public void list(Context ctx) {
        String f = Scim.filterParam(ctx);
        Paging paging = Paging.of(ctx);
        Projection projection = Projection.of(ctx);
        SortSpec sort = SortSpec.parse("User", ctx.queryParam("sortBy"), ctx.queryParam("sortOrder"));
        ctx.future(() -> reader.users(Caller.of(ctx).directoryId(), f, paging.startIndex(), paging.count(), sort,
                        !projection.excludes("groups"))
                .thenAccept(page -> Scim.respond(ctx, 200, renderer.list(page, paging.startIndex(),
                        user -> projection.apply(renderer.user(user))))));
    }

    public void replace(Context ctx) {
        String id = Scim.pathId(ctx, "User");
        ObjectNode body = Scim.body(ctx);
        answer(ctx, commands.submit(ctx, UserRequests.replace(id, body), "PUT", "Users", id, body));
    }

    public void patch(Context ctx) {
        String id = Scim.pathId(ctx, "User");
        ObjectNode body = Scim.body(ctx);
        answer(ctx, commands.submit(ctx, UserRequests.patch(id, body), "PATCH", "Users", id, body));
    }

    public void delete(Context ctx) {
        String id = Scim.pathId(ctx, "User");
        answer(ctx, commands.submit(ctx, new Command.DeleteUser(id), "DELETE", "Users", id, null));
    }

    private void answer(Context ctx, CompletableFuture<Outcome> outcome) {
        Scim.answer(ctx, outcome, UserView.class, renderer::user);
    }

    private static ScimException notFound(String id) {
        return ScimException.notFound("User " + id + " not found");
    }
}
