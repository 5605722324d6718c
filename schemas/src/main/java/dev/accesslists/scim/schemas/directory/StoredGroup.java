package dev.accesslists.scim.schemas.directory;

import java.time.Instant;
import java.util.Objects;

/**
 * A group as the directory stores it. Members are not part of it: they are stored one entry per
 * (group, member) so that changing one member costs the same whatever the group's size.
 *
 * @param id the SCIM id
 * @param displayName equals the linked Access List's title
 * @param externalId the client's id, case-exact, or null
 * @param accessListName {@code metadata.name} of the linked Access List
 * @param created meta.created
 * @param lastModified meta.lastModified
 * @param version incremented on every change; the ETag
 */
public record StoredGroup(String id, String displayName, String externalId, String accessListName, Instant created,
                          Instant lastModified, long version) {
    public StoredGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(accessListName, "accessListName");
    }
}
