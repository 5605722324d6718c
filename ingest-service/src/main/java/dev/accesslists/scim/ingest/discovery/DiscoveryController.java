package dev.accesslists.scim.ingest.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.ingest.bulk.BulkController;
import dev.accesslists.scim.ingest.http.Paging;
import dev.accesslists.scim.ingest.http.Scim;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.scim.ResourceSchema;
import dev.accesslists.scim.schemas.scim.ScimException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7644 §4 discovery: {@code /ServiceProviderConfig}, {@code /ResourceTypes} and
 * {@code /Schemas}, describing exactly what this server supports.
 */
public final class DiscoveryController {
    private static final String SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private static final String RT_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    private final String baseUrl;
    private final List<ObjectNode> schemas;
    private final List<ObjectNode> resourceTypes;
    private final ObjectNode serviceProviderConfig;

    public DiscoveryController(String baseUrl) {
        this.baseUrl = baseUrl;
        this.schemas = loadSchemas();
        this.resourceTypes = List.of(
                resourceType("User", "/Users", Scim.USER_SCHEMA, Scim.ENTERPRISE_USER_SCHEMA),
                resourceType("Group", "/Groups", Scim.GROUP_SCHEMA, null));
        this.serviceProviderConfig = serviceProviderConfig();
    }

    public void serviceProviderConfig(Context ctx) {
        Scim.respond(ctx, 200, serviceProviderConfig);
    }

    public void resourceTypes(Context ctx) {
        refuseFilter(ctx);
        Scim.respond(ctx, 200, list(resourceTypes));
    }

    public void resourceType(Context ctx) {
        String name = ctx.pathParam("name");
        Scim.respond(ctx, 200, resourceTypes.stream()
                .filter(rt -> rt.get("id").asText().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> ScimException.notFound("ResourceType " + name + " not found")));
    }

    public void schemas(Context ctx) {
        refuseFilter(ctx);
        Scim.respond(ctx, 200, list(schemas));
    }

    public void schema(Context ctx) {
        String id = ctx.pathParam("id");
        Scim.respond(ctx, 200, schemas.stream()
                .filter(s -> s.get("id").asText().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> ScimException.notFound("Schema " + id + " not found")));
    }

    /** RFC 7644 §4: the discovery endpoints do not filter; a filter is answered 403. */
    private static void refuseFilter(Context ctx) {
        if (ctx.queryParam("filter") != null) {
            throw new ScimException(new dev.accesslists.scim.schemas.scim.ScimError(403, null,
                    "discovery endpoints do not support filtering"));
        }
    }

    private static ObjectNode list(List<ObjectNode> resources) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.putArray("schemas").add(Scim.LIST_RESPONSE);
        node.put("totalResults", resources.size());
        node.put("startIndex", 1);
        node.put("itemsPerPage", resources.size());
        ArrayNode array = node.putArray("Resources");
        resources.forEach(array::add);
        return node;
    }

    private ObjectNode serviceProviderConfig() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.putArray("schemas").add(SPC_SCHEMA);
        node.putObject("patch").put("supported", true);
        node.putObject("bulk").put("supported", true).put("maxOperations", BulkController.MAX_OPERATIONS)
                .put("maxPayloadSize", BulkController.MAX_PAYLOAD_BYTES);
        node.putObject("filter").put("supported", true).put("maxResults", Paging.MAX_COUNT);
        node.putObject("changePassword").put("supported", false);
        node.putObject("sort").put("supported", true);
        node.putObject("etag").put("supported", true);
        ObjectNode scheme = node.putArray("authenticationSchemes").addObject();
        scheme.put("type", "oauthbearertoken");
        scheme.put("name", "OAuth Bearer Token");
        scheme.put("description", "RFC 9068 JWT access tokens from the OAuth 2.0 client credentials grant");
        scheme.put("specUri", "https://www.rfc-editor.org/rfc/rfc6750");
        scheme.put("primary", true);
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "ServiceProviderConfig");
        meta.put("location", baseUrl + "/ServiceProviderConfig");
        return node;
    }

    private ObjectNode resourceType(String name, String endpoint, String schema, String extension) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.putArray("schemas").add(RT_SCHEMA);
        node.put("id", name);
        node.put("name", name);
        node.put("endpoint", endpoint);
        node.put("description", name.equals("Group")
                ? "Groups, each linked to the Access List of type scim whose title equals its displayName" : "Users");
        node.put("schema", schema);
        if (extension != null) {
            node.putArray("schemaExtensions").addObject().put("schema", extension).put("required", false);
        }
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "ResourceType");
        meta.put("location", baseUrl + "/ResourceTypes/" + name);
        return node;
    }

    /** The schemas whose values requests are checked against ({@link ResourceSchema}), with their location here. */
    private List<ObjectNode> loadSchemas() {
        List<ObjectNode> result = new ArrayList<>();
        for (ObjectNode schema : ResourceSchema.published()) {
            ObjectNode copy = schema.deepCopy();
            ((ObjectNode) copy.get("meta")).put("location", baseUrl + "/Schemas/" + copy.get("id").asText());
            result.add(copy);
        }
        return List.copyOf(result);
    }
}
