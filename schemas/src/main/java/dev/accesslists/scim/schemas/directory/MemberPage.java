package dev.accesslists.scim.schemas.directory;

import java.util.List;

/**
 * A bounded piece of a group's members, in id order, as the query API answers it.
 *
 * @param members the members in this piece
 * @param next the member id to continue after, or null when this piece is the last
 */
public record MemberPage(List<GroupView.MemberView> members, String next) {
    public MemberPage {
        members = List.copyOf(members);
    }
}
