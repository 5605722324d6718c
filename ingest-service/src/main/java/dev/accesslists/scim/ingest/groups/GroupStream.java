package dev.accesslists.scim.ingest.groups;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.ingest.http.Renderer;
import dev.accesslists.scim.ingest.http.Scim;
import dev.accesslists.scim.ingest.read.DirectoryReader;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.directory.GroupView;
import dev.accesslists.scim.schemas.directory.MemberPage;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes groups with their members to the client as the members are read, a bounded piece at a
 * time, so that answering for a group of any size holds only one piece in memory. The response
 * is committed with 200 before the members are read; a failure after that cuts the connection, so
 * a client never mistakes a partial group for a whole one.
 */
final class GroupStream {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GroupStream.class);
    /** Members read per internal call. */
    static final int PIECE = 2000;
    /** Writes block when the client reads slowly: they run here, never on an internal client's thread. */
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ingest-group-stream");
        t.setDaemon(true);
        return t;
    });

    private final DirectoryReader reader;
    private final Renderer renderer;
    private final String directoryId;
    private final JsonGenerator json;
    private final java.util.function.Predicate<ObjectNode> memberFilter;

    private GroupStream(DirectoryReader reader, Renderer renderer, String directoryId, Context ctx,
                        java.util.function.Predicate<ObjectNode> memberFilter) throws IOException {
        this.reader = reader;
        this.renderer = renderer;
        this.directoryId = directoryId;
        this.memberFilter = memberFilter;
        ctx.status(200).contentType(Scim.MEDIA_TYPE);
        this.json = Json.mapper().getFactory().createGenerator(ctx.outputStream());
    }

    /**
     * One group: {@code resource} (rendered without members) with its members inserted before meta,
     * those the projection's value filter on {@code members} selects when it has one.
     */
    static CompletableFuture<Void> group(Context ctx, DirectoryReader reader, Renderer renderer, String directoryId,
                                         ObjectNode resource, String groupId) {
        return endOf(ctx, CompletableFuture.supplyAsync(() -> open(ctx, reader, renderer, directoryId), WRITERS)
                .thenCompose(stream -> stream.writeGroup(resource, groupId).thenRunAsync(stream::close, WRITERS)));
    }

    /**
     * A failure before anything was sent is answered as any other (a SCIM error); after the 200
     * went out, the connection is cut, so the client sees an incomplete answer, not an error
     * document glued to part of a group.
     */
    private static CompletableFuture<Void> endOf(Context ctx, CompletableFuture<Void> writing) {
        return writing.handle((done, failure) -> {
            if (failure == null) {
                return null;
            }
            if (!ctx.res().isCommitted()) {
                throw failure instanceof java.util.concurrent.CompletionException c ? c
                        : new java.util.concurrent.CompletionException(failure);
            }
            LOG.warn("{} {}: cut after part of the answer was sent: {}", ctx.method(), ctx.path(),
                    failure.getClass().getSimpleName());
            org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req())
                    .getServletChannel().abort(failure);
            return null;
        });
    }

    /** A ListResponse whose groups carry their members: {@code envelope} without Resources, then each group. */
    static CompletableFuture<Void> list(Context ctx, DirectoryReader reader, Renderer renderer, String directoryId,
                                        ObjectNode envelope, List<ObjectNode> resources, List<String> groupIds) {
        return endOf(ctx, CompletableFuture.supplyAsync(() -> open(ctx, reader, renderer, directoryId), WRITERS)
                .thenCompose(stream -> {
                    stream.run(() -> {
                        stream.json.writeStartObject();
                        for (Iterator<Map.Entry<String, JsonNode>> it = envelope.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> field = it.next();
                            stream.json.writeFieldName(field.getKey());
                            stream.json.writeTree(field.getValue());
                        }
                        stream.json.writeArrayFieldStart("Resources");
                    });
                    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                    for (int i = 0; i < resources.size(); i++) {
                        ObjectNode resource = resources.get(i);
                        String groupId = groupIds.get(i);
                        chain = chain.thenCompose(ignored -> stream.writeGroup(resource, groupId));
                    }
                    return chain.thenRunAsync(() -> {
                        stream.run(() -> {
                            stream.json.writeEndArray();
                            stream.json.writeEndObject();
                        });
                        stream.close();
                    }, WRITERS);
                }));
    }

    private static GroupStream open(Context ctx, DirectoryReader reader, Renderer renderer, String directoryId) {
        try {
            return new GroupStream(reader, renderer, directoryId, ctx,
                    dev.accesslists.scim.ingest.http.Projection.of(ctx).valueFilter("members"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CompletableFuture<Void> writeGroup(ObjectNode resource, String groupId) {
        run(() -> {
            json.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("meta")) {
                    break;
                }
                json.writeFieldName(field.getKey());
                json.writeTree(field.getValue());
            }
            json.writeArrayFieldStart("members");
        });
        return writeMembers(groupId, null).thenRunAsync(() -> run(() -> {
            json.writeEndArray();
            JsonNode meta = resource.get("meta");
            if (meta != null) {
                json.writeFieldName("meta");
                json.writeTree(meta);
            }
            json.writeEndObject();
        }), WRITERS);
    }

    private CompletableFuture<Void> writeMembers(String groupId, String after) {
        return reader.members(directoryId, groupId, after, PIECE).thenComposeAsync(page -> {
            // a group deleted meanwhile has no more members to show
            MemberPage piece = page.orElse(new MemberPage(List.of(), null));
            run(() -> {
                for (GroupView.MemberView member : piece.members()) {
                    ObjectNode rendered = renderer.member(member);
                    if (memberFilter.test(rendered)) {
                        json.writeTree(rendered);
                    }
                }
                json.flush();
            });
            return piece.next() == null ? CompletableFuture.completedFuture(null)
                    : writeMembers(groupId, piece.next());
        }, WRITERS);
    }

    private void close() {
        run(json::close);
    }

    private interface Write {
        void run() throws IOException;
    }

    private void run(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
