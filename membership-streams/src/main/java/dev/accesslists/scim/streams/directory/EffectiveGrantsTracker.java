package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.directory.GroupJob;
import dev.accesslists.scim.schemas.directory.Member;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.schemas.grants.EffectiveGrants;
import dev.accesslists.scim.schemas.grants.GrantsFixedPoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps each user's effective grants and says when they change: after a command, the users its
 * changes touched are evaluated again (O(their memberships) each) and a record is written only
 * when it differs from the last one written for the user. A deleted user who had a record gets a
 * tombstone.
 *
 * <p>A membership counts as the membership topic has told it so far: while a change of a whole
 * group is still being carried out, a member not yet reached by it is still in the list the job
 * moves away from. So the grants topic never runs ahead of the membership topic.
 */
final class EffectiveGrantsTracker {
    /** One record for the grants topic; a null value is a tombstone. */
    record Update(String key, EffectiveGrants value) {
    }

    private final DirectoryState state;

    EffectiveGrantsTracker(DirectoryState state) {
        this.state = state;
    }

    /** The users a command's effects touched, in the order they were first touched. */
    static Set<String> touchedUsers(List<DirectoryEvent> events, List<MembershipChange> changes) {
        Set<String> users = new LinkedHashSet<>();
        for (MembershipChange change : changes) {
            users.add(change.userId());
        }
        for (DirectoryEvent event : events) {
            if (event instanceof DirectoryEvent.UserUpdated e) {
                users.add(e.userId());
            } else if (event instanceof DirectoryEvent.UserDeactivated e) {
                users.add(e.userId());
            } else if (event instanceof DirectoryEvent.UserReactivated e) {
                users.add(e.userId());
            } else if (event instanceof DirectoryEvent.UserDeleted e) {
                users.add(e.userId());
            }
        }
        return users;
    }

    /**
     * Evaluates the users again, staging the new last-written records.
     *
     * @param connector the SAML connector the command named, or null to keep the known one
     */
    List<Update> update(Iterable<String> userIds, Cause cause, String connector) {
        if (connector != null) {
            state.putSamlConnector(connector);
        }
        List<Update> updates = new ArrayList<>();
        for (String userId : userIds) {
            evaluate(userId, cause).ifPresent(updates::add);
        }
        return updates;
    }

    private Optional<Update> evaluate(String userId, Cause cause) {
        String key = EffectiveGrants.key(state.dir(), userId);
        Optional<EffectiveGrants> previous = state.effectiveGrants(userId);
        Optional<StoredUser> user = state.user(userId);
        if (user.isEmpty()) {
            if (previous.isEmpty()) {
                return Optional.empty();
            }
            state.deleteEffectiveGrants(userId);
            return Optional.of(new Update(key, null));
        }
        GrantsFixedPoint.Result result = GrantsFixedPoint.compute(activeLists(userId));
        if (previous.isEmpty() && result.isEmpty()) {
            return Optional.empty();
        }
        EffectiveGrants next = new EffectiveGrants(state.dir(), state.samlConnector().orElse(null), userId,
                user.get().userName(), result.roles(), result.traits(), result.accessLists(), cause);
        if (!next.differsFrom(previous.orElse(null))) {
            return Optional.empty();
        }
        state.putEffectiveGrants(next);
        return Optional.of(new Update(key, next));
    }

    /** The definitions of the {@code scim} lists the user is an active member of, as told so far. */
    private List<AccessList> activeLists(String userId) {
        List<AccessList> lists = new ArrayList<>();
        for (String groupId : state.groupsOf(userId)) {
            Optional<Member> member = state.member(groupId, userId);
            if (member.isEmpty() || member.get().suspended()) {
                continue;
            }
            Optional<GroupJob> job = state.groupJob(groupId);
            String listName;
            if (job.isPresent() && member.get().epoch() < job.get().epoch()) {
                listName = job.get().fromList();
            } else {
                Optional<StoredGroup> group = state.group(groupId);
                if (group.isEmpty()) {
                    continue;
                }
                listName = group.get().accessListName();
            }
            state.accessList(listName).filter(AccessList::scimManaged).ifPresent(lists::add);
        }
        return lists;
    }

    /** Whether a new definition of a list can change what its members are granted. */
    static boolean grantsMayChange(AccessList before, AccessList after) {
        if (before == null || after == null) {
            return true;
        }
        return !java.util.Objects.equals(before.spec().grants(), after.spec().grants())
                || !java.util.Objects.equals(before.spec().membershipRequires(), after.spec().membershipRequires())
                || before.scimManaged() != after.scimManaged();
    }
}
