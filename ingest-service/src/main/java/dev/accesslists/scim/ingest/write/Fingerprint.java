package dev.accesslists.scim.ingest.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The fingerprint of a SCIM write: SHA-256 of its method, resource path and body (as parsed, so
 * whitespace does not matter). The writer uses it to recognise a client repeating a request and
 * answer with the first attempt's outcome. The directory is not part of it: fingerprints are kept
 * per directory.
 */
public final class Fingerprint {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Fingerprint() {
    }

    /**
     * @param method the HTTP method
     * @param resourceType {@code Users} or {@code Groups}
     * @param id the resource id of the path, or null for a create
     * @param body the request body, or null when it has none
     */
    public static String of(String method, String resourceType, String id, JsonNode body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " /" + resourceType + (id == null ? "" : "/" + id) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                digest.update(Json.mapper().writeValueAsBytes(body));
            }
            return ENCODER.encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed body can be written", e);
        }
    }
}
