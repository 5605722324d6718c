package dev.accesslists.scim.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.directory.GroupView;
import dev.accesslists.scim.schemas.directory.ResultPage;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.schemas.scim.FilterParser;
import dev.accesslists.scim.streams.MembershipTopology;
import dev.accesslists.scim.streams.directory.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Lists do not cost the size of the directory: the total is the writer's count, sequential pages
 * read only their own entries, and the lookups IdPs make use indexes. Each answer must equal what
 * a scan of the directory gives. Costs are counted in store entries read, not timed.
 */
class IndexedQueriesTest {
    private static final String DIR = "dir-1";

    /** A writer fed through a test driver, and reads on its stores that count the entries they iterate. */
    private static final class Directory implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, CommandEnvelope> commands;
        final AtomicLong entriesRead = new AtomicLong();
        final DirectoryQueries queries;
        int sequence;

        Directory() {
            Properties props = dev.accesslists.scim.streams.TestDrivers.settings("indexed-queries");
            driver = new TopologyTestDriver(MembershipTopology.build(), props);
            commands = driver.createInputTopic(Topics.COMMANDS.name(), Serdes.String().serializer(),
                    Topics.COMMANDS.valueSerde().serializer());
            for (String title : List.of("Admins", "admins", "Readers")) {
                AccessList list = new AccessList(AccessList.KIND, AccessList.VERSION,
                        new AccessList.Metadata("list-" + title, null, null),
                        new AccessList.Spec(title, null, AccessList.TYPE_SCIM, AccessList.Grants.none(), null, null,
                                null, null));
                send(CommandEnvelope.ALL_DIRECTORIES, new Command.ApplyAccessList(list));
            }
            queries = new DirectoryQueries(() -> null, Duration.ZERO,
                    name -> counting(driver.getKeyValueStore(name), entriesRead));
        }

        int send(Command command) {
            return send(DIR, command);
        }

