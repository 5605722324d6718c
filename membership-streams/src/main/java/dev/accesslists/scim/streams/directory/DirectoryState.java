package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.directory.GroupJob;
import dev.accesslists.scim.schemas.directory.Member;
import dev.accesslists.scim.schemas.directory.RecentRequest;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.schemas.directory.UserView;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.schemas.grants.EffectiveGrants;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Typed access to one directory's stores, for the processor. Every method costs O(1) store
 * operations except the scans, which cost O(entries under the prefix) and close their iterator.
 */
final class DirectoryState {
    private final String dir;
    private final StagedStore<StoredUser> users;
    private final StagedStore<String> userNames;
    private final StagedStore<StoredGroup> groups;
    private final StagedStore<String> groupLists;
    private final StagedStore<Member> members;
    private final StagedStore<String> userGroups;
    private final StagedStore<AccessList> accessLists;
    private final StagedStore<Long> counts;
    private final StagedStore<String> externalIds;
    private final StagedStore<String> groupNames;
    private final StagedStore<GroupJob> groupJobs;
    private final StagedStore<MembershipChange> recentChanges;
    private final StagedStore<EffectiveGrants> effectiveGrants;
    private final StagedStore<String> connectors;

    DirectoryState(String dir, Stores stores) {
        this.dir = dir;
        this.users = stores.users;
        this.userNames = stores.userNames;
        this.groups = stores.groups;
        this.groupLists = stores.groupLists;
        this.members = stores.members;
        this.userGroups = stores.userGroups;
        this.accessLists = stores.accessLists;
        this.counts = stores.counts;
        this.externalIds = stores.externalIds;
        this.groupNames = stores.groupNames;
        this.groupJobs = stores.groupJobs;
        this.recentChanges = stores.recentChanges;
        this.effectiveGrants = stores.effectiveGrants;
        this.connectors = stores.connectors;
    }

    String dir() {
        return dir;
    }

    /**
     * The processor's stores, fetched once at init. Directory writes are staged until
     * {@link #commit()}, so a command that fails leaves the state as it was; the progress store is
     * written directly, for every record.
     */
    record Stores(StagedStore<StoredUser> users, StagedStore<String> userNames,
                  StagedStore<StoredGroup> groups, StagedStore<String> groupLists,
                  StagedStore<Member> members, StagedStore<String> userGroups,
                  StagedStore<AccessList> accessLists,
                  StagedStore<RecentRequest> recentRequests, StagedStore<String> recentRequestExpiry,
                  StagedStore<Long> counts, StagedStore<String> externalIds, StagedStore<String> groupNames,
                  StagedStore<GroupJob> groupJobs, StagedStore<MembershipChange> recentChanges,
                  StagedStore<EffectiveGrants> effectiveGrants, StagedStore<String> connectors,
                  KeyValueStore<String, Long> progress) {
        static Stores from(ProcessorContext<?, ?> context) {
            return new Stores(staged(context, StoreNames.USERS), staged(context, StoreNames.USER_NAMES),
                    staged(context, StoreNames.GROUPS), staged(context, StoreNames.GROUP_LISTS),
                    staged(context, StoreNames.MEMBERS), staged(context, StoreNames.USER_GROUPS),
                    staged(context, StoreNames.ACCESS_LISTS), staged(context, StoreNames.RECENT_REQUESTS),
                    staged(context, StoreNames.RECENT_REQUEST_EXPIRY), staged(context, StoreNames.COUNTS),
                    staged(context, StoreNames.USER_EXTERNAL_IDS), staged(context, StoreNames.GROUP_NAMES),
                    staged(context, StoreNames.GROUP_JOBS), staged(context, StoreNames.RECENT_CHANGES),
                    staged(context, StoreNames.EFFECTIVE_GRANTS), staged(context, StoreNames.DIRECTORY_CONNECTORS),
                    context.getStateStore(StoreNames.PROGRESS));
        }

        private static <V> StagedStore<V> staged(ProcessorContext<?, ?> context, String name) {
            KeyValueStore<String, V> store = context.getStateStore(name);
            return new StagedStore<>(store);
        }

        private List<StagedStore<?>> staged() {
            return List.of(users, userNames, groups, groupLists, members, userGroups, accessLists, recentRequests,
                    recentRequestExpiry, counts, externalIds, groupNames, groupJobs, recentChanges, effectiveGrants,
                    connectors);
        }

        /** Writes the staged changes of the command that just succeeded. */
        void commit() {
            staged().forEach(StagedStore::commit);
        }

        /** Drops the staged changes of a command that failed. */
        void discard() {
            staged().forEach(StagedStore::discard);
        }

        /** Marks what is staged now, so that one part of a command can be undone (a Bulk operation). */
        void savepoint() {
            staged().forEach(StagedStore::savepoint);
        }

        /** Undoes what was staged since the savepoint. */
        void rollbackToSavepoint() {
            staged().forEach(StagedStore::rollbackToSavepoint);
        }

        /** Keeps what was staged since the savepoint as part of the command. */
        void releaseSavepoint() {
            staged().forEach(StagedStore::releaseSavepoint);
        }
    }

