package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/** Case-insensitive access to JSON objects, as RFC 7643 §2.1 makes attribute names. */
final class JsonNodes {
    private JsonNodes() {
    }

    /** The member whose name equals {@code name} ignoring case (the exact spelling first), or null. */
    static JsonNode get(JsonNode object, String name) {
        String key = key(object, name);
        return key == null ? null : object.get(key);
    }

    /** The existing spelling of the member name, or null when there is no such member. */
    static String key(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        if (object.has(name)) {
            return name;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        return null;
    }

    /** Removes the member whose name equals {@code name} ignoring case; true when there was one. */
    static boolean remove(ObjectNode object, String name) {
        String key = key(object, name);
        if (key == null) {
            return false;
        }
        object.remove(key);
        return true;
    }

    /**
     * Whether a value counts as present, RFC 7644 §3.4.2.2 {@code pr}: not null, not an empty
     * string, and for arrays and objects, holding at least one present value.
     */
    static boolean isPresent(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isTextual()) {
            return !node.textValue().isEmpty();
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (isPresent(child)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}
