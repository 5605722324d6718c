package dev.accesslists.scim.streams.directory;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A state store seen through the writes of the command being processed: reads see them, the
 * store does not until {@link #commit()}. A command that fails half-way (a rejected request, or a
 * defect) is {@link #discard() discarded} and leaves no trace, so every command is all or nothing.
 */
final class StagedStore<V> {
    /**
     * RocksDB orders keys by their UTF-8 bytes, which is the order of Unicode code points (not of
     * UTF-16 units, which {@link String#compareTo} uses); merged scans must agree with it.
     */
    static final Comparator<String> KEY_ORDER = dev.accesslists.scim.schemas.directory.SortSpec::compareCodePoints;
    private static final Object DELETED = new Object();
    private static final StringSerializer KEYS = new StringSerializer();

    private static final Object ABSENT = new Object();

    private final KeyValueStore<String, V> store;
    private final TreeMap<String, Object> staged = new TreeMap<>(KEY_ORDER);
    /** While a savepoint is set: what each key staged since held before (ABSENT: nothing staged). */
    private Map<String, Object> undo;

    StagedStore(KeyValueStore<String, V> store) {
        this.store = store;
    }

    @SuppressWarnings("unchecked")
    V get(String key) {
        Object value = staged.get(key);
        if (value == DELETED) {
            return null;
        }
        return value != null ? (V) value : store.get(key);
    }

    void put(String key, V value) {
        remember(key);
        staged.put(key, value == null ? DELETED : value);
    }

    void delete(String key) {
        remember(key);
        staged.put(key, DELETED);
    }

    private void remember(String key) {
        if (undo != null && !undo.containsKey(key)) {
            undo.put(key, staged.containsKey(key) ? staged.get(key) : ABSENT);
        }
    }

    /**
     * Marks what is staged now, so that a part of the command (one operation of a Bulk) can be
     * undone on its own: {@link #rollbackToSavepoint()} restores the mark, {@link #releaseSavepoint()}
     * keeps what was staged since. Costs one entry per key written after the mark.
     */
    void savepoint() {
        undo = new java.util.HashMap<>();
    }

    /** Stages again exactly what was staged at the savepoint, and releases it. */
    void rollbackToSavepoint() {
        if (undo == null) {
            throw new IllegalStateException("no savepoint");
        }
        for (Map.Entry<String, Object> entry : undo.entrySet()) {
            if (entry.getValue() == ABSENT) {
                staged.remove(entry.getKey());
            } else {
                staged.put(entry.getKey(), entry.getValue());
            }
        }
        undo = null;
    }

    /** Keeps what was staged since the savepoint, as part of the command. */
    void releaseSavepoint() {
        undo = null;
    }

    /**
     * Visits the entries whose key starts with {@code prefix} (every entry when null), in key
     * order, until {@code visitor} answers false. Closes the store iterator.
     */
    void scan(String prefix, BiPredicate<String, V> visitor) {
        scanAfter(prefix, null, visitor);
    }

    /**
     * Like {@link #scan}, starting after the key {@code after} (from the prefix's first entry when
     * null), so that a long scan can continue where an earlier one stopped.
     */
    @SuppressWarnings("unchecked")
    void scanAfter(String prefix, String after, BiPredicate<String, V> visitor) {
        if (after != null && (prefix == null || !after.startsWith(prefix) || !prefix.endsWith("/"))) {
            throw new IllegalArgumentException("a scan continues after a key of its own prefix, which ends with /");
        }
        Iterator<Map.Entry<String, Object>> pending = (after != null ? staged.tailMap(after, false)
                : prefix == null ? staged : staged.tailMap(prefix, true)).entrySet().iterator();
        Map.Entry<String, Object> next = nextStaged(pending, prefix);
        // every key under "a/b/" sorts before "a/b0" ('0' follows '/')
        try (KeyValueIterator<String, V> it = after != null
                ? store.range(after + "\u0000", prefix.substring(0, prefix.length() - 1) + "0")
                : prefix == null ? store.all() : store.prefixScan(prefix, KEYS)) {
            KeyValue<String, V> stored = it.hasNext() ? it.next() : null;
            while (stored != null || next != null) {
                int order = stored == null ? 1 : next == null ? -1 : KEY_ORDER.compare(stored.key, next.getKey());
                String key;
                Object value;
                if (order < 0) {
                    key = stored.key;
                    value = stored.value;
                    stored = it.hasNext() ? it.next() : null;
                } else {
                    key = next.getKey();
                    value = next.getValue();
                    if (order == 0) {
                        stored = it.hasNext() ? it.next() : null;
                    }
                    next = nextStaged(pending, prefix);
                }
                if (value != null && value != DELETED && !visitor.test(key, (V) value)) {
                    return;
                }
            }
        }
    }

    private static Map.Entry<String, Object> nextStaged(Iterator<Map.Entry<String, Object>> it, String prefix) {
        if (!it.hasNext()) {
            return null;
        }
        Map.Entry<String, Object> entry = it.next();
        return prefix == null || entry.getKey().startsWith(prefix) ? entry : null;
    }

    /** Writes what was staged to the store. */
    @SuppressWarnings("unchecked")
    void commit() {
        for (Map.Entry<String, Object> entry : staged.entrySet()) {
            if (entry.getValue() == DELETED) {
                store.delete(entry.getKey());
            } else {
                store.put(entry.getKey(), (V) entry.getValue());
            }
        }
        staged.clear();
        undo = null;
    }

    /** Forgets what was staged. */
    void discard() {
        staged.clear();
        undo = null;
    }
}