    // users

    /** The version of a user ({@code "User"}) or group, the resource's ETag; empty when it does not exist. */
    Optional<Long> version(String resourceType, String id) {
        return "User".equals(resourceType) ? user(id).map(StoredUser::version)
                : group(id).map(StoredGroup::version);
    }

    Optional<StoredUser> user(String userId) {
        return Optional.ofNullable(users.get(StoreNames.key(dir, userId)));
    }

    Optional<String> userIdByName(String userName) {
        return Optional.ofNullable(userNames.get(nameKey(userName)));
    }

    void putUser(StoredUser user, String previousUserName) {
        if (previousUserName != null && !normalise(previousUserName).equals(normalise(user.userName()))) {
            userNames.delete(nameKey(previousUserName));
        }
        userNames.put(nameKey(user.userName()), user.id());
        StoredUser previous = users.get(StoreNames.key(dir, user.id()));
        String before = previous == null ? null : StoreNames.externalId(previous);
        String after = StoreNames.externalId(user);
        if (before != null && !before.equals(after)) {
            externalIds.delete(StoreNames.key(dir, before, user.id()));
        }
        if (after != null && !after.equals(before)) {
            externalIds.put(StoreNames.key(dir, after, user.id()), user.id());
        }
        if (previous == null) {
            count(USERS, 1);
        }
        users.put(StoreNames.key(dir, user.id()), user);
    }

    void deleteUser(StoredUser user) {
        userNames.delete(nameKey(user.userName()));
        String externalId = StoreNames.externalId(user);
        if (externalId != null) {
            externalIds.delete(StoreNames.key(dir, externalId, user.id()));
        }
        count(USERS, -1);
        users.delete(StoreNames.key(dir, user.id()));
    }

    // counts and indexes

    private static final String USERS = "users";
    private static final String GROUPS = "groups";
    private static final String INDEXED = "indexed";

    /**
     * Keeps the directory's latest membership changes for its recent-changes view: O(change), the
     * oldest beyond {@link StoreNames#RECENT_CHANGES_KEPT} dropped as new ones come.
     */
    void rememberChanges(List<MembershipChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        String counter = StoreNames.countKey(dir, "changes");
        Long next = counts.get(counter);
        long seq = next == null ? 0 : next;
        for (MembershipChange change : changes) {
            recentChanges.put(StoreNames.key(dir, String.format("%016x", seq)), change);
            if (seq >= StoreNames.RECENT_CHANGES_KEPT) {
                recentChanges.delete(StoreNames.key(dir, String.format("%016x", seq - StoreNames.RECENT_CHANGES_KEPT)));
            }
            seq++;
        }
        counts.put(counter, seq);
    }

    private void count(String what, long delta) {
        String key = StoreNames.countKey(dir, what);
        Long current = counts.get(key);
        counts.put(key, (current == null ? 0 : current) + delta);
    }

