package dev.accesslists.scim.token.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.integration.IntegrationActivity;
import dev.accesslists.scim.schemas.integration.ScimIntegration;
import dev.accesslists.scim.token.directory.DirectoryClient;
import dev.accesslists.scim.token.web.AdminCalls;
import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The admin API for SCIM integrations, guarded by the admin bearer token. The plain client secret
 * appears in exactly two responses: the one creating the integration and the one rotating its
 * secret. Writes answer from the store's completion callback, never blocking a Jetty thread.
 */
public final class AdminController {
    private static final int MAX_TEXT_LENGTH = 256;

    private final Integrations integrations;
    private final AdminAuth auth;
    private final String scimBaseUrl;
    private final String tokenUrl;
    private final java.util.function.Predicate<String> connectorRegistered;
    private final DirectoryClient directory;
    private final java.util.function.Function<String, Optional<IntegrationActivity>> activity;

    /**
     * @param integrations the use cases
     * @param auth who may call the admin API
     * @param scimBaseUrl the SCIM base URL handed to admins for the IdP
     * @param tokenUrl the token endpoint URL handed to admins for the IdP
     * @param connectorRegistered whether a SAML connector of this name is registered
     * @param directory reads of the membership state, or null when it is not configured
     * @param activity an integration's last request and last error, as the ingest service reported them
     */
    public AdminController(Integrations integrations, AdminAuth auth, String scimBaseUrl, String tokenUrl,
                           java.util.function.Predicate<String> connectorRegistered, DirectoryClient directory,
                           java.util.function.Function<String, Optional<IntegrationActivity>> activity) {
        this.activity = activity;
        this.integrations = integrations;
        this.auth = auth;
        this.connectorRegistered = connectorRegistered;
        this.directory = directory;
        this.scimBaseUrl = scimBaseUrl;
        this.tokenUrl = tokenUrl;
    }

