package dev.accesslists.scim.token.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.integration.SamlConnector;
import dev.accesslists.scim.token.integrations.AdminAuth;
import dev.accesslists.scim.token.integrations.Integrations;
import dev.accesslists.scim.token.store.KeyedStore;
import dev.accesslists.scim.token.web.AdminCalls;
import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The admin API for SAML connectors: {@code GET /admin/saml-connectors}, {@code POST} to register
 * one ({@code name}, {@code entityId}, {@code ssoUrl}), {@code DELETE .../{name}} when no
 * integration is bound to it. Integrations can only be bound to a registered connector.
 */
public final class ConnectorsController {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final int MAX_TEXT = 512;

    private final KeyedStore<SamlConnector> connectors;
    private final Integrations integrations;
    private final AdminAuth auth;
    private final Clock clock;

    public ConnectorsController(KeyedStore<SamlConnector> connectors, Integrations integrations, AdminAuth auth,
                                Clock clock) {
        this.connectors = connectors;
        this.integrations = integrations;
        this.auth = auth;
        this.clock = clock;
    }

    public void list(Context ctx) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        ObjectNode body = JsonResponses.object();
        ArrayNode items = body.putArray("samlConnectors");
        connectors.all().stream().sorted(Comparator.comparing(SamlConnector::name))
                .forEach(c -> items.add(view(c)));
        JsonResponses.write(ctx, 200, body);
    }

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
        Optional<String> name = AdminCalls.text(body, "name");
        if (name.isEmpty() || !NAME.matcher(name.get()).matches()) {
            AdminCalls.badRequest(ctx, "name is required: 1 to 63 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit");
            return;
        }
        Optional<String> entityId = AdminCalls.text(body, "entityId");
        Optional<String> ssoUrl = AdminCalls.text(body, "ssoUrl");
        if (entityId.map(String::length).orElse(0) > MAX_TEXT || ssoUrl.map(String::length).orElse(0) > MAX_TEXT) {
            AdminCalls.badRequest(ctx, "entityId and ssoUrl must be at most " + MAX_TEXT + " characters long");
            return;
        }
        if (ssoUrl.isPresent() && !httpUrl(ssoUrl.get())) {
            AdminCalls.badRequest(ctx, "ssoUrl must be an http or https URL");
            return;
        }
        if (connectors.find(name.get()).isPresent()) {
            AdminCalls.conflict(ctx, "a SAML connector named \"" + name.get() + "\" is already registered");
            return;
        }
        SamlConnector connector = new SamlConnector(name.get(), entityId.orElse(null), ssoUrl.orElse(null),
                clock.instant());
        AdminCalls.answerWhenDone(ctx, connectors.put(connector.name(), connector),
                "the SAML connector could not be stored; retry later", stored -> {
                    ctx.header("Location", "/admin/saml-connectors/" + stored.name());
                    JsonResponses.write(ctx, 201, view(stored));
                });
    }

    public void delete(Context ctx) {
        if (!auth.permits(ctx)) {
            return;
        }
        AdminCalls.noStore(ctx);
        String name = ctx.pathParam("name");
        if (connectors.find(name).isEmpty()) {
            AdminCalls.notFound(ctx, "no SAML connector named \"" + name + "\"");
            return;
        }
        List<String> bound = integrations.all().stream().filter(i -> name.equals(i.samlConnector()))
                .map(i -> i.name() == null ? i.clientId() : i.name()).toList();
        if (!bound.isEmpty()) {
            AdminCalls.conflict(ctx, "the SAML connector \"" + name + "\" is used by " + bound.size()
                    + " integration(s) (" + String.join(", ", bound) + "); delete them first");
            return;
        }
        AdminCalls.answerWhenDone(ctx, connectors.delete(name), "the SAML connector could not be deleted; retry later",
                deleted -> ctx.status(204));
    }

    /** Whether a connector of this name is registered. */
    public boolean exists(String name) {
        return connectors.find(name).isPresent();
    }

    static ObjectNode view(SamlConnector connector) {
        ObjectNode node = JsonResponses.object().put("name", connector.name());
        if (connector.entityId() != null) {
            node.put("entityId", connector.entityId());
        }
        if (connector.ssoUrl() != null) {
            node.put("ssoUrl", connector.ssoUrl());
        }
        if (connector.created() != null) {
            node.put("created", connector.created().toString());
        }
        return node;
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
