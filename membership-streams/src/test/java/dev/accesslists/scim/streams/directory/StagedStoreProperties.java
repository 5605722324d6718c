package dev.accesslists.scim.streams.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A staged store behaves like the store it wraps with the staged writes applied: reads and
 * scans (in RocksDB's byte order) see them, commit writes them, discard forgets them.
 */
class StagedStoreProperties {

    record Op(boolean delete, String key, String value) {
    }

    @Property(tries = 300)
    void shouldReadAndScanAsIfTheStagedWritesWereApplied(@ForAll("ops") List<Op> before,
                                                         @ForAll("ops") List<Op> staged,
                                                         @ForAll("prefixes") String prefix) {
        KeyValueStore<String, String> store = store();
        Map<String, String> model = new TreeMap<>(StagedStore.KEY_ORDER);
        apply(before, store, model);
        StagedStore<String> stagedStore = new StagedStore<>(store);
        Map<String, String> committed = new TreeMap<>(StagedStore.KEY_ORDER);
        committed.putAll(model);
        stage(staged, stagedStore, model);

        for (Op op : staged) {
            assertThat(stagedStore.get(op.key())).isEqualTo(model.get(op.key()));
        }
        assertThat(scan(stagedStore, prefix)).containsExactlyElementsOf(expected(model, prefix));
        assertThat(scan(stagedStore, null)).containsExactlyElementsOf(expected(model, null));

        stagedStore.discard();
        assertThat(scan(stagedStore, null)).containsExactlyElementsOf(expected(committed, null));
    }

    @Property(tries = 200)
    void shouldWriteExactlyTheStagedChangesOnCommit(@ForAll("ops") List<Op> before, @ForAll("ops") List<Op> staged) {
        KeyValueStore<String, String> store = store();
        Map<String, String> model = new TreeMap<>(StagedStore.KEY_ORDER);
        apply(before, store, model);
        StagedStore<String> stagedStore = new StagedStore<>(store);
        stage(staged, stagedStore, model);
        stagedStore.commit();

        List<String> stored = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> stored.add(kv.key + "=" + kv.value));
        }
        assertThat(stored).containsExactlyElementsOf(expected(model, null));
    }

    /** A savepoint undoes exactly what was staged after it, and keeps what was staged before. */
    @Property(tries = 200)
    void shouldRollBackToTheSavepointOrKeepEverythingOnRelease(@ForAll("ops") List<Op> before,
                                                              @ForAll("ops") List<Op> first,
                                                              @ForAll("ops") List<Op> second,
                                                              @ForAll boolean rollBack) {
        KeyValueStore<String, String> store = store();
        Map<String, String> model = new TreeMap<>(StagedStore.KEY_ORDER);
        apply(before, store, model);
        StagedStore<String> stagedStore = new StagedStore<>(store);
        stage(first, stagedStore, model);
        Map<String, String> atSavepoint = new TreeMap<>(StagedStore.KEY_ORDER);
        atSavepoint.putAll(model);
        stagedStore.savepoint();
        stage(second, stagedStore, model);
        if (rollBack) {
            stagedStore.rollbackToSavepoint();
        } else {
            stagedStore.releaseSavepoint();
        }
        Map<String, String> expected = rollBack ? atSavepoint : model;
        assertThat(scan(stagedStore, null)).containsExactlyElementsOf(expected(expected, null));
        stagedStore.commit();
        List<String> stored = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> stored.add(kv.key + "=" + kv.value));
        }
        assertThat(stored).containsExactlyElementsOf(expected(expected, null));
    }

    private static void stage(List<Op> ops, StagedStore<String> stagedStore, Map<String, String> model) {
        for (Op op : ops) {
            if (op.delete()) {
                stagedStore.delete(op.key());
                model.remove(op.key());
            } else {
                stagedStore.put(op.key(), op.value());
                model.put(op.key(), op.value());
            }
        }
    }

    @Property(tries = 50)
    void shouldStopTheScanWhenTheVisitorSaysSo(@ForAll("ops") List<Op> before) {
        KeyValueStore<String, String> store = store();
        Map<String, String> model = new TreeMap<>(StagedStore.KEY_ORDER);
        apply(before, store, model);
        List<String> seen = new ArrayList<>();
        new StagedStore<>(store).scan(null, (k, v) -> seen.add(k) && seen.size() < 2);
        assertThat(seen).hasSize(Math.min(2, model.size()));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        // keys share prefixes and cross the UTF-16 / UTF-8 ordering difference (U+FFFD vs U+1F600)
        Arbitrary<String> keys = Arbitraries.of("d/", "d/a", "d/a/1", "d/a/2", "d/b", "d/b/1", "e/a", "d/\uFFFD",
                "d/\uD83D\uDE00", "d/a/\uFFFD", "d/a/\uD83D\uDE00", "dd/a");
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(true, false, false), keys,
                Arbitraries.strings().alpha().ofLength(3)).as(Op::new);
        return op.list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("d/", "d/a/", "d/b/", "e/", "x/", "d/\uD83D\uDE00");
    }

    private static void apply(List<Op> ops, KeyValueStore<String, String> store, Map<String, String> model) {
        for (Op op : ops) {
            if (op.delete()) {
                store.delete(op.key());
                model.remove(op.key());
            } else {
                store.put(op.key(), op.value());
                model.put(op.key(), op.value());
            }
        }
    }

    private static List<String> scan(StagedStore<String> store, String prefix) {
        List<String> seen = new ArrayList<>();
        store.scan(prefix, (k, v) -> seen.add(k + "=" + v));
        return seen;
    }

    private static List<String> expected(Map<String, String> model, String prefix) {
        return model.entrySet().stream().filter(e -> prefix == null || e.getKey().startsWith(prefix))
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static KeyValueStore<String, String> store() {
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
