package dev.accesslists.scim.schemas.directory;

import java.util.Objects;

/**
 * One (group, member) entry.
 *
 * @param userId the member's SCIM id
 * @param suspended true while the user is deactivated: the membership is kept, the grants are not
 */
public record Member(String userId, boolean suspended) {
    public Member {
        Objects.requireNonNull(userId, "userId");
    }
}
