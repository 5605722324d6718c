package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.PatchOperation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a User as a client sent it (POST or PUT body) into its stored form: attribute names in
 * their RFC 7643 spelling whatever case the client used (§2.1), string booleans as booleans, the
 * enterprise {@code manager} as a complex value, and no server-owned or secret attributes. It is
 * the same engine as PATCH: the body is applied as a path-less replace onto an empty User.
 */
public final class UserResources {
    /** Never stored: read-only (id, meta, groups) or write-only secrets (password). */
    private static final Set<String> DROPPED = Set.of("id", "meta", "groups", "password", "schemas");

    private UserResources() {
    }

    public static ObjectNode normalise(ObjectNode body) {
        ObjectNode clean = withoutDropped(body);
        ObjectNode empty = Json.mapper().createObjectNode();
        empty.putArray("schemas").add(ScimUrns.CORE_USER);
        if (clean.isEmpty()) {
            throw ScimException.invalidValue("userName is required and must be a non-empty string");
        }
        return UserPatcher.apply(empty, List.of(new PatchOperation("replace", null, clean)));
    }

    /**
     * PATCH operations without any that set a password: this service never stores passwords, so
     * they must not reach the command log either.
     */
    public static List<PatchOperation> withoutSecrets(List<PatchOperation> operations) {
        List<PatchOperation> result = new ArrayList<>(operations.size());
        for (PatchOperation op : operations) {
            if (op.path() == null) {
                if (op.value() != null && op.value().isObject()) {
                    ObjectNode value = op.value().deepCopy();
                    removePasswords(value);
                    if (!value.isEmpty()) {
                        result.add(new PatchOperation(op.op(), null, value));
                    }
                } else {
                    result.add(op);
                }
            } else if (!isPassword(op.path())) {
                result.add(op);
            }
        }
        return result;
    }

    private static boolean isPassword(String path) {
        String lower = path.trim().toLowerCase(Locale.ROOT);
        return lower.equals("password") || lower.equals(ScimUrns.CORE_USER.toLowerCase(Locale.ROOT) + ":password");
    }

    private static ObjectNode withoutDropped(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = copy.fields();
        while (it.hasNext()) {
            String key = it.next().getKey();
            String lower = key.toLowerCase(Locale.ROOT);
            String core = ScimUrns.CORE_USER.toLowerCase(Locale.ROOT) + ":";
            if (DROPPED.contains(lower) || (lower.startsWith(core) && DROPPED.contains(lower.substring(core.length())))) {
                it.remove();
            }
        }
        return copy;
    }

    private static void removePasswords(ObjectNode node) {
        Iterator<String> names = node.fieldNames();
        List<String> matching = new ArrayList<>();
        while (names.hasNext()) {
            String n = names.next();
            if (isPassword(n)) {
                matching.add(n);
            }
        }
        matching.forEach(node::remove);
    }
}
