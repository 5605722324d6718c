package dev.accesslists.scim.ingest.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.ingest.http.PatchRequest;
import dev.accesslists.scim.ingest.http.Scim;
import dev.accesslists.scim.schemas.command.PatchOperation;
import dev.accesslists.scim.schemas.scim.PatchPath;
import dev.accesslists.scim.schemas.scim.ScimException;
import java.util.List;

/** Validation of User request bodies, before anything is written. */
final class UserRequests {
    private UserRequests() {
    }

    /** A User body for POST or PUT: userName required; id, meta and password are not kept. */
    static ObjectNode resource(ObjectNode body) {
        ObjectNode resource = body.deepCopy();
        var it = resource.fieldNames();
        String userNameKey = null;
        while (it.hasNext()) {
            String name = it.next();
            if (name.equalsIgnoreCase("userName")) {
                userNameKey = name;
            }
        }
        JsonNode userName = userNameKey == null ? null : resource.remove(userNameKey);
        if (userName == null || !userName.isTextual() || userName.asText().isBlank()) {
            throw ScimException.invalidValue("userName is required and must be a non-empty string");
        }
        ObjectNode ordered = resource.objectNode();
        JsonNode schemas = resource.remove("schemas");
        if (schemas != null) {
            ordered.set("schemas", schemas);
        }
        ordered.put("userName", userName.asText());
        ordered.setAll(resource);
        ordered.remove("id");
        ordered.remove("meta");
        ordered.remove("password");
        JsonNode active = Scim.field(ordered, "active");
        if (active != null && !active.isNull() && !active.isBoolean()
                && !(active.isTextual() && (active.asText().equalsIgnoreCase("true")
                || active.asText().equalsIgnoreCase("false")))) {
            throw ScimException.invalidValue("active must be a boolean");
        }
        return ordered;
    }

    static List<PatchOperation> patchOperations(ObjectNode body) {
        List<PatchOperation> operations = PatchRequest.operations(body);
        for (PatchOperation op : operations) {
            if (op.path() != null) {
                PatchPath.parse(op.path());
            }
        }
        return operations;
    }
}
