package dev.accesslists.scim.streams.lists;

import dev.accesslists.scim.streams.query.DirectoryQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of the view keyed by Access List title: a list's counts, a page of its members (a range
 * scan of that title only) and a member's history. Answered by the instance owning the title.
 */
public final class ListQueries {
    private static final StringSerializer KEYS = new StringSerializer();

    private final Supplier<KafkaStreams> streams;

    public ListQueries(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    /** A page of a list's members. */
    public record MemberPage(String title, ListCounts counts, List<ListMember> members, String next) {
    }

    public ListCounts counts(String title) {
        ListCounts counts = this.<ListCounts>store(ListViewStores.COUNTS).get(title);
        return counts == null ? ListCounts.NONE : counts;
    }

    /**
     * Up to {@code limit} members after {@code after} ({@code dir/userId}, or from the first when
     * null), in (integration, user id) order; with {@code search}, only those whose userName or id
     * contains it, ignoring case (this scans the list's members, not the directory).
     */
    public MemberPage members(String title, String after, int limit, String search) {
        String prefix = ListViewStores.prefix(title);
        String needle = search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
        List<ListMember> page = new ArrayList<>();
        String next = null;
        ReadOnlyKeyValueStore<String, ListMember> members = store(ListViewStores.MEMBERS);
        try (KeyValueIterator<String, ListMember> it = after == null || after.isBlank()
                ? members.prefixScan(prefix, KEYS)
                : members.range(prefix + after + "\u0000", title + "\u0001")) {
            while (it.hasNext()) {
                var kv = it.next();
                if (needle != null && !matches(kv.value, needle)) {
                    continue;
                }
                if (page.size() == limit) {
                    next = page.get(page.size() - 1).directoryId() + "/" + page.get(page.size() - 1).userId();
                    break;
                }
                page.add(kv.value);
            }
        }
        return new MemberPage(title, counts(title), page, next);
    }

    /** A member's changes in this list, newest first (the last {@link ListViewStores#HISTORY_KEPT}). */
    public List<ListHistoryEntry> history(String title, String directoryId, String userId) {
        String member = ListViewStores.memberKey(title, directoryId, userId) + "/";
        List<ListHistoryEntry> entries = new ArrayList<>();
        try (KeyValueIterator<String, ListHistoryEntry> it = this.<ListHistoryEntry>store(ListViewStores.HISTORY)
                .reverseRange(member, member + "~")) {
            it.forEachRemaining(kv -> entries.add(kv.value));
        }
        return entries;
    }

    private static boolean matches(ListMember member, String needle) {
        return (member.userName() != null && member.userName().toLowerCase(Locale.ROOT).contains(needle))
                || member.userId().toLowerCase(Locale.ROOT).contains(needle);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        KafkaStreams instance = streams.get();
        if (instance == null) {
            throw new DirectoryQueries.NotReadyException("streams not started");
        }
        try {
            return instance.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            throw new DirectoryQueries.NotReadyException("store " + name + " is not queryable now: " + e.getMessage());
        }
    }
}
