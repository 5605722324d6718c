package dev.accesslists.scim.schemas.event;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import java.util.Objects;

/**
 * A change of one user's membership of one Access List, for downstream consumers. Keyed by the
 * list's title on {@code accesslist.membership.v1}.
 *
 * @param accessList name, title, type and grants of the list at the moment of the change
 * @param userId the SCIM user id
 * @param userName the user's userName at the moment of the change
 * @param change what happened
 * @param groupId the SCIM group linked to the list
 * @param cause the request that caused it
 * @param previousUserName for {@link ChangeKind#UPDATED}: the userName before the change; else null
 */
public record MembershipChange(ListRef accessList, String userId, String userName, ChangeKind change,
                               String groupId, Cause cause, String previousUserName) {
    public MembershipChange {
        Objects.requireNonNull(accessList, "accessList");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(cause, "cause");
    }

    public enum ChangeKind {
        /** Membership starts and the grants apply. */
        ADDED,
        /** Membership ends. */
        REMOVED,
        /** The user was deactivated: membership is kept but the grants no longer apply. */
        SUSPENDED,
        /** The user was re-activated: the grants apply again. */
        RESTORED,
        /** The member's userName changed (see previousUserName); membership and grants are unchanged. */
        UPDATED
    }

    /** The Access List as it was when the change happened. */
    public record ListRef(String name, String title, String type, AccessList.Grants grants) {
        public static ListRef of(AccessList list) {
            AccessList.Grants grants = list.spec().grants() == null ? AccessList.Grants.none() : list.spec().grants();
            return new ListRef(list.name(), list.spec().title(), list.spec().type(), grants);
        }
    }
}
