package dev.accesslists.scim.ingest.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The fingerprint of a SCIM write: SHA-256 of its method, resource path and body in canonical form
 * (parsed, with the members of every object sorted by name, so neither white space nor field order
 * matters). The writer uses it to recognise a client repeating a request and answer with the first
 * attempt's outcome. The directory is not part of it: fingerprints are kept per directory.
 */
public final class Fingerprint {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Fingerprint() {
    }

    /** The same JSON with the members of every object in name order. */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = Json.mapper().createObjectNode();
            java.util.List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            names.forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.mapper().createArrayNode();
            node.forEach(item -> copy.add(canonical(item)));
            return copy;
        }
        return node;
    }

    /**
     * @param method the HTTP method
     * @param resourceType {@code Users} or {@code Groups}
     * @param id the resource id of the path, or null for a create
     * @param body the request body, or null when it has none
     */
    public static String of(String method, String resourceType, String id, JsonNode body) {
        return of(method, resourceType, id, body, null);
    }

    /**
     * @param ifMatch the request's {@code If-Match} precondition, or null: the same write under
     *     another precondition is another request
     */
    public static String of(String method, String resourceType, String id, JsonNode body, String ifMatch) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " /" + resourceType + (id == null ? "" : "/" + id)
                    + (ifMatch == null ? "" : "\nIf-Match: " + ifMatch) + "\n").getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                digest.update(Json.mapper().writeValueAsBytes(canonical(body)));
            }
            return ENCODER.encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed body can be written", e);
        }
    }
}
