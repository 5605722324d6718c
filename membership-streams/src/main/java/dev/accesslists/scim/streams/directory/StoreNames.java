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

    /**
     * {@code dir/users} and {@code dir/groups} → how many the directory has, so a list answers
     * totalResults without counting; {@code dir/indexed} → 1 once the directory's counts and the
     * indexes below are complete (a directory written by an older version gets them on its next
     * command; until then reads count and scan).
     */
    public static final String COUNTS = "directory-counts";
    /** {@code dir/externalId/userId} → userId: users by externalId (not unique; case-exact). */
    public static final String USER_EXTERNAL_IDS = "user-external-ids";
    /** {@code dir/lower(displayName)/groupId} → groupId: groups by displayName, case-insensitively. */
    public static final String GROUP_NAMES = "group-names";

    /**
     * {@code dir/groupId} → GroupJob: a change of a whole group's members still being carried out
     * in steps; at most one per group.
     */
    public static final String GROUP_JOBS = "group-jobs";

    /**
     * {@code dir/seq} (16 hex digits) → MembershipChange: the directory's latest membership changes,
     * the last {@link #RECENT_CHANGES_KEPT}, newest last; the next number is {@code dir/changes} in {@link #COUNTS}.
     */
    public static final String RECENT_CHANGES = "recent-changes";
    /** Membership changes kept per directory for its recent-changes view. */
    public static final int RECENT_CHANGES_KEPT = 200;

    /**
     * {@code dir/userId} → EffectiveGrants: the last record written for the user on the grants
     * topic, so that a record is written only when something in it changes.
     */
    public static final String EFFECTIVE_GRANTS = "effective-grants";
    /** {@code dir} → the SAML connector the directory's integration is bound to, as commands last named it. */
    public static final String DIRECTORY_CONNECTORS = "directory-connectors";

    /** Every store of the writer. */
    public static java.util.List<String> all() {
        return java.util.List.of(USERS, USER_NAMES, GROUPS, GROUP_LISTS, MEMBERS, USER_GROUPS, PROGRESS, ACCESS_LISTS,
                RECENT_REQUESTS, RECENT_REQUEST_EXPIRY, COUNTS, USER_EXTERNAL_IDS, GROUP_NAMES, GROUP_JOBS, RECENT_CHANGES,
                EFFECTIVE_GRANTS, DIRECTORY_CONNECTORS);
    }

    /** The key under which {@link #COUNTS} keeps a directory's number of users or groups. */
    public static String countKey(String dir, String what) {
        return key(dir, what);
    }

    /** The externalId of a stored user, or null. */
    public static String externalId(dev.accesslists.scim.schemas.directory.StoredUser user) {
        com.fasterxml.jackson.databind.JsonNode value = user.attributes().get("externalId");
        return value == null || value.isNull() ? null : value.asText();
    }

    /** How {@link #GROUP_NAMES} folds a displayName: SCIM compares it ignoring case. */
    public static String foldName(String displayName) {
        return displayName.toLowerCase(java.util.Locale.ROOT);
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
