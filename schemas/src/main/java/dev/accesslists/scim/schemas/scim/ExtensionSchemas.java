package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps extension objects and the {@code schemas} list in step after a PATCH. RFC 7643 §3 lists in
 * {@code schemas} the extensions a resource uses, so an extension the PATCH brought in is added and
 * one it emptied or removed is dropped. Only what the PATCH changed is touched, so a no-op PATCH
 * leaves the resource equal to its input.
 */
final class ExtensionSchemas {
    private ExtensionSchemas() {
    }

    static void reconcile(ObjectNode before, ObjectNode after) {
        dropEmptied(before, after);
        Set<String> urns = new LinkedHashSet<>();
        urns.addAll(extensionKeys(before));
        urns.addAll(extensionKeys(after));
        for (String urn : urns) {
            boolean had = uses(before, urn);
            boolean has = uses(after, urn);
            if (!had && has) {
                list(after, urn);
            } else if (had && !has) {
                unlist(after, urn);
            }
        }
    }

    /** Extension objects this PATCH left empty go away; one that was already empty stays. */
    private static void dropEmptied(ObjectNode before, ObjectNode after) {
        for (String key : extensionKeys(after)) {
            JsonNode now = after.get(key);
            JsonNode then = JsonNodes.get(before, key);
            boolean wasEmpty = then != null && then.isObject() && then.isEmpty();
            if (now.isObject() && now.isEmpty() && !wasEmpty) {
                after.remove(key);
            }
        }
    }

    private static List<String> extensionKeys(ObjectNode resource) {
        List<String> keys = new ArrayList<>();
        resource.fieldNames().forEachRemaining(key -> {
            if (ScimUrns.isSchemaUrn(key) && !ScimUrns.isCore(key)) {
                keys.add(key);
            }
        });
        return keys;
    }

    private static boolean uses(ObjectNode resource, String urn) {
        JsonNode extension = JsonNodes.get(resource, urn);
        return extension != null && extension.isObject() && !extension.isEmpty();
    }

    private static void list(ObjectNode resource, String urn) {
        JsonNode schemas = JsonNodes.get(resource, "schemas");
        if (schemas == null || !schemas.isArray()) {
            return;
        }
        for (JsonNode schema : schemas) {
            if (schema.asText().equalsIgnoreCase(urn)) {
                return;
            }
        }
        ((ArrayNode) schemas).add(ScimUrns.canonical(urn));
    }

    private static void unlist(ObjectNode resource, String urn) {
        JsonNode schemas = JsonNodes.get(resource, "schemas");
        if (schemas == null || !schemas.isArray()) {
            return;
        }
        for (int i = schemas.size() - 1; i >= 0; i--) {
            if (schemas.get(i).asText().equalsIgnoreCase(urn)) {
                ((ArrayNode) schemas).remove(i);
            }
        }
    }
}
