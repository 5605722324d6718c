package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.directory.Member;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange.ChangeKind;
import java.time.Instant;
import java.util.Optional;

/**
 * The membership transitions and the changes they emit. A member of a deactivated user is kept
 * but suspended: its grants do not apply until the user is active again.
 */
final class Memberships {
    private final DirectoryState state;
    private final Effects effects;
    private final Instant now;
    private int changed;

    Memberships(DirectoryState state, Effects effects, Instant now) {
        this.state = state;
        this.effects = effects;
        this.now = now;
    }

    /** Adds a member; adding an existing member is a no-op. O(1). */
    void add(StoredGroup group, AccessList list, StoredUser user) {
        if (state.member(group.id(), user.id()).isPresent()) {
            return;
        }
        state.putMember(group.id(), new Member(user.id(), !user.active()));
        changed++;
        effects.event(new DirectoryEvent.MemberAdded(group.id(), list.name(), user.id(), effects.cause()));
        // A consumer replaying the topic must see every membership start: a deactivated user's
        // membership starts and is suspended at once.
        effects.membership(list, group.id(), user.id(), user.userName(), ChangeKind.ADDED);
        if (!user.active()) {
            effects.membership(list, group.id(), user.id(), user.userName(), ChangeKind.SUSPENDED);
        }
    }

    /** Removes a member; removing a non-member is a no-op. O(1). */
    void remove(StoredGroup group, AccessList list, String userId) {
        if (state.member(group.id(), userId).isEmpty()) {
            return;
        }
        state.deleteMember(group.id(), userId);
        changed++;
        effects.event(new DirectoryEvent.MemberRemoved(group.id(), list.name(), userId, effects.cause()));
        String userName = state.user(userId).map(StoredUser::userName).orElse(null);
        effects.membership(list, group.id(), userId, userName, ChangeKind.REMOVED);
    }

    /** How many memberships {@link #add} and {@link #remove} changed so far. */
    int changedMembers() {
        return changed;
    }

    /** Suspends or restores every membership of a user whose active flag changed. O(the user's groups). */
    void activeChanged(StoredUser user) {
        for (String groupId : state.groupsOf(user.id())) {
            Optional<StoredGroup> group = state.group(groupId);
            Optional<Member> member = state.member(groupId, user.id());
            if (group.isEmpty() || member.isEmpty() || member.get().suspended() == !user.active()) {
                continue;
            }
            state.putMember(groupId, new Member(user.id(), !user.active()));
            effects.membership(listOf(group.get()), groupId, user.id(), user.userName(),
                    user.active() ? ChangeKind.RESTORED : ChangeKind.SUSPENDED);
        }
    }

    /**
     * Tells consumers keyed by userName that a member's userName changed: one UPDATED change per
     * membership, carrying the previous name. O(the user's groups).
     */
    void userNameChanged(StoredUser user, String previousUserName) {
        for (String groupId : state.groupsOf(user.id())) {
            state.group(groupId).ifPresent(group -> effects.membershipRenamed(listOf(group), groupId, user.id(),
                    user.userName(), previousUserName));
        }
    }

    /** Removes a user from every group, for user deletion. O(the user's groups). */
    void removeEverywhere(StoredUser user) {
        for (String groupId : state.groupsOf(user.id())) {
            Optional<StoredGroup> group = state.group(groupId);
            state.deleteMember(groupId, user.id());
            if (group.isPresent()) {
                touch(group.get());
                effects.event(new DirectoryEvent.MemberRemoved(groupId, group.get().accessListName(), user.id(),
                        effects.cause()));
                effects.membership(listOf(group.get()), groupId, user.id(), user.userName(), ChangeKind.REMOVED);
            }
        }
    }

    /** A change of a group's members moves its meta.lastModified and version. */
    private void touch(StoredGroup group) {
        state.putGroup(new StoredGroup(group.id(), group.displayName(), group.externalId(), group.accessListName(),
                group.created(), now, group.version() + 1), group.accessListName());
    }

    /**
     * The group's Access List as it is now. When the list's definition was deleted since the group
     * was linked, the name alone still identifies it.
     */
    AccessList listOf(StoredGroup group) {
        return state.accessList(group.accessListName()).orElseGet(() -> detached(group));
    }

    private static AccessList detached(StoredGroup group) {
        return new AccessList(AccessList.KIND, AccessList.VERSION,
                new AccessList.Metadata(group.accessListName(), null, null),
                new AccessList.Spec(group.displayName(), null, AccessList.TYPE_SCIM, AccessList.Grants.none(),
                        null, null, null, null));
    }
}
