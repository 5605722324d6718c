package dev.accesslists.scim.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.directory.GroupView;
import dev.accesslists.scim.schemas.directory.ResultPage;
import dev.accesslists.scim.schemas.directory.SortSpec;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.schemas.directory.UserView;
import dev.accesslists.scim.schemas.scim.FilterParser;
import dev.accesslists.scim.schemas.scim.ScimException;
import dev.accesslists.scim.streams.MembershipTopology;
import dev.accesslists.scim.streams.TestDrivers;
import dev.accesslists.scim.streams.directory.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read attributes: a member's display, a user's groups (rendered and filtered on), and sorted
 * lists, each checked against what the test computes from the resources themselves.
 */
class ReadAttributesQueriesTest {
    private static final String DIR = "dir-1";
    private static final List<String> TITLES = List.of("Sales", "Sales Team", "sales-eu", "Sales2", "Admins",
            "Readers");

    private TopologyTestDriver driver;
    private TestInputTopic<String, CommandEnvelope> commands;
    private TestOutputTopic<String, Outcome> outcomes;
    private DirectoryQueries queries;
    private int sequence;

    @BeforeEach
    void start() {
        driver = new TopologyTestDriver(MembershipTopology.build(), TestDrivers.settings("read-attributes"));
        commands = driver.createInputTopic(Topics.COMMANDS.name(), Serdes.String().serializer(),
                Topics.COMMANDS.valueSerde().serializer());
        outcomes = driver.createOutputTopic(Topics.OUTCOMES.name(), Serdes.String().deserializer(),
                Topics.OUTCOMES.valueSerde().deserializer());
        for (String title : TITLES) {
            AccessList list = new AccessList(AccessList.KIND, AccessList.VERSION,
                    new AccessList.Metadata("list-" + title.replace(' ', '-'), null, null),
                    new AccessList.Spec(title, null, AccessList.TYPE_SCIM, AccessList.Grants.none(), null, null,
                            null, null));
            send(CommandEnvelope.ALL_DIRECTORIES, new Command.ApplyAccessList(list));
        }
        queries = new DirectoryQueries(() -> null, Duration.ZERO, name -> driver.getKeyValueStore(name));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private Outcome send(Command command) {
        send(DIR, command);
        List<Outcome> all = outcomes.readValuesToList();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private void send(String key, Command command) {
        commands.pipeInput(key, new CommandEnvelope("r-" + sequence, key, "integration-1",
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(sequence++), command));
    }

    @Test
    void shouldShowAMembersDisplayNameAndElseItsUserName() {
        send(new Command.CreateUser("u1", user("alice", "Alice Smith", null)));
        send(new Command.CreateUser("u2", user("bob", null, null)));
        Outcome created = send(new Command.CreateGroup("g1", "Admins", null, List.of("u1", "u2")));
        GroupView answered = Json.mapper().convertValue(created.resource(), GroupView.class);
        assertThat(displays(answered.members())).containsExactly("Alice Smith", "bob");

        assertThat(displays(queries.group(DIR, "g1", true).orElseThrow().members()))
                .containsExactly("Alice Smith", "bob");
        assertThat(displays(queries.members(DIR, "g1", null, 10).orElseThrow().members()))
                .containsExactly("Alice Smith", "bob");
        assertThat(displays(queries.groups(DIR, null, 1, 10, true).resources().get(0).members()))
                .containsExactly("Alice Smith", "bob");

        // a new displayName shows at once; a blank one falls back to the userName
        send(new Command.ReplaceUser("u2", user("bob", "Bob Jones", null)));
        send(new Command.ReplaceUser("u1", user("alice", " ", null)));
        assertThat(displays(queries.group(DIR, "g1", true).orElseThrow().members()))
                .containsExactly("alice", "Bob Jones");
        assertThat(queries.groups(DIR, FilterParser.parse("members.display eq \"bob jones\""), 1, 10, false)
                .totalResults()).isEqualTo(1);
    }

    @Test
    void shouldGiveAUserItsGroupsOnReadsAndWrites() {
        send(new Command.CreateUser("u1", user("alice", null, null)));
        send(new Command.CreateUser("u2", user("bob", null, null)));
        send(new Command.CreateGroup("g2", "Readers", null, List.of("u1")));
        send(new Command.CreateGroup("g1", "Admins", null, List.of("u1", "u2")));

        assertThat(queries.userView(DIR, "u1", true).orElseThrow().groups()).containsExactly(
                new UserView.Group("g1", "Admins"), new UserView.Group("g2", "Readers"));
        assertThat(queries.userView(DIR, "u1", false).orElseThrow().groups()).isEmpty();
        assertThat(queries.userViews(DIR, null, 1, 10, null, true).resources())
                .extracting(v -> v.user().id() + ":" + v.groups().size()).containsExactly("u1:2", "u2:1");

        // a write's answer carries the groups after it; a plain user reads as a view without groups
        Outcome patched = send(new Command.ReplaceUser("u2", user("bob", "Bob", null)));
        UserView answer = Json.mapper().convertValue(patched.resource(), UserView.class);
        assertThat(answer.groups()).containsExactly(new UserView.Group("g1", "Admins"));
        assertThat(answer.user().userName()).isEqualTo("bob");
        assertThat(Json.mapper().convertValue(patched.resource(), StoredUser.class).userName()).isEqualTo("bob");

        send(new Command.PatchGroup("g1", List.of(new GroupEdit.RemoveMembers(List.of("u2")))));
        assertThat(queries.userView(DIR, "u2", true).orElseThrow().groups()).isEmpty();
        assertThat(Json.mapper().valueToTree(queries.userView(DIR, "u2", true).orElseThrow()).has("groups")).isFalse();

        // a group renamed shows its new displayName
        send(new Command.PatchGroup("g2", List.of(new GroupEdit.SetDisplayName("Sales"))));
        assertThat(queries.userView(DIR, "u1", true).orElseThrow().groups()).containsExactly(
                new UserView.Group("g1", "Admins"), new UserView.Group("g2", "Sales"));
    }

    @Test
    void shouldFilterUsersOnTheirGroupsFromIndexesAsAScanDoes() {
        send(new Command.CreateUser("u1", user("alice", null, "e1")));
        send(new Command.CreateUser("u2", user("bob", null, "e2")));
        send(new Command.CreateUser("u3", user("carol", null, "e1")));
        send(new Command.CreateGroup("g1", "Admins", null, List.of("u1", "u2")));
        send(new Command.CreateGroup("g2", "Readers", null, List.of("u2", "u3")));

        assertThat(userIds("groups[value eq \"g1\"]")).containsExactly("u1", "u2");
        assertThat(userIds("groups.value eq \"g2\"")).containsExactly("u2", "u3");
        assertThat(userIds("groups.display eq \"readers\"")).containsExactly("u2", "u3");
        assertThat(userIds("groups[display eq \"Admins\"]")).containsExactly("u1", "u2");
        assertThat(userIds("groups.value eq \"g1\" and externalId eq \"e1\"")).containsExactly("u1");
        assertThat(userIds("userName sw \"b\" and groups.display eq \"Readers\"")).containsExactly("u2");
        assertThat(userIds("groups.value eq \"none\"")).isEmpty();
        // what no index answers is scanned, with each user's groups
        assertThat(userIds("groups.display eq \"Admins\" or groups.value eq \"g2\"")).containsExactly("u1", "u2", "u3");
        assertThat(userIds("not (groups pr)")).isEmpty();
        assertThat(userIds("groups.type eq \"direct\" and userName eq \"carol\"")).containsExactly("u3");
        for (String filter : List.of("groups[value eq \"g1\"]", "groups.display eq \"READERS\"",
                "groups.value eq \"g2\" and userName eq \"bob\"")) {
            // "t or t" means t, but no index answers an "or": the scan is the oracle
            assertThat(userIds(filter)).as(filter).isEqualTo(userIds("(" + filter + ") or (" + filter + ")"));
        }
    }

    @Test
    void shouldSortUsersByEachAttributeInBothOrdersAndPageAfterSorting() {
        List<String> names = List.of("mike", "Alice", "zoe", "bob", "Carol", "dave", "Eve");
        for (int i = 0; i < names.size(); i++) {
            String id = String.format("u%02d", (i * 5) % names.size());
            String displayName = i % 3 == 0 ? null : names.get((i + 2) % names.size()).toUpperCase(Locale.ROOT);
            String externalId = i % 4 == 0 ? null : (i % 2 == 0 ? "X" : "a") + i;
            send(new Command.CreateUser(id, user(names.get(i), displayName, externalId)));
        }
        // lastModified no longer follows creation
        send(new Command.ReplaceUser("u00", user("mike", "Zed", "a9")));
        send(new Command.ReplaceUser("u04", user("bob", null, null)));

        List<StoredUser> all = queries.users(DIR, null, 1, 100).resources();
        assertThat(all).hasSize(names.size());
        for (String attribute : SortSpec.ATTRIBUTES) {
            for (boolean descending : List.of(false, true)) {
                SortSpec sort = new SortSpec(attribute, descending);
                List<String> expected = expectedOrder(all, sort);
                assertThat(walk(start -> queries.users(DIR, null, start, 2, sort), StoredUser::id))
                        .as("%s", sort).isEqualTo(expected);
                assertThat(ids(queries.users(DIR, FilterParser.parse("id pr"), 1, 100, sort), StoredUser::id))
                        .as("scanned, %s", sort).isEqualTo(expected);
                assertThat(ids(queries.users(DIR, FilterParser.parse("userName ne \"zoe\""), 3, 100, sort),
                        StoredUser::id)).as("filtered, %s", sort)
                        .isEqualTo(expected.stream().filter(id -> !id.equals(idOf(all, "zoe"))).skip(2).toList());
            }
        }
        assertThat(queries.users(DIR, null, 3, 2, new SortSpec(SortSpec.USER_NAME, false)).totalResults())
                .isEqualTo(names.size());
        // no sortBy: the order stays the id order
        assertThat(ids(queries.users(DIR, null, 1, 100, null), StoredUser::id)).isSorted();
    }

    @Test
    void shouldSortGroupsByDisplayNameAlongTheIndexAsInMemory() {
        send(new Command.CreateUser("u1", user("alice", null, null)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TITLES.size(); i++) {
            String id = "g" + (TITLES.size() - i);
            ids.add(id);
            send(new Command.CreateGroup(id, TITLES.get(i), i % 2 == 0 ? "Ext" + i : null, List.of()));
        }
        send(new Command.PatchGroup("g6", List.of(new GroupEdit.AddMembers(List.of("u1")))));
        List<StoredGroup> all = queries.groups(DIR, null, 1, 100, false).resources().stream().map(GroupView::group)
                .toList();
        assertThat(all).hasSize(TITLES.size());
        assertThat(ids(queries.groups(DIR, null, 1, 100, false, new SortSpec(SortSpec.DISPLAY_NAME, false)),
                g -> g.group().displayName()))
                .containsExactly("Admins", "Readers", "Sales", "Sales Team", "sales-eu", "Sales2");
        for (String attribute : List.of(SortSpec.DISPLAY_NAME, SortSpec.EXTERNAL_ID, SortSpec.CREATED,
                SortSpec.LAST_MODIFIED)) {
            for (boolean descending : List.of(false, true)) {
                SortSpec sort = new SortSpec(attribute, descending);
                List<String> expected = all.stream().sorted(expectedOrder(attribute, descending))
                        .map(StoredGroup::id).toList();
                assertThat(walk(start -> queries.groups(DIR, null, start, 2, false, sort), g -> g.group().id()))
                        .as("%s", sort).isEqualTo(expected);
                assertThat(ids(queries.groups(DIR, FilterParser.parse("displayName sw \"s\""), 1, 100, false, sort),
                        g -> g.group().id())).as("filtered, %s", sort).isEqualTo(expected.stream()
                        .filter(id -> all.stream().anyMatch(g -> g.id().equals(id)
                                && g.displayName().toLowerCase(Locale.ROOT).startsWith("s"))).toList());
            }
        }
    }

    @Test
    void shouldRefuseWhatCannotBeSortedBy() {
        assertThat(SortSpec.parse("User", "urn:ietf:params:scim:schemas:core:2.0:User:USERNAME", null))
                .isEqualTo(new SortSpec(SortSpec.USER_NAME, false));
        assertThat(SortSpec.parse("Group", "Meta.LastModified", "Descending"))
                .isEqualTo(new SortSpec(SortSpec.LAST_MODIFIED, true));
        assertThat(SortSpec.parse("User", null, "descending")).isNull();
        for (String[] bad : new String[][] {{"User", "name.familyName", null}, {"Group", "userName", null},
                {"User", "userName", "up"}, {"User", null, "sideways"},
                {"Group", "urn:ietf:params:scim:schemas:core:2.0:User:displayName", null}}) {
            assertThatThrownBy(() -> SortSpec.parse(bad[0], bad[1], bad[2])).isInstanceOf(ScimException.class)
                    .satisfies(e -> {
                        assertThat(((ScimException) e).error().status()).isEqualTo(400);
                        assertThat(((ScimException) e).error().scimType()).isEqualTo("invalidValue");
                    });
        }
    }

    /** The displayName index read through {@link Ordering.NameOrder} gives name order, both ways. */
    @Property(tries = 300)
    void shouldWalkTheNameIndexInNameOrder(@ForAll("names") List<String> names) {
        TreeMap<String, String> index = new TreeMap<>(SortSpec::compareCodePoints);
        List<String[]> entries = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String id = "g" + (i % 3);
            index.put(StoreNames.key("d", names.get(i), id), id);
            entries.add(new String[] {names.get(i), id});
        }
        index.put("c/zzz/g0", "g0");
        index.put("e/a/g0", "g0");
        Comparator<String[]> byName = Comparator.<String[], String>comparing(e -> e[0], SortSpec::compareCodePoints)
                .thenComparing(e -> e[1]);
        List<String> ascending = entries.stream().map(e -> StoreNames.key("d", e[0], e[1])).distinct()
                .map(k -> k.substring(2)).sorted((a, b) -> byName.compare(split(a), split(b))).toList();
        assertThat(read(new Ordering.NameOrder(iterator(index, false), "d", false))).isEqualTo(ascending);
        List<String> descending = new ArrayList<>(ascending);
        java.util.Collections.reverse(descending);
        assertThat(read(new Ordering.NameOrder(iterator(index, true), "d", true))).isEqualTo(descending);
    }

    @Provide
    Arbitrary<List<String>> names() {
        return Arbitraries.strings().withChars('a', 'b', ' ', '-', '.', '0', 'z', 'é').ofMinLength(1).ofMaxLength(5)
                .list().ofMaxSize(20);
    }

    private static String[] split(String nameAndId) {
        int slash = nameAndId.lastIndexOf('/');
        return new String[] {nameAndId.substring(0, slash), nameAndId.substring(slash + 1)};
    }

    private static List<String> read(KeyValueIterator<String, String> it) {
        List<String> keys = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> keys.add(kv.key.substring(2)));
        }
        return keys;
    }

