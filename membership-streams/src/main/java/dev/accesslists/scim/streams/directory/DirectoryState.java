package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.directory.Member;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Typed access to one directory's stores, for the processor. Every method costs O(1) store
 * operations except the scans, which cost O(entries under the prefix) and close their iterator.
 */
final class DirectoryState {
    private static final StringSerializer KEYS = new StringSerializer();

    private final String dir;
    private final KeyValueStore<String, StoredUser> users;
    private final KeyValueStore<String, String> userNames;
    private final KeyValueStore<String, StoredGroup> groups;
    private final KeyValueStore<String, String> groupLists;
    private final KeyValueStore<String, Member> members;
    private final KeyValueStore<String, String> userGroups;
    private final KeyValueStore<String, AccessList> accessLists;

    DirectoryState(String dir, Stores stores) {
        this.dir = dir;
        this.users = stores.users;
        this.userNames = stores.userNames;
        this.groups = stores.groups;
        this.groupLists = stores.groupLists;
        this.members = stores.members;
        this.userGroups = stores.userGroups;
        this.accessLists = stores.accessLists;
    }

    /** The stores of the processor, fetched once at init. */
    record Stores(KeyValueStore<String, StoredUser> users, KeyValueStore<String, String> userNames,
                  KeyValueStore<String, StoredGroup> groups, KeyValueStore<String, String> groupLists,
                  KeyValueStore<String, Member> members, KeyValueStore<String, String> userGroups,
                  KeyValueStore<String, AccessList> accessLists,
                  KeyValueStore<String, Long> progress) {
        static Stores from(ProcessorContext<?, ?> context) {
            return new Stores(context.getStateStore(StoreNames.USERS), context.getStateStore(StoreNames.USER_NAMES),
                    context.getStateStore(StoreNames.GROUPS), context.getStateStore(StoreNames.GROUP_LISTS),
                    context.getStateStore(StoreNames.MEMBERS), context.getStateStore(StoreNames.USER_GROUPS),
                    context.getStateStore(StoreNames.ACCESS_LISTS), context.getStateStore(StoreNames.PROGRESS));
        }
    }

    // users

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
        users.put(StoreNames.key(dir, user.id()), user);
    }

    void deleteUser(StoredUser user) {
        userNames.delete(nameKey(user.userName()));
        users.delete(StoreNames.key(dir, user.id()));
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
        groups.put(StoreNames.key(dir, group.id()), group);
    }

    void deleteGroup(StoredGroup group) {
        groupLists.delete(StoreNames.key(dir, group.accessListName()));
        groups.delete(StoreNames.key(dir, group.id()));
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
        try (KeyValueIterator<String, Member> it = members.prefixScan(StoreNames.prefix(dir, groupId), KEYS)) {
            it.forEachRemaining(kv -> result.add(kv.value));
        }
        return result;
    }

    /** Ids of the groups a user belongs to. O(the user's groups). */
    List<String> groupsOf(String userId) {
        List<String> result = new ArrayList<>();
        try (KeyValueIterator<String, String> it = userGroups.prefixScan(StoreNames.prefix(dir, userId), KEYS)) {
            it.forEachRemaining(kv -> result.add(kv.value));
        }
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
        try (KeyValueIterator<String, AccessList> it = accessLists.all()) {
            while (it.hasNext()) {
                AccessList list = it.next().value;
                if (list != null && title.equals(list.spec().title())) {
                    return Optional.of(list);
                }
            }
        }
        return Optional.empty();
    }
}
