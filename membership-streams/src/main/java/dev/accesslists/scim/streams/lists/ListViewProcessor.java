package dev.accesslists.scim.streams.lists;

import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.MembershipChange;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the membership changes of one title into its current members, their counts and each
 * member's history: one key lookup and a few writes per change, whatever the list's size. Reads
 * the changes the writer committed ({@code read_committed} under exactly-once), in topic order,
 * so the view is a deterministic function of the membership topic.
 */
public final class ListViewProcessor implements Processor<byte[], byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(ListViewProcessor.class);

    private KeyValueStore<String, ListMember> members;
    private KeyValueStore<String, ListHistoryEntry> history;
    private KeyValueStore<String, ListCounts> counts;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        members = context.getStateStore(ListViewStores.MEMBERS);
        history = context.getStateStore(ListViewStores.HISTORY);
        counts = context.getStateStore(ListViewStores.COUNTS);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        MembershipChange change;
        try {
            change = record.value() == null ? null
                    : Topics.MEMBERSHIP.valueSerde().deserializer().deserialize(Topics.MEMBERSHIP.name(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("skipping a membership record that cannot be read ({})", e.getClass().getSimpleName());
            return;
        }
        if (change == null || change.accessList().title() == null) {
            return;
        }
        apply(change);
    }

    void apply(MembershipChange change) {
        String title = change.accessList().title();
        Cause cause = change.cause();
        String dir = cause.directoryId() == null ? "" : cause.directoryId();
        Instant at = cause.timestamp();
        String key = ListViewStores.memberKey(title, dir, change.userId());
        ListMember current = members.get(key);
        ListCounts stored = counts.get(title);
        ListCounts before = stored == null ? ListCounts.NONE : stored;
        long memberDelta = 0;
        long activeDelta = 0;
        switch (change.change()) {
            case ADDED -> {
                if (current == null) {
                    memberDelta = 1;
                    activeDelta = 1;
                } else if (!current.active()) {
                    activeDelta = 1;
                }
                members.put(key, new ListMember(dir, change.userId(), change.userName(), change.groupId(), true,
                        current == null ? at : current.since(), at, cause));
            }
            case SUSPENDED, RESTORED -> {
                boolean active = change.change() == MembershipChange.ChangeKind.RESTORED;
                if (current == null) {
                    memberDelta = 1;
                    activeDelta = active ? 1 : 0;
                } else if (current.active() != active) {
                    activeDelta = active ? 1 : -1;
                }
                members.put(key, new ListMember(dir, change.userId(), name(change, current), groupId(change, current),
                        active, current == null ? at : current.since(), at, cause));
            }
            case UPDATED -> {
                if (current != null) {
                    members.put(key, new ListMember(dir, change.userId(), name(change, current),
                            groupId(change, current), current.active(), current.since(), at, cause));
                }
            }
            case REMOVED -> {
                if (current != null) {
                    memberDelta = -1;
                    activeDelta = current.active() ? -1 : 0;
                    members.delete(key);
                }
            }
        }
        if (memberDelta != 0 || activeDelta != 0) {
            counts.put(title, before.plus(memberDelta, activeDelta));
        }
        appendHistory(title, dir, change, at);
    }

    private void appendHistory(String title, String dir, MembershipChange change, Instant at) {
        String memberKey = ListViewStores.memberKey(title, dir, change.userId());
        long last = 0;
        try (KeyValueIterator<String, ListHistoryEntry> it = history.reverseRange(memberKey + "/",
                memberKey + "/~")) {
            if (it.hasNext()) {
                last = it.next().value.seq();
            }
        }
        long seq = last + 1;
        history.put(ListViewStores.historyKey(title, dir, change.userId(), seq), new ListHistoryEntry(seq,
                change.change(), change.userName(), change.previousUserName(), change.groupId(), at, change.cause()));
        if (seq > ListViewStores.HISTORY_KEPT) {
            history.delete(ListViewStores.historyKey(title, dir, change.userId(), seq - ListViewStores.HISTORY_KEPT));
        }
    }

    private static String name(MembershipChange change, ListMember current) {
        return change.userName() != null || current == null ? change.userName() : current.userName();
    }

    private static String groupId(MembershipChange change, ListMember current) {
        return change.groupId() != null || current == null ? change.groupId() : current.groupId();
    }
}
