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
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

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
    // what the users evaluated together share (a change of a group of a thousand members touches
    // one group and one list a thousand times), read once: nothing here changes meanwhile
    private final Map<String, Optional<StoredGroup>> groups = new HashMap<>();
    private final Map<String, Optional<GroupJob>> jobs = new HashMap<>();
    private final Map<String, Optional<AccessList>> lists = new HashMap<>();
    private String samlConnector;

    EffectiveGrantsTracker(DirectoryState state) {
        this.state = state;
    }

    /**
     * The users a command's effects touched, in the order they were first touched, each with the
     * userName the effects last gave it (null when they gave none, or when it was deleted), so
     * that a user need not be read back from the store only for its name.
     */
    static Map<String, String> touchedUsers(List<DirectoryEvent> events, List<MembershipChange> changes) {
        Map<String, String> users = new java.util.LinkedHashMap<>();
        for (MembershipChange change : changes) {
            users.merge(change.userId(), nameOf(change.userName()), (before, after) -> after.isEmpty() ? before : after);
        }
        for (DirectoryEvent event : events) {
            if (event instanceof DirectoryEvent.UserUpdated e) {
                users.put(e.userId(), nameOf(e.userName()));
            } else if (event instanceof DirectoryEvent.UserDeactivated e) {
                users.put(e.userId(), nameOf(e.userName()));
            } else if (event instanceof DirectoryEvent.UserReactivated e) {
                users.put(e.userId(), nameOf(e.userName()));
            } else if (event instanceof DirectoryEvent.UserDeleted e) {
                users.put(e.userId(), "");
            }
        }
        return users;
    }

    /** A name as {@link #touchedUsers} keeps it: the empty string for none. */
    private static String nameOf(String userName) {
        return userName == null ? "" : userName;
    }

    /**
     * Evaluates the users again, staging the new last-written records.
     *
     * @param connector the SAML connector the command named, or null to keep the known one
     */
    List<Update> update(Iterable<String> userIds, Cause cause, String connector) {
        Map<String, String> users = new java.util.LinkedHashMap<>();
        userIds.forEach(id -> users.put(id, ""));
        return update(users, cause, connector);
    }

    /**
     * @param users user ids, each with the userName the command's effects gave it, or the empty
     *     string to read it from the store
     */
    List<Update> update(Map<String, String> users, Cause cause, String connector) {
        if (connector != null) {
            state.putSamlConnector(connector);
        }
        samlConnector = state.samlConnector().orElse(null);
        List<Update> updates = new ArrayList<>();
        users.forEach((userId, userName) -> evaluate(userId, userName, cause).ifPresent(updates::add));
        return updates;
    }

    private Optional<Update> evaluate(String userId, String knownName, Cause cause) {
        String key = EffectiveGrants.key(state.dir(), userId);
        Optional<EffectiveGrants> previous = state.effectiveGrants(userId);
        Optional<String> userName = knownName.isEmpty() ? state.user(userId).map(StoredUser::userName)
                : Optional.of(knownName);
        if (userName.isEmpty()) {
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
        EffectiveGrants next = new EffectiveGrants(state.dir(), samlConnector, userId,
                userName.get(), result.roles(), result.traits(), result.accessLists(), cause);
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
            Optional<GroupJob> job = jobs.computeIfAbsent(groupId, state::groupJob);
            String listName;
            if (job.isPresent() && member.get().epoch() < job.get().epoch()) {
                listName = job.get().fromList();
            } else {
                Optional<StoredGroup> group = groups.computeIfAbsent(groupId, state::group);
                if (group.isEmpty()) {
                    continue;
                }
                listName = group.get().accessListName();
            }
            this.lists.computeIfAbsent(listName, state::accessList).filter(AccessList::scimManaged)
                    .ifPresent(lists::add);
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
