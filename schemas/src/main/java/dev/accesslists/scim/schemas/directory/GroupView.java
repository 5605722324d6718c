package dev.accesslists.scim.schemas.directory;

import java.util.List;
import java.util.Objects;

/**
 * A group with its members, as the directory answers reads and writes.
 *
 * @param group the stored group
 * @param members the members with how they are named now, or null when not requested
 */
public record GroupView(StoredGroup group, List<MemberView> members) {
    public GroupView {
        Objects.requireNonNull(group, "group");
        members = members == null ? null : List.copyOf(members);
    }

    /**
     * @param userId the member's SCIM id
     * @param display the member's {@code displayName} when set, else its {@code userName}
     *     ({@link StoredUser#display()}), as it is when the view is made
     * @param suspended true while the user is deactivated
     */
    public record MemberView(String userId, String display, boolean suspended) {
    }
}
