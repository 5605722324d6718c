package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.PatchOperation;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** JSON written with single quotes, so test tables stay readable. */
final class JsonFixtures {
    private static final ObjectReader READER = Json.mapper().reader().with(JsonReadFeature.ALLOW_SINGLE_QUOTES);

    private JsonFixtures() {
    }

    static JsonNode json(String text) {
        try {
            return READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object(String text) {
        return (ObjectNode) json(text);
    }

    /** A JSON array of operations, as in the {@code Operations} of a PatchOp message. */
    static List<PatchOperation> ops(String text) {
        List<PatchOperation> out = new ArrayList<>();
        for (JsonNode op : json(text)) {
            JsonNode path = op.get("path");
            out.add(new PatchOperation(op.get("op").asText(), path == null || path.isNull() ? null : path.asText(),
                    op.get("value")));
        }
        return out;
    }
}