    private static KeyValueIterator<String, String> iterator(TreeMap<String, String> index, boolean descending) {
        var entries = (descending ? index.descendingMap() : index).entrySet().iterator();
        return new KeyValueIterator<>() {
            @Override
            public void close() {
            }

            @Override
            public String peekNextKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public KeyValue<String, String> next() {
                var e = entries.next();
                return KeyValue.pair(e.getKey(), e.getValue());
            }
        };
    }

    /** The order the test expects, computed from the users' own attributes. */
    private static List<String> expectedOrder(List<StoredUser> users, SortSpec sort) {
        Comparator<StoredUser> byValue = (a, b) -> {
            Object x = value(a, sort.attribute());
            Object y = value(b, sort.attribute());
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : 1) : -1;
            }
            if (x instanceof Instant i) {
                return i.compareTo((Instant) y);
            }
            return sort.caseExact() ? x.toString().compareTo(y.toString())
                    : x.toString().toLowerCase(Locale.ROOT).compareTo(y.toString().toLowerCase(Locale.ROOT));
        };
        Comparator<StoredUser> order = byValue.thenComparing(StoredUser::id);
        return users.stream().sorted(sort.descending() ? order.reversed() : order).map(StoredUser::id).toList();
    }

    private static Object value(StoredUser user, String attribute) {
        return switch (attribute) {
            case SortSpec.USER_NAME -> user.userName();
            case SortSpec.DISPLAY_NAME -> user.attributes().hasNonNull("displayName")
                    ? user.attributes().get("displayName").asText() : null;
            case SortSpec.EXTERNAL_ID -> user.attributes().hasNonNull("externalId")
                    ? user.attributes().get("externalId").asText() : null;
            case SortSpec.CREATED -> user.created();
            default -> user.lastModified();
        };
    }

    private static String idOf(List<StoredUser> users, String userName) {
        return users.stream().filter(u -> u.userName().equals(userName)).findFirst().orElseThrow().id();
    }

    /** Every page of 2 from the first, as a client walks them. */
    private static <T> List<String> walk(Function<Integer, ResultPage<T>> pages, Function<T, String> id) {
        List<String> walked = new ArrayList<>();
        for (int start = 1; ; start += 2) {
            ResultPage<T> page = pages.apply(start);
            walked.addAll(ids(page, id));
            if (start + 2 > page.totalResults()) {
                return walked;
            }
        }
    }

    private static <T> List<String> ids(ResultPage<T> page, Function<T, String> id) {
        return page.resources().stream().map(id).toList();
    }

    private List<String> userIds(String filter) {
        return ids(queries.users(DIR, FilterParser.parse(filter), 1, 100), StoredUser::id);
    }

    private static List<String> displays(List<GroupView.MemberView> members) {
        return members.stream().map(GroupView.MemberView::display).toList();
    }

    private static ObjectNode user(String userName, String displayName, String externalId) {
        ObjectNode user = Json.mapper().createObjectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        user.put("userName", userName);
        user.put("active", true);
        if (displayName != null) {
            user.put("displayName", displayName);
        }
        if (externalId != null) {
            user.put("externalId", externalId);
        }
        return user;
    }

    /**
     * The order RFC 7644 §3.4.2.3 asks for, written out here rather than taken from the code under
     * test: strings ignoring case (externalId case-exact), dates in time order, resources without
     * the attribute last, ties by id; descending is the exact reverse.
     */
    private static java.util.Comparator<StoredGroup> expectedOrder(String attribute, boolean descending) {
        java.util.function.Function<StoredGroup, Comparable<?>> value = switch (attribute) {
            case SortSpec.DISPLAY_NAME -> g -> g.displayName().toLowerCase(Locale.ROOT);
            case SortSpec.EXTERNAL_ID -> StoredGroup::externalId;
            case SortSpec.CREATED -> StoredGroup::created;
            default -> StoredGroup::lastModified;
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        java.util.Comparator<StoredGroup> ascending = (a, b) -> {
            Comparable va = value.apply(a);
            Comparable vb = value.apply(b);
            if (va == null || vb == null) {
                return va == null && vb == null ? a.id().compareTo(b.id()) : va == null ? 1 : -1;
            }
            int order = va.compareTo(vb);
            return order != 0 ? order : a.id().compareTo(b.id());
        };
        return descending ? ascending.reversed() : ascending;
    }
}
