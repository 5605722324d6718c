package dev.accesslists.scim.token.accesslists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.accesslist.AccessListFiles;
import dev.accesslists.scim.schemas.integration.ScimIntegration;
import dev.accesslists.scim.token.directory.DirectoryClient;
import dev.accesslists.scim.token.integrations.AdminAuth;
import dev.accesslists.scim.token.integrations.Integrations;
import dev.accesslists.scim.token.web.AdminCalls;
import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The admin API for Access Lists, in Teleport's resource shape (JSON, or YAML with
 * {@code Content-Type: application/yaml} / {@code ?format=yaml}):
 * <ul>
 * <li>{@code GET /admin/access-lists}: every list with its member counts;</li>
 * <li>{@code GET|PUT|DELETE /admin/access-lists/{name}};</li>
 * <li>{@code POST /admin/access-lists/apply[?prune=true]}: a whole set, applying only what changed
 * (and, with prune, deleting the lists that are not in it);</li>
 * <li>{@code GET /admin/access-lists/{name}/members|history|groups}: its members across
 * integrations (the view keyed by title), one member's history, the group linked per integration.</li>
 * </ul>
 * Changes are decided and written one at a time, so two admins cannot both take a title; a set is
 * validated whole and written in one transaction, so nothing is left half-applied.
 */
public final class AccessListsController {
    private static final String YAML = "application/yaml";

    private final AccessListStore store;
    private final Integrations integrations;
    private final AdminAuth auth;
    private final DirectoryClient directory;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    public AccessListsController(AccessListStore store, Integrations integrations, AdminAuth auth,
                                 DirectoryClient directory) {
        this.store = store;
        this.integrations = integrations;
        this.auth = auth;
        this.directory = directory;
    }

    /** What a change did, or why it was refused. */
    record Result(int status, String error, String message, List<String> created, List<String> updated,
                  List<String> unchanged, List<String> deleted) {
        static Result refused(int status, String error, String message) {
            return new Result(status, error, message, List.of(), List.of(), List.of(), List.of());
        }
    }

