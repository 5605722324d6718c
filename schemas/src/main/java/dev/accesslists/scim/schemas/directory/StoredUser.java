package dev.accesslists.scim.schemas.directory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A user as the directory stores it: the SCIM attributes as the client last set them (without
 * {@code id} and {@code meta}), plus the server-owned parts.
 *
 * @param id the SCIM id
 * @param attributes SCIM attributes; always holds {@code userName} and {@code active}
 * @param created meta.created
 * @param lastModified meta.lastModified
 * @param version incremented on every change; the ETag
 */
public record StoredUser(String id, ObjectNode attributes, Instant created, Instant lastModified, long version) {
    public StoredUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attributes, "attributes");
    }

    @JsonIgnore
    public String userName() {
        JsonNode node = attributes.get("userName");
        return node == null ? null : node.asText();
    }

    /**
     * How the user is named where another resource points to it (a group's member {@code display}):
     * the {@code displayName} when it is a non-blank string, else the {@code userName}.
     */
    @JsonIgnore
    public String display() {
        JsonNode node = attributes.get("displayName");
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : userName();
    }

    @JsonIgnore
    public boolean active() {
        JsonNode node = attributes.get("active");
        return node == null || node.asBoolean(true);
    }
}
