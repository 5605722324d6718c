package dev.accesslists.scim.streams.directory;

/**
 * Names of the directory's state stores. Keys are strings built from the directory id and the
 * resource ids, joined by {@code /}; the ids never contain it, so a prefix selects exactly one
 * directory, group or user.
 */
public final class StoreNames {
    /** {@code dir/userId} → StoredUser. */
    public static final String USERS = "users";
    /** {@code dir/lower(userName)} → userId: userName is unique per directory, case-insensitively. */
    public static final String USER_NAMES = "user-names";
    /** {@code dir/groupId} → StoredGroup. */
    public static final String GROUPS = "groups";
    /** {@code dir/accessListName} → groupId: one group per Access List per directory. */
    public static final String GROUP_LISTS = "group-lists";
    /** {@code dir/groupId/userId} → Member: one entry per (group, member). */
    public static final String MEMBERS = "members";
    /** {@code dir/userId/groupId} → groupId: the reverse of MEMBERS, for deactivation and deletion. */
    public static final String USER_GROUPS = "user-groups";
    /**
     * {@code dir} → the directory's latest change time (epoch ms): written on every command, so its
     * position tells which commands are applied (read-your-writes), and its value keeps
     * meta.lastModified monotonic.
     */
    public static final String PROGRESS = "progress";
    /** Access List name → AccessList, per task, fed by ApplyAccessList / RemoveAccessList commands. */
    public static final String ACCESS_LISTS = "access-lists";
    /** {@code dir/fingerprint} → RecentRequest: writes of the last minutes, to answer repetitions. */
    public static final String RECENT_REQUESTS = "recent-requests";
    /** {@code dir/time/fingerprint} → fingerprint: RECENT_REQUESTS in the order they expire. */
    public static final String RECENT_REQUEST_EXPIRY = "recent-request-expiry";

    /** Every store of the writer. */
    public static java.util.List<String> all() {
        return java.util.List.of(USERS, USER_NAMES, GROUPS, GROUP_LISTS, MEMBERS, USER_GROUPS, PROGRESS, ACCESS_LISTS,
                RECENT_REQUESTS, RECENT_REQUEST_EXPIRY);
    }

    private StoreNames() {
    }

    public static String key(String first, String second) {
        return first + "/" + second;
    }

    public static String key(String first, String second, String third) {
        return first + "/" + second + "/" + third;
    }

    public static String prefix(String... parts) {
        return String.join("/", parts) + "/";
    }
}
