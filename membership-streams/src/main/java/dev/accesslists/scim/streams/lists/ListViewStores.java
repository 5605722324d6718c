package dev.accesslists.scim.streams.lists;

import java.util.List;

/**
 * The stores of the view keyed by Access List title, fed by the membership changes the writer
 * emits (keyed by title on the membership topic, so a title's state lives in one task). A key
 * starts with the title and a NUL character, which titles never contain, so a prefix scan selects
 * exactly one list.
 */
public final class ListViewStores {
    /** {@code title NUL dir/userId} → {@link ListMember}: the list's current members, across integrations. */
    public static final String MEMBERS = "list-members";
    /** {@code title NUL dir/userId/seq} → {@link ListHistoryEntry}: each member's changes, the last {@link #HISTORY_KEPT}. */
    public static final String HISTORY = "list-history";
    /** {@code title} → {@link ListCounts}. */
    public static final String COUNTS = "list-counts";
    /** Changes kept per member and list; older ones stay on the event topics. */
    public static final int HISTORY_KEPT = 100;

    private ListViewStores() {
    }

    public static List<String> all() {
        return List.of(MEMBERS, HISTORY, COUNTS);
    }

    /** The prefix of every key of one title. */
    public static String prefix(String title) {
        return title + '\u0000';
    }

    /** The key of one member of one list. */
    public static String memberKey(String title, String directoryId, String userId) {
        return prefix(title) + directoryId + '/' + userId;
    }

    /** The key of one entry of a member's history; sequence numbers sort as fixed-width hex. */
    public static String historyKey(String title, String directoryId, String userId, long seq) {
        return memberKey(title, directoryId, userId) + '/' + String.format("%016x", seq);
    }
}
