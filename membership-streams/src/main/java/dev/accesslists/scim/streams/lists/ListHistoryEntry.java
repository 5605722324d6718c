package dev.accesslists.scim.streams.lists;

import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.MembershipChange;
import java.time.Instant;

/**
 * One change of one membership, as the title view keeps it.
 *
 * @param seq the position in the member's history (1 for its first change in this list)
 * @param change what happened
 * @param userName the userName at that moment
 * @param previousUserName for a rename, the userName before
 * @param groupId the group linked to the list
 * @param at when the request behind it was accepted
 * @param cause the request
 */
public record ListHistoryEntry(long seq, MembershipChange.ChangeKind change, String userName, String previousUserName,
                               String groupId, Instant at, Cause cause) {
}
