package dev.accesslists.scim.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.command.PatchOperation;
import dev.accesslists.scim.schemas.scim.ScimException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses an RFC 7644 §3.5.2 PatchOp body. Lenient where real clients differ from the RFC: op
 * names in any case ({@code Replace}), member names in any case ({@code operations}), a
 * missing {@code schemas}.
 */
public final class PatchRequest {
    private PatchRequest() {
    }

    public static List<PatchOperation> operations(ObjectNode body) {
        JsonNode schemas = Scim.field(body, "schemas");
        if (schemas != null && schemas.isArray() && schemas.size() > 0) {
            boolean patchOp = false;
            for (JsonNode s : schemas) {
                patchOp |= Scim.PATCH_OP.equalsIgnoreCase(s.asText());
            }
            if (!patchOp) {
                throw ScimException.invalidValue("a PATCH body must carry the schema " + Scim.PATCH_OP);
            }
        }
        JsonNode ops = Scim.field(body, "Operations");
        if (ops == null || !ops.isArray()) {
            throw ScimException.invalidSyntax("a PATCH body needs an \"Operations\" array");
        }
        List<PatchOperation> result = new ArrayList<>();
        for (JsonNode op : ops) {
            if (!op.isObject()) {
                throw ScimException.invalidSyntax("each PATCH operation must be an object");
            }
            JsonNode name = Scim.field((ObjectNode) op, "op");
            if (name == null || !name.isTextual()) {
                throw ScimException.invalidSyntax("each PATCH operation needs \"op\"");
            }
            String normalised = name.asText().trim().toLowerCase(Locale.ROOT);
            if (!normalised.equals("add") && !normalised.equals("remove") && !normalised.equals("replace")) {
                throw ScimException.invalidSyntax("unknown PATCH op \"" + name.asText()
                        + "\": use add, remove or replace");
            }
            JsonNode path = Scim.field((ObjectNode) op, "path");
            String p = path == null || path.isNull() || path.asText().isBlank() ? null : path.asText().trim();
            JsonNode value = Scim.field((ObjectNode) op, "value");
            if (p == null && !normalised.equals("remove") && (value == null || !value.isObject())) {
                throw ScimException.invalidSyntax("a PATCH " + normalised + " without a path needs an object value");
            }
            if (p == null && normalised.equals("remove")) {
                throw ScimException.noTarget("a PATCH remove needs a path");
            }
            if (!normalised.equals("remove") && value == null) {
                throw ScimException.invalidSyntax("a PATCH " + normalised + " needs a value");
            }
            result.add(new PatchOperation(normalised, p, value));
        }
        return result;
    }
}