    /**
     * Builds the directory's counts and indexes when it has none: a directory whose data an
     * older version wrote. O(directory), once; O(1) afterwards.
     */
    void ensureIndexed() {
        String marker = StoreNames.countKey(dir, INDEXED);
        if (counts.get(marker) != null) {
            return;
        }
        long[] users = {0};
        this.users.scan(StoreNames.prefix(dir), (key, user) -> {
            users[0]++;
            String externalId = StoreNames.externalId(user);
            if (externalId != null) {
                externalIds.put(StoreNames.key(dir, externalId, user.id()), user.id());
            }
            return true;
        });
        long[] groups = {0};
        this.groups.scan(StoreNames.prefix(dir), (key, group) -> {
            groups[0]++;
            groupNames.put(StoreNames.key(dir, StoreNames.foldName(group.displayName()), group.id()), group.id());
            return true;
        });
        counts.put(StoreNames.countKey(dir, USERS), users[0]);
        counts.put(StoreNames.countKey(dir, GROUPS), groups[0]);
        counts.put(marker, 1L);
    }

    private String nameKey(String userName) {
        return StoreNames.key(dir, normalise(userName));
    }

    private static String normalise(String userName) {
        return userName.toLowerCase(Locale.ROOT);
    }

    // groups

    Optional<StoredGroup> group(String groupId) {
        return Optional.ofNullable(groups.get(StoreNames.key(dir, groupId)));
    }

    Optional<String> groupIdByList(String accessListName) {
        return Optional.ofNullable(groupLists.get(StoreNames.key(dir, accessListName)));
    }

    void putGroup(StoredGroup group, String previousListName) {
        if (previousListName != null && !previousListName.equals(group.accessListName())) {
            groupLists.delete(StoreNames.key(dir, previousListName));
        }
        groupLists.put(StoreNames.key(dir, group.accessListName()), group.id());
        StoredGroup previous = groups.get(StoreNames.key(dir, group.id()));
        if (previous == null) {
            count(GROUPS, 1);
        } else if (!previous.displayName().equals(group.displayName())) {
            groupNames.delete(StoreNames.key(dir, StoreNames.foldName(previous.displayName()), group.id()));
        }
        if (previous == null || !previous.displayName().equals(group.displayName())) {
            groupNames.put(StoreNames.key(dir, StoreNames.foldName(group.displayName()), group.id()), group.id());
        }
        groups.put(StoreNames.key(dir, group.id()), group);
    }

    void deleteGroup(StoredGroup group) {
        deleteGroup(group, true);
    }

    /**
     * Deletes the group; with {@code releaseList} false its list stays taken (by a group that no
     * longer exists) until {@link #releaseList} is called.
     */
    void deleteGroup(StoredGroup group, boolean releaseList) {
        if (releaseList) {
            groupLists.delete(StoreNames.key(dir, group.accessListName()));
        }
        groupNames.delete(StoreNames.key(dir, StoreNames.foldName(group.displayName()), group.id()));
        count(GROUPS, -1);
        groups.delete(StoreNames.key(dir, group.id()));
    }

    /** Frees an Access List that {@code groupId} held, if it still holds it. */
    void releaseList(String accessListName, String groupId) {
        String key = StoreNames.key(dir, accessListName);
        if (groupId.equals(groupLists.get(key))) {
            groupLists.delete(key);
        }
    }

    /** Keeps an Access List taken by the group while a relink away from it is carried out. */
    void holdList(String accessListName, String groupId) {
        groupLists.put(StoreNames.key(dir, accessListName), groupId);
    }

    // jobs on whole groups

    Optional<GroupJob> groupJob(String groupId) {
        return Optional.ofNullable(groupJobs.get(StoreNames.key(dir, groupId)));
    }

    void putGroupJob(GroupJob job) {
        groupJobs.put(StoreNames.key(dir, job.groupId()), job);
    }

    void deleteGroupJob(String groupId) {
        groupJobs.delete(StoreNames.key(dir, groupId));
    }

    // membership

    Optional<Member> member(String groupId, String userId) {
        return Optional.ofNullable(members.get(StoreNames.key(dir, groupId, userId)));
    }

    void putMember(String groupId, Member member) {
        members.put(StoreNames.key(dir, groupId, member.userId()), member);
        userGroups.put(StoreNames.key(dir, member.userId(), groupId), groupId);
    }

    void deleteMember(String groupId, String userId) {
        members.delete(StoreNames.key(dir, groupId, userId));
        userGroups.delete(StoreNames.key(dir, userId, groupId));
    }

