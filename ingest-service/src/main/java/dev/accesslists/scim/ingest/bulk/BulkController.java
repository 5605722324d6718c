package dev.accesslists.scim.ingest.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.accesslists.scim.ingest.groups.GroupRequests;
import dev.accesslists.scim.ingest.http.Caller;
import dev.accesslists.scim.ingest.http.Renderer;
import dev.accesslists.scim.ingest.http.Scim;
import dev.accesslists.scim.ingest.users.UserRequests;
import dev.accesslists.scim.ingest.write.Commands;
import dev.accesslists.scim.ingest.write.Fingerprint;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.BulkOperation;
import dev.accesslists.scim.schemas.command.BulkResult;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.scim.EntityTags;
import dev.accesslists.scim.schemas.scim.ScimError;
import dev.accesslists.scim.schemas.scim.ScimException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;

/**
 * {@code POST /Bulk} (RFC 7644 §3.7). Every operation is read and checked here exactly as the same
 * request alone would be; the ids of resources it creates are assigned here, so a {@code bulkId}
 * reference ({@code "bulkId:qwerty"}, in a path or anywhere in the data) is replaced by the id before
 * anything is written. The operations then travel as one command to the single writer, which applies
 * them in order, each on its own, and stops after {@code failOnErrors} failures. One record and one
 * transaction for the whole request: a bulk of 1,000 creates costs one round trip through Kafka.
 *
 * <p>Limits, advertised in {@code /ServiceProviderConfig}: {@link #MAX_OPERATIONS} operations and
 * {@link #MAX_PAYLOAD_BYTES} bytes, each answered {@code 413} ({@code tooMany} / {@code tooLarge})
 * when exceeded. A Bulk is not remembered for safe retries: sent again, it is applied again.
 */
public final class BulkController {
    public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
    public static final int MAX_OPERATIONS = 1000;
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
    private static final String REFERENCE = "bulkid:";

    private final Commands commands;
    private final Renderer renderer;

    public BulkController(Commands commands, Renderer renderer) {
        this.commands = commands;
        this.renderer = renderer;
    }

