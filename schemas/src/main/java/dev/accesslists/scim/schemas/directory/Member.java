package dev.accesslists.scim.schemas.directory;

import java.util.Objects;

/**
 * One (group, member) entry.
 *
 * @param userId the member's SCIM id
 * @param suspended true while the user is deactivated: the membership is kept, the grants are not
 * @param epoch the group's epoch when this membership was last brought up to date
 */
public record Member(String userId, boolean suspended, long epoch) {
    public Member {
        Objects.requireNonNull(userId, "userId");
    }
}