    /** {@code POST /admin/integrations} with {@code {"name": .., "samlConnector": ..}}: 201 with the credentials. */
    public void create(Context ctx) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        JsonNode body = AdminCalls.parseObject(ctx.body());
        if (body == null) {
            AdminCalls.badRequest(ctx, "the body must be a JSON object");
            return;
        }
        Optional<String> samlConnector = AdminCalls.text(body, "samlConnector");
        if (samlConnector.isEmpty()) {
            AdminCalls.badRequest(ctx, "samlConnector is required: the SAML connector that provisioned users are linked to");
            return;
        }
        JsonNode nameNode = body.path("name");
        if (!nameNode.isMissingNode() && !nameNode.isNull() && !nameNode.isTextual()) {
            AdminCalls.badRequest(ctx, "name must be a string");
            return;
        }
        Optional<String> name = AdminCalls.text(body, "name");
        if (tooLong(samlConnector) || tooLong(name)) {
            AdminCalls.badRequest(ctx, "name and samlConnector must be at most " + MAX_TEXT_LENGTH + " characters long");
            return;
        }
        if (!connectorRegistered.test(samlConnector.get())) {
            AdminCalls.badRequest(ctx, "no SAML connector named \"" + samlConnector.get() + "\" is registered; register it"
                    + " first (POST /admin/saml-connectors)");
            return;
        }
        answerWhenDone(ctx, integrations.create(name.orElse(null), samlConnector.get()), credentials -> {
            ctx.header("Location", "/admin/integrations/" + credentials.integration().clientId());
            JsonResponses.write(ctx, 201, view(credentials.integration()).put("clientSecret", credentials.clientSecret()));
        });
    }

    /** {@code POST /admin/integrations/{clientId}/secret}: 200 with the new credentials, 404 if unknown. */
    public void rotateSecret(Context ctx) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        answerWhenDone(ctx, integrations.rotateSecret(ctx.pathParam("clientId")), rotated -> {
            if (rotated.isEmpty()) {
                notFound(ctx);
            } else {
                JsonResponses.write(ctx, 200,
                        view(rotated.get().integration()).put("clientSecret", rotated.get().clientSecret()));
            }
        });
    }

    /**
     * {@code POST /admin/integrations/{clientId}/disable}: 200 with the integration, 404 if unknown.
     * Its tokens are refused from then on, by every ingest instance within seconds.
     */
    public void disable(Context ctx) {
        changeStatus(ctx, () -> integrations.disable(ctx.pathParam("clientId")));
    }

    /** {@code POST /admin/integrations/{clientId}/enable}: 200 with the integration, 404 if unknown. */
    public void enable(Context ctx) {
        changeStatus(ctx, () -> integrations.enable(ctx.pathParam("clientId")));
    }

    /**
     * {@code DELETE /admin/integrations/{clientId}}: 204, or 404 if unknown. Its credentials stop
     * working; what it provisioned, and the events that record it, stay.
     */
    public void delete(Context ctx) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        answerWhenDone(ctx, integrations.delete(ctx.pathParam("clientId")), deleted -> {
            if (deleted) {
                ctx.status(204);
            } else {
                notFound(ctx);
            }
        });
    }

    private void changeStatus(Context ctx, java.util.function.Supplier<CompletableFuture<Optional<ScimIntegration>>> change) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        answerWhenDone(ctx, change.get(), changed -> {
            if (changed.isEmpty()) {
                notFound(ctx);
            } else {
                JsonResponses.write(ctx, 200, view(changed.get()));
            }
        });
    }

    /**
     * {@code GET /admin/integrations}: {@code {"integrations": [..]}}, without secret material, each
     * with the users and groups it provisioned ({@code provisioned}) when the membership state answers.
     */
    public void list(Context ctx) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        List<ScimIntegration> all = integrations.all();
        List<CompletableFuture<ObjectNode>> views = all.stream().map(this::detailedView).toList();
        ctx.future(() -> CompletableFuture.allOf(views.toArray(CompletableFuture[]::new)).thenRun(() -> {
            ObjectNode body = JsonResponses.object();
            ArrayNode items = body.putArray("integrations");
            views.forEach(view -> items.add(view.join()));
            JsonResponses.write(ctx, 200, body);
        }));
    }

    /** {@code GET /admin/integrations/{clientId}}: one integration without secret material, or 404. */
    public void get(Context ctx) {
        withIntegration(ctx, integration -> ctx.future(() -> detailedView(integration)
                .thenAccept(view -> JsonResponses.write(ctx, 200, view))));
    }

    /** {@code GET /admin/integrations/{clientId}/changes?limit=}: its latest membership changes, newest first. */
    public void changes(Context ctx) {
        withDirectory(ctx, integration -> AdminCalls.answerWhenDone(ctx, directory.recentChanges(
                        integration.clientId(), AdminCalls.intParam(ctx, "limit", 50, 1, 200)),
                "the membership state cannot answer now", body -> JsonResponses.write(ctx, 200, body)));
    }

    /**
     * {@code GET /admin/integrations/{clientId}/users?startIndex=&count=&userName=}: a page of the
     * users it provisioned, each with the Access Lists they are in.
     */
    public void users(Context ctx) {
        withDirectory(ctx, integration -> {
            String userName = ctx.queryParam("userName");
            String filter = userName == null || userName.isBlank() ? null
                    : "userName eq \"" + userName.strip().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            AdminCalls.answerWhenDone(ctx, directory.usersWithLists(integration.clientId(),
                            AdminCalls.intParam(ctx, "startIndex", 1, 1, Integer.MAX_VALUE),
                            AdminCalls.intParam(ctx, "count", 25, 0, 200), filter),
                    "the membership state cannot answer now", body -> JsonResponses.write(ctx, 200, body));
        });
    }

    /** Runs {@code read} for the integration the path names, for an admin; answers 401 or 404 otherwise. */
    private void withIntegration(Context ctx, Consumer<ScimIntegration> read) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        integrations.find(ctx.pathParam("clientId")).ifPresentOrElse(read, () -> notFound(ctx));
    }

    /** As {@link #withIntegration}, for a read of the membership state: 503 when it is not configured. */
    private void withDirectory(Context ctx, Consumer<ScimIntegration> read) {
        withIntegration(ctx, integration -> {
            if (directory == null) {
                JsonResponses.error(ctx, 503, "temporarily_unavailable", "the membership state is not configured");
            } else {
                read.accept(integration);
            }
        });
    }

    /**
     * The view, with the integration's last request and last error, and what it provisioned when the
     * membership state answers in time.
     */
    private CompletableFuture<ObjectNode> detailedView(ScimIntegration integration) {
        ObjectNode view = view(integration);
        activity.apply(integration.clientId()).ifPresent(a -> {
            if (a.lastRequest() != null) {
                view.set("lastRequest", Json.mapper().valueToTree(a.lastRequest()));
            }
            if (a.lastError() != null) {
                view.set("lastError", Json.mapper().valueToTree(a.lastError()));
            }
        });
        if (directory == null) {
            return CompletableFuture.completedFuture(view);
        }
        return directory.counts(integration.clientId())
                .completeOnTimeout(null, 3, TimeUnit.SECONDS)
                .handle((counts, failure) -> {
                    if (counts != null && failure == null) {
                        view.putObject("provisioned").put("users", counts.get("users"))
                                .put("groups", counts.get("groups"));
                    }
                    return view;
                });
    }

    /** What an admin sees of an integration: never the salt or the hash. */
    private ObjectNode view(ScimIntegration integration) {
        ObjectNode node = JsonResponses.object()
                .put("clientId", integration.clientId())
                .put("name", integration.name())
                .put("samlConnector", integration.samlConnector())
                .put("status", integration.enabled() ? "enabled" : "disabled")
                .put("credentialsGeneration", integration.generation())
                .put("scimBaseUrl", scimBaseUrl)
                .put("tokenUrl", tokenUrl);
        if (integration.created() != null) {
            node.put("created", integration.created().toString());
        }
        if (integration.secretIssued() != null) {
            node.put("secretIssued", integration.secretIssued().toString());
        }
        if (integration.statusChanged() != null) {
            node.put("statusChanged", integration.statusChanged().toString());
        }
        return node;
    }

    private static boolean tooLong(Optional<String> value) {
        return value.map(v -> v.length() > MAX_TEXT_LENGTH).orElse(false);
    }

    private static void notFound(Context ctx) {
        AdminCalls.notFound(ctx, "no integration with this client id");
    }

    private static <T> void answerWhenDone(Context ctx, CompletableFuture<T> write, Consumer<T> answer) {
        AdminCalls.answerWhenDone(ctx, write, "the integration could not be stored; retry later", answer);
    }
}