        private int send(String key, Command command) {
            commands.pipeInput(key, new CommandEnvelope("r-" + sequence, key, "integration-1",
                    Instant.parse("2026-01-01T00:00:00Z").plusMillis(sequence++), command));
            return sequence;
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    @Property(tries = 40)
    void shouldAnswerFromIndexesExactlyWhatAScanAnswers(@ForAll("histories") List<Command> history) {
        try (Directory directory = new Directory()) {
            history.forEach(directory::send);
            for (String term : List.of("userName eq \"alice\"", "userName eq \"ALICE\"", "externalId eq \"e1\"",
                    "externalId eq \"E1\"", "externalId eq \"e2\" and active eq true")) {
                // "t or t" means t, but no index answers an "or": the scan is the oracle
                assertThat(answer(directory.queries.users(DIR, FilterParser.parse(term), 1, 100)))
                        .as(term).isEqualTo(answer(directory.queries.users(DIR,
                                FilterParser.parse("(" + term + ") or (" + term + ")"), 1, 100)));
            }
            for (String term : List.of("displayName eq \"admins\"", "displayName eq \"Readers\"",
                    "members[value eq \"u1\"]", "members.value eq \"u2\"",
                    "displayName eq \"ADMINS\" and members[value eq \"u0\"]")) {
                assertThat(groupIds(directory.queries.groups(DIR, FilterParser.parse(term), 1, 100, false)))
                        .as(term).isEqualTo(groupIds(directory.queries.groups(DIR,
                                FilterParser.parse("(" + term + ") or (" + term + ")"), 1, 100, false)));
            }
            // unfiltered: the counted total and the pages equal a scan's
            assertThat(answer(directory.queries.users(DIR, null, 1, 100)))
                    .isEqualTo(answer(directory.queries.users(DIR, FilterParser.parse("id pr"), 1, 100)));
            assertThat(groupIds(directory.queries.groups(DIR, null, 1, 100, false)))
                    .isEqualTo(groupIds(directory.queries.groups(DIR, FilterParser.parse("id pr"), 1, 100, false)));
        }
    }

    @Test
    void shouldCountTheTotalAndReadOnlyThePageWhenPagesFollowEachOther() {
        try (Directory directory = new Directory()) {
            for (int i = 0; i < 1000; i++) {
                directory.send(new Command.CreateUser(String.format("u%04d", i), user("user" + i, null)));
            }
            directory.entriesRead.set(0);
            ResultPage<StoredUser> first = directory.queries.users(DIR, null, 1, 50);
            assertThat(first.totalResults()).isEqualTo(1000);
            assertThat(directory.entriesRead.get()).as("entries read for the first page").isLessThanOrEqualTo(51);

            List<String> walked = new ArrayList<>(ids(first));
            for (int start = 51; start <= 1000; start += 50) {
                directory.entriesRead.set(0);
                ResultPage<StoredUser> page = directory.queries.users(DIR, null, start, 50);
                assertThat(directory.entriesRead.get()).as("entries read for page at %d", start)
                        .isLessThanOrEqualTo(51);
                assertThat(page.totalResults()).isEqualTo(1000);
                walked.addAll(ids(page));
            }
            assertThat(walked).hasSize(1000).isSorted().doesNotHaveDuplicates();

            // a page nobody walked to is found by skipping, and still right
            DirectoryQueries fresh = new DirectoryQueries(() -> null, Duration.ZERO,
                    name -> directory.driver.getKeyValueStore(name));
            assertThat(ids(fresh.users(DIR, null, 951, 50))).isEqualTo(walked.subList(950, 1000));

            // a filtered lookup by an index reads only what it finds
            directory.entriesRead.set(0);
            assertThat(ids(directory.queries.users(DIR, FilterParser.parse("userName eq \"USER7\""), 1, 10)))
                    .containsExactly("u0007");
            assertThat(directory.entriesRead.get()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void shouldIndexADirectoryThatAnOlderVersionWroteOnItsNextCommand() {
        try (Directory directory = new Directory()) {
            directory.send(new Command.CreateUser("u1", user("alice", "e1")));
            directory.send(new Command.CreateUser("u2", user("bob", "e2")));
            directory.send(new Command.CreateGroup("g1", "Admins", null, List.of("u1")));
            // what an older version left: no counts, no externalId or displayName index
            for (String store : List.of(StoreNames.COUNTS, StoreNames.USER_EXTERNAL_IDS, StoreNames.GROUP_NAMES)) {
                KeyValueStore<String, Object> kv = directory.driver.getKeyValueStore(store);
                List<String> keys = new ArrayList<>();
                try (KeyValueIterator<String, Object> it = kv.all()) {
                    it.forEachRemaining(e -> keys.add(e.key));
                }
                keys.forEach(kv::delete);
            }
            // reads still answer right, by scanning
            assertThat(directory.queries.users(DIR, null, 1, 10).totalResults()).isEqualTo(2);
            assertThat(ids(directory.queries.users(DIR, FilterParser.parse("externalId eq \"e2\""), 1, 10)))
                    .containsExactly("u2");

            directory.send(new Command.CreateUser("u3", user("carol", "e2")));

            directory.entriesRead.set(0);
            assertThat(directory.queries.users(DIR, null, 1, 0).totalResults()).isEqualTo(3);
            assertThat(ids(directory.queries.users(DIR, FilterParser.parse("externalId eq \"e2\""), 1, 10)))
                    .containsExactly("u2", "u3");
            assertThat(groupIds(directory.queries.groups(DIR, FilterParser.parse("displayName eq \"admins\""), 1, 10,
                    false))).containsExactly("total=1", "g1");
            assertThat(directory.entriesRead.get()).as("answered from the rebuilt indexes").isLessThanOrEqualTo(3);
        }
    }

    @Provide
    Arbitrary<List<Command>> histories() {
        Arbitrary<String> userId = Arbitraries.of("u0", "u1", "u2", "u3");
        Arbitrary<String> userName = Arbitraries.of("alice", "Alice", "bob", "carol");
        Arbitrary<String> externalId = Arbitraries.of("e1", "E1", "e2").injectNull(0.3);
        Arbitrary<String> groupId = Arbitraries.of("g0", "g1", "g2");
        Arbitrary<String> title = Arbitraries.of("Admins", "admins", "Readers");
        Arbitrary<List<String>> members = userId.list().ofMaxSize(3);
        Arbitrary<Command> command = Arbitraries.oneOf(
                Combinators.combine(userId, userName, externalId).as((id, n, e) -> new Command.CreateUser(id, user(n, e))),
                Combinators.combine(userId, userName, externalId).as((id, n, e) -> new Command.ReplaceUser(id, user(n, e))),
                userId.map(Command.DeleteUser::new),
                Combinators.combine(groupId, title, members).as((id, t, m) -> new Command.CreateGroup(id, t, null, m)),
                Combinators.combine(groupId, title).as((id, t) -> new Command.PatchGroup(id,
                        List.of(new GroupEdit.SetDisplayName(t)))),
                Combinators.combine(groupId, members).as((id, m) -> new Command.PatchGroup(id,
                        List.of(new GroupEdit.ReplaceMembers(m)))),
                groupId.map(Command.DeleteGroup::new));
        return command.list().ofMinSize(3).ofMaxSize(30);
    }

    private static ObjectNode user(String userName, String externalId) {
        ObjectNode user = Json.mapper().createObjectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        user.put("userName", userName);
        user.put("active", true);
        if (externalId != null) {
            user.put("externalId", externalId);
        }
        return user;
    }

    private static List<String> ids(ResultPage<StoredUser> page) {
        return page.resources().stream().map(StoredUser::id).toList();
    }

    /** The total and the ids of a page of users. */
    private static List<String> answer(ResultPage<StoredUser> page) {
        List<String> answer = new ArrayList<>();
        answer.add("total=" + page.totalResults());
        answer.addAll(ids(page));
        return answer;
    }

    private static List<String> groupIds(ResultPage<GroupView> page) {
        List<String> ids = new ArrayList<>();
        ids.add("total=" + page.totalResults());
        page.resources().forEach(g -> ids.add(g.group().id()));
        return ids;
    }

    /** A read-only view of a store that counts every entry its iterators hand out, and every get. */
    private static <V> ReadOnlyKeyValueStore<String, V> counting(KeyValueStore<String, V> store, AtomicLong reads) {
        return new ReadOnlyKeyValueStore<>() {
            @Override
            public V get(String key) {
                return store.get(key);
            }

            @Override
            public KeyValueIterator<String, V> range(String from, String to) {
                return counted(store.range(from, to));
            }

            @Override
            public KeyValueIterator<String, V> all() {
                return counted(store.all());
            }

            @Override
            public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<String, V>
                    prefixScan(P prefix, PS serializer) {
                return counted(store.prefixScan(prefix, serializer));
            }

            @Override
            public long approximateNumEntries() {
                return store.approximateNumEntries();
            }

            private KeyValueIterator<String, V> counted(KeyValueIterator<String, V> it) {
                return new KeyValueIterator<>() {
                    @Override
                    public void close() {
                        it.close();
                    }

                    @Override
                    public String peekNextKey() {
                        return it.peekNextKey();
                    }

                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public KeyValue<String, V> next() {
                        reads.incrementAndGet();
                        return it.next();
                    }
                };
            }
        };
    }
}