    /** All members of a group, in key order. O(group): only for whole-group operations. */
    List<Member> members(String groupId) {
        List<Member> result = new ArrayList<>();
        members.scan(StoreNames.prefix(dir, groupId), (key, member) -> result.add(member));
        return result;
    }

    /** Whether the group has more than {@code n} member entries: O(n). */
    boolean hasMoreMembersThan(String groupId, int n) {
        int[] seen = {0};
        members.scan(StoreNames.prefix(dir, groupId), (key, member) -> ++seen[0] <= n);
        return seen[0] > n;
    }

    /** Up to {@code limit} member entries of a group after member {@code afterUserId} (null: from the first). */
    List<Member> membersAfter(String groupId, String afterUserId, int limit) {
        List<Member> result = new ArrayList<>();
        String prefix = StoreNames.prefix(dir, groupId);
        members.scanAfter(prefix, afterUserId == null ? null : prefix + afterUserId, (key, member) -> {
            result.add(member);
            return result.size() < limit;
        });
        return result;
    }

    /** Ids of the groups a user belongs to. O(the user's groups). */
    List<String> groupsOf(String userId) {
        List<String> result = new ArrayList<>();
        userGroups.scan(StoreNames.prefix(dir, userId), (key, groupId) -> result.add(groupId));
        return result;
    }

    /**
     * The groups a user is a direct member of, as the user's {@code groups} attribute shows them:
     * O(the user's groups). A membership that a change of the whole group still being carried
     * out removes is no longer one.
     */
    List<UserView.Group> groupViewsOf(String userId) {
        List<UserView.Group> result = new ArrayList<>();
        for (String groupId : groupsOf(userId)) {
            Optional<StoredGroup> group = group(groupId);
            Optional<Member> member = member(groupId, userId);
            if (group.isEmpty() || member.isEmpty()) {
                continue;
            }
            Optional<GroupJob> job = groupJob(groupId);
            if (job.isPresent() && !job.get().keep() && member.get().epoch() < job.get().epoch()) {
                continue;
            }
            result.add(new UserView.Group(groupId, group.get().displayName()));
        }
        return result;
    }

    // effective grants

    /** The last effective-grants record written for the user, if any. */
    Optional<EffectiveGrants> effectiveGrants(String userId) {
        return Optional.ofNullable(effectiveGrants.get(StoreNames.key(dir, userId)));
    }

    void putEffectiveGrants(EffectiveGrants grants) {
        effectiveGrants.put(StoreNames.key(dir, grants.userId()), grants);
    }

    void deleteEffectiveGrants(String userId) {
        effectiveGrants.delete(StoreNames.key(dir, userId));
    }

    /** The SAML connector the directory's integration is bound to, as commands last named it. */
    Optional<String> samlConnector() {
        return Optional.ofNullable(connectors.get(dir));
    }

    void putSamlConnector(String connector) {
        if (!connector.equals(connectors.get(dir))) {
            connectors.put(dir, connector);
        }
    }

    /**
     * The groups linked to an Access List, in every directory of this task, as (directory, group
     * id) pairs. O(linked groups of the task): only for changes of a list's definition.
     */
    static List<String[]> groupsLinkedTo(Stores stores, String accessListName) {
        List<String[]> result = new ArrayList<>();
        String suffix = "/" + accessListName;
        stores.groupLists.scan(null, (key, groupId) -> {
            if (key.endsWith(suffix) && key.indexOf('/') == key.length() - suffix.length()) {
                result.add(new String[] {key.substring(0, key.length() - suffix.length()), groupId});
            }
            return true;
        });
        return result;
    }

    // access lists

    Optional<AccessList> accessList(String name) {
        return Optional.ofNullable(accessLists.get(name));
    }

    void putAccessList(AccessList list) {
        accessLists.put(list.name(), list);
    }

    void deleteAccessList(String name) {
        accessLists.delete(name);
    }

    /** The Access List whose {@code spec.title} equals {@code title}, of any type. O(lists). */
    Optional<AccessList> accessListByTitle(String title) {
        AccessList[] found = new AccessList[1];
        accessLists.scan(null, (name, list) -> {
            if (title.equals(list.spec().title())) {
                found[0] = list;
                return false;
            }
            return true;
        });
        return Optional.ofNullable(found[0]);
    }
}
