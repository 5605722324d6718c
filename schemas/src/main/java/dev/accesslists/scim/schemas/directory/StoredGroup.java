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
 * @param epoch incremented by every change of the whole member set (a replace of the members, a
 *     relink to another list, a delete) that is carried out in steps: a member whose epoch is
 *     older has not been brought up to date yet (see {@link GroupJob})
 */
public record StoredGroup(String id, String displayName, String externalId, String accessListName, Instant created,
                          Instant lastModified, long version, long epoch) {
    public StoredGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(accessListName, "accessListName");
    }

    /** The same group, changed at {@code now}: a new version. */
    public StoredGroup touched(Instant now) {
        return new StoredGroup(id, displayName, externalId, accessListName, created, now, version + 1, epoch);
    }
}
