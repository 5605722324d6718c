package dev.accesslists.scim.streams.query;

import dev.accesslists.scim.schemas.directory.SortSpec;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.streams.directory.StoreNames;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/** The orders of RFC 7644 §3.4.2.3 sorting ({@link SortSpec}), in memory and along the name indexes. */
final class Ordering {
    private Ordering() {
    }

    /** A resource's sort value (a String or an Instant; null when it has none) and its id. */
    record Keyed(Object value, String id) {
    }

    /** Ascending: by value, without a value last, ties by id; descending is the exact reverse. */
    static Comparator<Keyed> comparator(SortSpec sort) {
        Comparator<Keyed> ascending = (a, b) -> {
            int byValue = compareValues(a.value(), b.value());
            return byValue != 0 ? byValue : SortSpec.compareCodePoints(a.id(), b.id());
        };
        return sort.descending() ? ascending.reversed() : ascending;
    }

    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        return SortSpec.compareCodePoints(a.toString(), b.toString());
    }

    static Keyed key(StoredUser user, SortSpec sort) {
        Object value = switch (sort.attribute()) {
            case SortSpec.USER_NAME -> fold(user.userName());
            case SortSpec.DISPLAY_NAME -> fold(text(user.attributes().get("displayName")));
            case SortSpec.EXTERNAL_ID -> StoreNames.externalId(user);
            case SortSpec.CREATED -> user.created();
            default -> user.lastModified();
        };
        return new Keyed(value, user.id());
    }

    static Keyed key(StoredGroup group, SortSpec sort) {
        Object value = switch (sort.attribute()) {
            case SortSpec.DISPLAY_NAME -> StoreNames.foldName(group.displayName());
            case SortSpec.EXTERNAL_ID -> group.externalId();
            case SortSpec.CREATED -> group.created();
            case SortSpec.LAST_MODIFIED -> group.lastModified();
            default -> null;
        };
        return new Keyed(value, group.id());
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static String fold(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /**
     * The entries of {@link StoreNames#GROUP_NAMES} ({@code dir/name/groupId}) of one directory in
     * the order of their names, then ids, from the entries in key order (ascending, or descending
     * from a reverse iterator). The two differ only where a name extends another with a character
     * below {@code /} (a space, most punctuation): the key {@code dir/sales team/...} comes before
     * {@code dir/sales/...}, the name {@code sales} before {@code sales team}. Those entries are
     * held back until no shorter name can follow; everything else passes through at once, so the
     * walk holds a handful of entries whatever the directory's size.
     */
    static final class NameOrder implements KeyValueIterator<String, String> {
        private record Entry(String key, String name, String id, String groupId) {
        }

        private final KeyValueIterator<String, String> keys;
        private final String prefix;
        private final boolean descending;
        private final TreeSet<Entry> held;
        private String current;

        NameOrder(KeyValueIterator<String, String> keys, String directoryId, boolean descending) {
            this.keys = keys;
            this.prefix = StoreNames.prefix(directoryId);
            this.descending = descending;
            Comparator<Entry> byName = (a, b) -> {
                int c = SortSpec.compareCodePoints(a.name(), b.name());
                return c != 0 ? c : SortSpec.compareCodePoints(a.id(), b.id());
            };
            this.held = new TreeSet<>(descending ? byName.reversed() : byName);
        }

        @Override
        public boolean hasNext() {
            fill();
            return !held.isEmpty();
        }

        @Override
        public KeyValue<String, String> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Entry next = held.pollFirst();
            return KeyValue.pair(next.key(), next.groupId());
        }

        @Override
        public String peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return held.first().key();
        }

        @Override
        public void close() {
            keys.close();
        }

        private void fill() {
            while ((held.isEmpty() || !safe(held.first())) && keys.hasNext()) {
                KeyValue<String, String> kv = keys.next();
                if (!kv.key.startsWith(prefix)) {
                    continue;
                }
                String rest = kv.key.substring(prefix.length());
                int slash = rest.lastIndexOf('/');
                if (slash < 0) {
                    continue;
                }
                held.add(new Entry(kv.key, rest.substring(0, slash), rest.substring(slash + 1), kv.value));
                current = kv.key;
            }
        }

        /** Whether no entry still to come can order before {@code first}. */
        private boolean safe(Entry first) {
            if (!keys.hasNext()) {
                return true;
            }
            if (descending) {
                // what may still come before it: longer names that extend it, whose keys lie just below its own
                return !current.startsWith(prefix + first.name());
            }
            // what may still come before it: a shorter name it extends with a character below '/'
            String name = first.name();
            for (int i = 0; i < name.length(); i++) {
                if (name.charAt(i) < '/') {
                    return SortSpec.compareCodePoints(current, prefix + name.substring(0, i) + "0") >= 0;
                }
            }
            return true;
        }
    }
}
