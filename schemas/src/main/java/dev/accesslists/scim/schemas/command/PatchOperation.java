package dev.accesslists.scim.schemas.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Objects;

/**
 * One RFC 7644 §3.5.2 PATCH operation. {@code op} is normalised to lower case ("add", "remove",
 * "replace"); {@code path} may be null (path-less add / replace).
 */
public record PatchOperation(String op, String path, JsonNode value) {
    public PatchOperation {
        Objects.requireNonNull(op, "op");
        op = op.toLowerCase(Locale.ROOT);
        if (!op.equals("add") && !op.equals("remove") && !op.equals("replace")) {
            throw new IllegalArgumentException("unknown PATCH op: " + op);
        }
    }
}