    public void list(Context ctx) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        List<AccessList> lists = store.all().stream()
                .sorted(Comparator.comparing((AccessList l) -> l.spec().title().toLowerCase(Locale.ROOT))).toList();
        List<CompletableFuture<ObjectNode>> views = lists.stream().map(list -> {
            ObjectNode view = resource(list);
            if (directory == null || !list.scimManaged()) {
                return CompletableFuture.completedFuture(view);
            }
            return directory.listMembers(list.spec().title(), null, 1, null)
                    .completeOnTimeout(null, 3, TimeUnit.SECONDS)
                    .handle((page, failure) -> {
                        if (page != null && failure == null) {
                            view.set("counts", page.path("counts"));
                        }
                        return view;
                    });
        }).toList();
        ctx.future(() -> CompletableFuture.allOf(views.toArray(CompletableFuture[]::new)).thenRun(() -> {
            ObjectNode body = JsonResponses.object();
            ArrayNode items = body.putArray("accessLists");
            views.forEach(v -> items.add(v.join()));
            JsonResponses.write(ctx, 200, body);
        }));
    }

    public void get(Context ctx) {
        findList(ctx, list -> {
            if (wantsYaml(ctx)) {
                ctx.status(200).contentType(YAML + "; charset=utf-8").result(AccessListFiles.toYaml(list));
            } else {
                JsonResponses.write(ctx, 200, Json.mapper().valueToTree(list));
            }
        });
    }

    /** {@code PUT /admin/access-lists/{name}}: creates (201) or replaces (200) one list. */
    public void put(Context ctx) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        String name = ctx.pathParam("name");
        List<AccessList> parsed;
        try {
            parsed = AccessListFiles.parse(ctx.body());
        } catch (AccessListFiles.InvalidAccessListsException e) {
            invalid(ctx, e.problems());
            return;
        }
        if (parsed.size() != 1) {
            AdminCalls.badRequest(ctx, "the body must hold exactly one Access List, it holds " + parsed.size());
            return;
        }
        AccessList list = parsed.get(0);
        if (!name.equals(list.name())) {
            AdminCalls.badRequest(ctx, "metadata.name \"" + list.name() + "\" is not the name in the path \"" + name
                    + "\"");
            return;
        }
        change(ctx, current -> {
            Map<String, AccessList> after = new LinkedHashMap<>(current);
            after.put(name, list);
            Optional<String> clash = titleClash(after.values(), list);
            if (clash.isPresent()) {
                return Result.refused(409, "conflict", clash.get());
            }
            AccessList before = current.get(name);
            return new Result(before == null ? 201 : 200, null, null, before == null ? List.of(name) : List.of(),
                    before != null && !before.equals(list) ? List.of(name) : List.of(),
                    list.equals(before) ? List.of(name) : List.of(), List.of());
        }, List.of(list), result -> {
            if (result.status() == 201) {
                ctx.header("Location", "/admin/access-lists/" + name);
            }
            JsonResponses.write(ctx, result.status(), Json.mapper().valueToTree(list));
        });
    }

    public void delete(Context ctx) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        String name = ctx.pathParam("name");
        change(ctx, current -> current.containsKey(name)
                        ? new Result(204, null, null, List.of(), List.of(), List.of(), List.of(name))
                        : Result.refused(404, "not_found", "no Access List named \"" + name + "\""),
                List.of(), result -> ctx.status(204));
    }

    /** {@code POST /admin/access-lists/apply[?prune=true]}: a whole set, YAML documents or {@code {"accessLists": [..]}}. */
    public void apply(Context ctx) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        boolean prune = "true".equalsIgnoreCase(ctx.queryParam("prune"));
        List<AccessList> lists;
        try {
            lists = parseSet(ctx.body());
        } catch (AccessListFiles.InvalidAccessListsException e) {
            invalid(ctx, e.problems());
            return;
        }
        change(ctx, current -> {
            Map<String, AccessList> after = new LinkedHashMap<>(prune ? Map.of() : current);
            lists.forEach(l -> after.put(l.name(), l));
            for (AccessList list : lists) {
                Optional<String> clash = titleClash(after.values(), list);
                if (clash.isPresent()) {
                    return Result.refused(409, "conflict", clash.get() + " (use prune to delete lists that left the"
                            + " set)");
                }
            }
            List<String> created = new ArrayList<>();
            List<String> updated = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            for (AccessList list : lists) {
                AccessList before = current.get(list.name());
                (before == null ? created : before.equals(list) ? unchanged : updated).add(list.name());
            }
            List<String> deleted = prune ? current.keySet().stream().filter(n -> !after.containsKey(n)).sorted().toList()
                    : List.of();
            return new Result(200, null, null, created, updated, unchanged, deleted);
        }, lists, result -> {
            ObjectNode body = JsonResponses.object();
            body.set("created", Json.mapper().valueToTree(result.created()));
            body.set("updated", Json.mapper().valueToTree(result.updated()));
            body.set("unchanged", Json.mapper().valueToTree(result.unchanged()));
            body.set("deleted", Json.mapper().valueToTree(result.deleted()));
            JsonResponses.write(ctx, 200, body);
        });
    }

    /** {@code GET /admin/access-lists/{name}/members?q=&after=&limit=}: members across integrations. */
    public void members(Context ctx) {
        withList(ctx, list -> AdminCalls.answerWhenDone(ctx, directory.listMembers(list.spec().title(),
                        ctx.queryParam("after"), AdminCalls.intParam(ctx, "limit", 25, 1, 500), ctx.queryParam("q")),
                "the membership state cannot answer now", page -> {
                    ObjectNode body = (ObjectNode) page;
                    Map<String, String> names = integrationNames();
                    for (JsonNode member : body.path("members")) {
                        String dir = member.path("directoryId").asText();
                        ((ObjectNode) member).put("integration", names.getOrDefault(dir, dir));
                    }
                    JsonResponses.write(ctx, 200, body);
                }));
    }

    /** {@code GET /admin/access-lists/{name}/history?integration=&user=}: one member's changes, newest first. */
    public void history(Context ctx) {
        String integration = ctx.queryParam("integration");
        String user = ctx.queryParam("user");
        if (integration == null || user == null) {
            if (auth.permits(ctx)) {
                AdminCalls.badRequest(ctx, "integration and user are required");
            }
            return;
        }
        withList(ctx, list -> AdminCalls.answerWhenDone(ctx,
                directory.memberHistory(list.spec().title(), integration, user),
                "the membership state cannot answer now", body -> JsonResponses.write(ctx, 200, body)));
    }

    /** {@code GET /admin/access-lists/{name}/groups}: the group linked to it in each integration. */
    public void groups(Context ctx) {
        withList(ctx, list -> {
            List<ScimIntegration> all = integrations.all();
            List<CompletableFuture<JsonNode>> groups = all.stream()
                    .map(i -> directory.linkedGroup(i.clientId(), list.name())).toList();
            AdminCalls.answerWhenDone(ctx, CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)),
                    "the membership state cannot answer now", ignored -> {
                        ObjectNode body = JsonResponses.object();
                        ArrayNode items = body.putArray("groups");
                        for (int i = 0; i < all.size(); i++) {
                            JsonNode group = groups.get(i).join();
                            if (group != null) {
                                ObjectNode item = items.addObject().put("integration", all.get(i).clientId())
                                        .put("integrationName", label(all.get(i)));
                                item.set("group", group);
                            }
                        }
                        JsonResponses.write(ctx, 200, body);
                    });
        });
    }

    /** Runs {@code read} for the list the path names, for an admin; answers 401 or 404 otherwise. */
    private void findList(Context ctx, java.util.function.Consumer<AccessList> read) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        store.find(ctx.pathParam("name")).ifPresentOrElse(read, () -> notFound(ctx));
    }

    /** As {@link #findList}, for a read of the membership state: 503 when it is not configured. */
    private void withList(Context ctx, java.util.function.Consumer<AccessList> read) {
        findList(ctx, list -> {
            if (directory == null) {
                JsonResponses.error(ctx, 503, "temporarily_unavailable", "the membership state is not configured");
            } else {
                read.accept(list);
            }
        });
    }

    /**
     * Decides a change against the current lists and writes it, after every change before it: the
     * decision and the write cannot interleave with another change.
     */
    private void change(Context ctx, java.util.function.Function<Map<String, AccessList>, Result> decide,
                        List<AccessList> upserts, java.util.function.Consumer<Result> answer) {
        CompletableFuture<Result> done;
        synchronized (this) {
            done = tail.handle((ignored, failure) -> null).thenCompose(ignored -> {
                Map<String, AccessList> current = new HashMap<>();
                store.all().forEach(l -> current.put(l.name(), l));
                Result result = decide.apply(current);
                if (result.error() != null) {
                    return CompletableFuture.completedFuture(result);
                }
                List<AccessList> changed = upserts.stream()
                        .filter(l -> result.created().contains(l.name()) || result.updated().contains(l.name()))
                        .toList();
                return store.write(changed, result.deleted()).thenApply(v -> result);
            });
            tail = done;
        }
        AdminCalls.answerWhenDone(ctx, done, "the Access Lists could not be written (is Kafka reachable?);"
                + " nothing was applied", result -> {
                    if (result.error() != null) {
                        JsonResponses.error(ctx, result.status(), result.error(), result.message());
                    } else {
                        answer.accept(result);
                    }
                });
    }

    private static Optional<String> titleClash(java.util.Collection<AccessList> all, AccessList list) {
        return all.stream()
                .filter(other -> !other.name().equals(list.name()) && other.spec().title().equals(list.spec().title()))
                .findFirst()
                .map(other -> "the title \"" + list.spec().title() + "\" is already taken by the Access List \""
                        + other.name() + "\"");
    }

    private static List<AccessList> parseSet(String body) {
        JsonNode json = AdminCalls.parseObject(body);
        if (json != null && json.has("accessLists")) {
            List<AccessList> lists = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            int i = 0;
            for (JsonNode item : json.path("accessLists")) {
                i++;
                try {
                    lists.add(Json.mapper().treeToValue(item, AccessList.class));
                } catch (Exception e) {
                    problems.add("accessLists[" + i + "]: not an Access List resource (needs metadata and spec)");
                }
            }
            problems.addAll(AccessListFiles.validate(lists));
            if (!problems.isEmpty()) {
                throw new AccessListFiles.InvalidAccessListsException(problems);
            }
            return lists;
        }
        return AccessListFiles.parse(body);
    }

    private Map<String, String> integrationNames() {
        Map<String, String> names = new HashMap<>();
        integrations.all().forEach(i -> names.put(i.clientId(), label(i)));
        return names;
    }

    private static String label(ScimIntegration integration) {
        return integration.name() == null ? integration.clientId() : integration.name();
    }

    /** The list as the API shows it: the resource, plus nothing else. */
    private static ObjectNode resource(AccessList list) {
        return Json.mapper().valueToTree(list);
    }

    private static boolean wantsYaml(Context ctx) {
        String accept = ctx.header("Accept");
        return "yaml".equalsIgnoreCase(ctx.queryParam("format"))
                || (accept != null && (accept.contains("application/yaml") || accept.contains("text/yaml")));
    }

    private static void invalid(Context ctx, List<String> problems) {
        ObjectNode body = JsonResponses.object().put("error", "invalid_request")
                .put("error_description", String.join("; ", problems));
        body.set("problems", Json.mapper().valueToTree(problems));
        JsonResponses.write(ctx, 400, body);
    }

    private static void notFound(Context ctx) {
        AdminCalls.notFound(ctx, "no Access List with this name");
    }

}
