package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.directory.GroupJob;
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
 *
 * <p>While a change of a whole group is carried out in steps (a {@link GroupJob}), some members
 * are not up to date yet. Every transition here first brings the member it touches up to date
 * ({@link #current}), emitting what the job would have emitted, so changes reach consumers in the
 * order their causes happened whatever the job's progress.
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
        if (current(group.id(), user.id()).isPresent()) {
            return;
        }
        state.putMember(group.id(), new Member(user.id(), !user.active(), group.epoch()));
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
        if (current(group.id(), userId).isEmpty()) {
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
            Optional<Member> member = current(groupId, user.id());
            if (group.isEmpty() || member.isEmpty() || member.get().suspended() == !user.active()) {
                continue;
            }
            state.putMember(groupId, new Member(user.id(), !user.active(), member.get().epoch()));
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
            Optional<StoredGroup> group = state.group(groupId);
            if (group.isPresent() && current(groupId, user.id(), previousUserName).isPresent()) {
                effects.membershipRenamed(listOf(group.get()), groupId, user.id(), user.userName(), previousUserName);
            }
        }
    }

    /** Removes a user from every group, for user deletion. O(the user's groups). */
    void removeEverywhere(StoredUser user) {
        for (String groupId : state.groupsOf(user.id())) {
            if (current(groupId, user.id()).isEmpty()) {
                continue;
            }
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

    /** The member as it is once brought up to date with its group's job, if it still is a member. */
    Optional<Member> current(String groupId, String userId) {
        return current(groupId, userId, null);
    }

    /**
     * @param userName the name to put in changes when the user was renamed by the command at
     *     hand, so that the late changes of a job still carry the name consumers know; null for
     *     the stored one
     */
    private Optional<Member> current(String groupId, String userId, String userName) {
        Optional<Member> member = state.member(groupId, userId);
        if (member.isEmpty()) {
            return member;
        }
        Optional<GroupJob> job = state.groupJob(groupId);
        if (job.isEmpty() || member.get().epoch() >= job.get().epoch()) {
            return member;
        }
        return bringUpToDate(job.get(), member.get(), userName);
    }

    /**
     * Does for one member what its group's job does: moves it to the job's list (keep) or removes
     * it. Its changes carry the job's cause: the request that changed the whole group.
     */
    Optional<Member> bringUpToDate(GroupJob job, Member member, String knownUserName) {
        String userName = knownUserName != null ? knownUserName
                : state.user(member.userId()).map(StoredUser::userName).orElse(null);
        AccessList from = list(job.fromList(), job.fromTitle());
        if (job.keep()) {
            if (!job.fromList().equals(job.toList())) {
                AccessList to = list(job.toList(), job.fromTitle());
                effects.membership(from, job.groupId(), member.userId(), userName, ChangeKind.REMOVED, job.cause());
                effects.membership(to, job.groupId(), member.userId(), userName, ChangeKind.ADDED, job.cause());
                if (member.suspended()) {
                    effects.membership(to, job.groupId(), member.userId(), userName, ChangeKind.SUSPENDED,
                            job.cause());
                }
            }
            Member upToDate = new Member(member.userId(), member.suspended(), job.epoch());
            state.putMember(job.groupId(), upToDate);
            return Optional.of(upToDate);
        }
        state.deleteMember(job.groupId(), member.userId());
        effects.event(new DirectoryEvent.MemberRemoved(job.groupId(), job.fromList(), member.userId(), job.cause()));
        effects.membership(from, job.groupId(), member.userId(), userName, ChangeKind.REMOVED, job.cause());
        return Optional.empty();
    }

    /** A change of a group's members moves its meta.lastModified and version. */
    private void touch(StoredGroup group) {
        state.putGroup(group.touched(now), group.accessListName());
    }

    /**
     * The group's Access List as it is now. When the list's definition was deleted since the group
     * was linked, the name alone still identifies it.
     */
    AccessList listOf(StoredGroup group) {
        return list(group.accessListName(), group.displayName());
    }

    private AccessList list(String name, String title) {
        return state.accessList(name).orElseGet(() -> detached(name, title));
    }

    private static AccessList detached(String name, String title) {
        return new AccessList(AccessList.KIND, AccessList.VERSION,
                new AccessList.Metadata(name, null, null),
                new AccessList.Spec(title, null, AccessList.TYPE_SCIM, AccessList.Grants.none(),
                        null, null, null, null));
    }
}