    public void bulk(Context ctx) {
        if (ctx.contentLength() > MAX_PAYLOAD_BYTES || ctx.bodyAsBytes().length > MAX_PAYLOAD_BYTES) {
            throw new ScimException(new ScimError(413, "tooLarge", "a Bulk request may be at most "
                    + MAX_PAYLOAD_BYTES + " bytes (maxPayloadSize)"));
        }
        ObjectNode body = Scim.body(ctx);
        JsonNode operations = Scim.field(body, "Operations");
        if (operations == null || !operations.isArray()) {
            throw ScimException.invalidSyntax("a BulkRequest needs an \"Operations\" array");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw new ScimException(new ScimError(413, "tooMany", "a Bulk request may hold at most "
                    + MAX_OPERATIONS + " operations (maxOperations); this one holds " + operations.size()));
        }
        int failOnErrors = failOnErrors(Scim.field(body, "failOnErrors"));
        Map<String, Created> created = assignIds(operations);
        List<BulkOperation> steps = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            steps.add(read(operations.get(i), i, created));
        }
        ctx.future(() -> commands.submit(Caller.of(ctx), new Command.Bulk(steps, failOnErrors),
                Fingerprint.of("POST", "Bulk", null, body)).thenAccept(outcome -> {
                    if (!outcome.succeeded()) {
                        throw new ScimException(new ScimError(outcome.status(), outcome.scimType(), outcome.detail()));
                    }
                    List<BulkResult> results = List.of(Json.mapper().convertValue(outcome.resource(),
                            BulkResult[].class));
                    Scim.respond(ctx, 200, response(results));
                }));
    }

    private static int failOnErrors(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
            throw ScimException.invalidValue("failOnErrors must be a positive integer");
        }
        return value.asInt();
    }

    /** A resource a POST of this request creates: the operation, its type and the id assigned to it. */
    private record Created(int operation, String resourceType, String id) {
    }

    /**
     * The ids of the resources the request's POSTs create, by their bulkId; a bulkId belongs to
     * the first POST that gives it (a later one is refused).
     */
    private static Map<String, Created> assignIds(JsonNode operations) {
        Map<String, Created> created = new HashMap<>();
        for (int i = 0; i < operations.size(); i++) {
            JsonNode operation = operations.get(i);
            if (!operation.isObject() || !"POST".equalsIgnoreCase(text(operation, "method"))) {
                continue;
            }
            String bulkId = text(operation, "bulkId");
            String type = resourceType(text(operation, "path"), true);
            if (bulkId != null && type != null && !created.containsKey(bulkId)) {
                created.put(bulkId, new Created(i, type, Commands.newId()));
            }
        }
        return created;
    }

    /** One operation as a command, or as the error its request alone would get. */
    private BulkOperation read(JsonNode operation, int index, Map<String, Created> created) {
        String method = operation.isObject() ? text(operation, "method") : null;
        String bulkId = operation.isObject() ? text(operation, "bulkId") : null;
        String path = operation.isObject() ? text(operation, "path") : null;
        String shownMethod = method == null ? "" : method.toUpperCase(Locale.ROOT);
        try {
            if (!operation.isObject()) {
                throw ScimException.invalidSyntax("each operation must be an object");
            }
            JsonNode version = Scim.field((ObjectNode) operation, "version");
            String ifMatch = version == null || version.isNull() ? null : version.asText();
            return new BulkOperation(shownMethod, bulkId, path, ifMatch, command(shownMethod, bulkId, index, path,
                    resolve(Scim.field((ObjectNode) operation, "data"), created), created), null);
        } catch (ScimException e) {
            return new BulkOperation(shownMethod, bulkId, path, null, null,
                    new BulkOperation.Refusal(e.status(), e.scimType(), e.error().detail()));
        }
    }

    private static Command command(String method, String bulkId, int index, String path, JsonNode data,
                                   Map<String, Created> created) {
        if (path == null || path.isBlank()) {
            throw ScimException.invalidSyntax("each operation needs a \"path\"");
        }
        switch (method) {
            case "POST" -> {
                String type = resourceType(path, true);
                if (type == null) {
                    throw ScimException.invalidPath("a POST path is /Users or /Groups, not " + Scim.shorten(path));
                }
                if (bulkId == null || bulkId.isBlank()) {
                    throw ScimException.invalidSyntax("a POST operation needs a bulkId (RFC 7644 §3.7)");
                }
                Created mine = created.get(bulkId);
                if (mine == null || mine.operation() != index) {
                    throw ScimException.invalidValue("bulkId " + Scim.shorten(bulkId)
                            + " is already given by an earlier operation of this request");
                }
                ObjectNode body = object(data);
                return type.equals("User") ? UserRequests.create(mine.id(), body) : GroupRequests.create(mine.id(), body);
            }
            case "PUT", "PATCH", "DELETE" -> {
                String type = resourceType(path, false);
                String id = type == null ? null : resolveId(path.substring(path.indexOf('/', 1) + 1), created);
                if (type == null || !Scim.plausibleId(id)) {
                    throw ScimException.invalidPath("a " + method + " path is /Users/{id} or /Groups/{id}, not "
                            + Scim.shorten(path));
                }
                if (method.equals("DELETE")) {
                    return type.equals("User") ? new Command.DeleteUser(id) : new Command.DeleteGroup(id);
                }
                ObjectNode body = object(data);
                if (method.equals("PUT")) {
                    return type.equals("User") ? UserRequests.replace(id, body) : GroupRequests.replace(id, body);
                }
                return type.equals("User") ? UserRequests.patch(id, body) : GroupRequests.patch(id, body);
            }
            default -> throw ScimException.invalidSyntax("method must be POST, PUT, PATCH or DELETE, not "
                    + Scim.shorten(method));
        }
    }

    private static ObjectNode object(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw ScimException.invalidSyntax("the operation's \"data\" must be a JSON object");
        }
        return (ObjectNode) data;
    }

    /**
     * {@code User} or {@code Group} for {@code /Users} / {@code /Groups} (a collection, for a POST)
     * or {@code /Users/{id}} / {@code /Groups/{id}}; null for anything else.
     */
    private static String resourceType(String path, boolean collection) {
        if (path == null) {
            return null;
        }
        String p = path.trim();
        int slash = p.indexOf('/', 1);
        String head = (slash < 0 ? p : p.substring(0, slash)).toLowerCase(Locale.ROOT);
        if (collection != (slash < 0 || slash == p.length() - 1)) {
            return null;
        }
        return switch (head) {
            case "/users" -> "User";
            case "/groups" -> "Group";
            default -> null;
        };
    }

    private static String resolveId(String id, Map<String, Created> created) {
        if (!id.regionMatches(true, 0, REFERENCE, 0, REFERENCE.length())) {
            return id;
        }
        Created target = created.get(id.substring(REFERENCE.length()));
        if (target == null) {
            throw new ScimException(new ScimError(409, "invalidValue", Scim.shorten(id)
                    + " names no resource a POST of this request creates"));
        }
        return target.id();
    }

    /** A copy of the data with every {@code "bulkId:x"} string replaced by the id of the resource x. */
    private static JsonNode resolve(JsonNode data, Map<String, Created> created) {
        if (data == null) {
            return null;
        }
        if (data.isTextual()) {
            return data.textValue().regionMatches(true, 0, REFERENCE, 0, REFERENCE.length())
                    ? TextNode.valueOf(resolveId(data.textValue(), created)) : data;
        }
        if (data.isArray()) {
            ArrayNode copy = Json.mapper().createArrayNode();
            data.forEach(element -> copy.add(resolve(element, created)));
            return copy;
        }
        if (data.isObject()) {
            ObjectNode copy = Json.mapper().createObjectNode();
            for (Entry<String, JsonNode> field : data.properties()) {
                // a password is never read for references, so no part of it can reach an error
                boolean secret = field.getKey().toLowerCase(Locale.ROOT).endsWith("password");
                copy.set(field.getKey(), secret ? field.getValue() : resolve(field.getValue(), created));
            }
            return copy;
        }
        return data;
    }

    /** RFC 7644 §3.7.3 BulkResponse: per operation its method, bulkId, location, version and status. */
    private ObjectNode response(List<BulkResult> results) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.putArray("schemas").add(BULK_RESPONSE);
        ArrayNode operations = node.putArray("Operations");
        for (BulkResult result : results) {
            ObjectNode op = operations.addObject();
            op.put("method", result.method());
            if (result.bulkId() != null) {
                op.put("bulkId", result.bulkId());
            }
            if (result.id() != null && result.resourceType() != null && result.status() < 400) {
                op.put("location", result.resourceType().equals("User") ? renderer.userLocation(result.id())
                        : renderer.groupLocation(result.id()));
            }
            if (result.version() != null) {
                op.put("version", EntityTags.of(result.version()));
            }
            op.put("status", Integer.toString(result.status()));
            if (result.status() >= 400) {
                op.set("response", new ScimError(result.status(), result.scimType(), result.detail()).toJson());
            }
        }
        return node;
    }

    private static String text(JsonNode operation, String name) {
        JsonNode value = Scim.field((ObjectNode) operation, name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
