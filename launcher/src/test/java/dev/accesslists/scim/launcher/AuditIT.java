package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.launcher.audit.Audit;
import dev.accesslists.scim.launcher.audit.LogReader;
import dev.accesslists.scim.launcher.audit.Progress;
import dev.accesslists.scim.launcher.audit.Stop;
import dev.accesslists.scim.launcher.audit.Table;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The auditor's questions and the effective-grants topic, against a history this test makes on
 * the real stack (two integrations; lists whose grants change; a requirement between lists;
 * deactivation, re-activation, renames of users and groups, deletes; a restart of the writer
 * without its local state). Every answer is checked against a fold of the membership topic
 * written here, independently of the pipeline's code, and against what the script did.
 */
class AuditIT {
    private static final String READERS = "Audit Readers";
    private static final String WRITERS = "Audit Writers";
    private static final String OPS = "Audit Ops";
    private static TestStack env;
    private static ScimClient a;
    private static ScimClient b;
    private static String dirA;
    private static String dirB;
    /** The test's own record of each list's definition over time: name → time → definition. */
    private static final Map<String, TreeMap<Instant, AccessList>> DEFINITIONS = new HashMap<>();
    private static final Map<String, String> IDS = new HashMap<>();
    private static Instant t1;
    private static Instant t2;
    private static Instant t3;
    private static Instant t4;

    @BeforeAll
    static void makeHistory() {
        env = TestStack.get();
        a = env.newDirectoryClient("audit-a");
        b = env.newDirectoryClient("audit-b");
        dirA = env.stack.ensureIntegration("audit-a", "okta", false).clientId();
        dirB = env.stack.ensureIntegration("audit-b", "okta", false).clientId();
        apply(list("audit-readers", READERS, List.of("reader"), Map.of("logins", List.of("r")), null));
        apply(list("audit-writers", WRITERS, List.of("writer"), Map.of(), List.of("reader")));
        apply(list("audit-ops", OPS, List.of("ops"), Map.of("logins", List.of("ops")), null));

        IDS.put("alice", user(a, "alice.audit"));
        IDS.put("bob", user(a, "bob.audit"));
        IDS.put("carol", user(b, "carol.audit"));
        IDS.put("dave", user(b, "dave.audit"));
        IDS.put("a-readers", group(a, READERS, "alice", "bob"));
        IDS.put("a-writers", group(a, WRITERS, "alice"));
        IDS.put("b-readers", group(b, READERS, "carol"));
        IDS.put("b-ops", group(b, OPS, "carol", "dave"));
        t1 = mark();

        apply(list("audit-readers", READERS, List.of("reader", "viewer"), Map.of("logins", List.of("r")), null));
        t2 = mark();

        ok(a.patch("/Users/" + IDS.get("bob"), op("replace", "active", "false")));
        ok(b.patch("/Users/" + IDS.get("carol"), op("replace", "userName", "\"carol.renamed\"")));
        ok(a.patch("/Groups/" + IDS.get("a-readers"), "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\""
                + IDS.get("alice") + "\\\"]\"}]}"));
        t3 = mark();

        // the writer restarts without its local state, in the middle of the history
        env.stack.restartStreams(true);
        assertThat(b.delete("/Users/" + IDS.get("dave")).status()).isEqualTo(204);
        ok(a.patch("/Groups/" + IDS.get("a-writers"), op("replace", "displayName", "\"" + OPS + "\"")));
        ok(a.patch("/Users/" + IDS.get("bob"), op("replace", "active", "\"True\"")));
        assertThat(b.delete("/Groups/" + IDS.get("b-ops")).status()).isEqualTo(204);
        t4 = mark();
        apply(list("audit-ops", OPS, List.of("ops", "oncall"), Map.of("logins", List.of("ops")), List.of()));
    }

    // ---------------------------------------------------------------- the questions

    @Test
    void shouldAnswerWhoWasAMemberAtEachMomentAsTheFoldDoes() {
        for (Instant at : List.of(t1, t2, t3, t4)) {
            for (String title : List.of(READERS, WRITERS, OPS)) {
                Set<String> expected = fold(at).activeMembers(title);
                Set<String> answered = new TreeSet<>();
                for (List<Object> row : audit().members(title, at).rows()) {
                    answered.add(row.get(2) + "/" + row.get(1));
                }
                assertThat(answered).as("%s at %s", title, at).isEqualTo(expected);
            }
        }
        // now, from the pipeline's view keyed by title, as from the log
        for (String title : List.of(READERS, WRITERS, OPS)) {
            Set<String> expected = fold(Instant.now().plusSeconds(60)).activeMembers(title);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Set<String> answered = new TreeSet<>();
                for (List<Object> row : Audit.membersNow(env.stack.admin(), title).rows()) {
                    answered.add(row.get(2) + "/" + row.get(1));
                }
                assertThat(answered).as("%s now, from the view", title).isEqualTo(expected);
            });
        }
        // and what the script did, in words
        assertThat(names(audit().members(READERS, t1))).containsExactlyInAnyOrder("alice.audit", "bob.audit",
                "carol.audit");
        assertThat(names(audit().members(READERS, t3))).containsExactly("carol.renamed");
        assertThat(names(audit().members(OPS, t4))).containsExactly("alice.audit");
        assertThat(names(audit().members(WRITERS, t4))).isEmpty();
    }

    @Test
    void shouldAnswerWhoJoinedAndWhoLeft() {
        Table diff = audit().diff(READERS, t1, t3);
        Set<String> expectedLeft = new TreeSet<>(fold(t1).activeMembers(READERS));
        expectedLeft.removeAll(fold(t3).activeMembers(READERS));
        Set<String> expectedJoined = new TreeSet<>(fold(t3).activeMembers(READERS));
        expectedJoined.removeAll(fold(t1).activeMembers(READERS));
        assertThat(keys(diff, "left")).isEqualTo(expectedLeft);
        assertThat(keys(diff, "joined")).isEqualTo(expectedJoined);
        // bob was deactivated and alice removed; carol renamed is still the same member
        assertThat(expectedLeft).containsExactlyInAnyOrder(dirA + "/" + IDS.get("alice"), dirA + "/" + IDS.get("bob"));
        Table ops = audit().diff(OPS, t3, t4);
        assertThat(keys(ops, "joined")).containsExactly(dirA + "/" + IDS.get("alice"));
        assertThat(keys(ops, "left")).containsExactlyInAnyOrder(dirB + "/" + IDS.get("carol"),
                dirB + "/" + IDS.get("dave"));
    }

    @Test
    void shouldListAUsersEveryChangeWithTheGrantsOfThatMoment() {
        Table timeline = audit().timeline("alice.audit");
        List<String> expected = new ArrayList<>();
        for (JsonNode change : membership()) {
            if (change.path("userId").asText().equals(IDS.get("alice"))) {
                expected.add(change.path("accessList").path("title").asText() + " " + change.path("change").asText());
            }
        }
        assertThat(timeline.rows().stream().map(r -> r.get(1) + " " + r.get(2)).toList())
                .containsExactlyElementsOf(expected);
        // the grants each list gave then: readers before and after its change
        Map<String, Object> rolesByStep = new LinkedHashMap<>();
        timeline.rows().forEach(r -> rolesByStep.put(r.get(1) + " " + r.get(2), r.get(5)));
        assertThat(rolesByStep.get(READERS + " ADDED")).isEqualTo(List.of("reader"));
        assertThat(rolesByStep.get(READERS + " REMOVED")).isEqualTo(List.of("reader", "viewer"));

        // carol, by either name, or by id
        List<List<Object>> carol = audit().timeline("carol.audit").rows();
        assertThat(carol).isEqualTo(audit().timeline("CAROL.RENAMED").rows());
        assertThat(carol).isEqualTo(audit().timeline(IDS.get("carol")).rows());
        assertThat(carol.stream().map(r -> r.get(2)).toList()).contains("UPDATED");
    }

    @Test
    void shouldAnswerAUsersEffectiveGrantsAtEachMomentAsTheFoldDoes() {
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            for (Instant at : List.of(t1, t2, t3, t4)) {
                Map<String, Set<String>> expected = fold(at).grants(IDS.get(user), at);
                Table answer = audit().grants(IDS.get(user), at);
                Map<String, Set<String>> answered = new TreeMap<>();
                for (List<Object> row : answer.rows()) {
                    answered.put((String) row.get(0), new TreeSet<>(strings(row.get(3))));
                }
                assertThat(answered).as("%s at %s", user, at).isEqualTo(expected);
            }
        }
        // in words: alice had writer only while she was a reader too
        assertThat(roles(audit().grants("alice.audit", t1))).containsExactly("reader", "writer");
        assertThat(roles(audit().grants("alice.audit", t2))).containsExactly("reader", "viewer", "writer");
        assertThat(roles(audit().grants("alice.audit", t3))).isEmpty();
        assertThat(audit().grants("alice.audit", t3).rows().get(0).get(6)).isEqualTo(List.of("audit-writers"));
        assertThat(roles(audit().grants("bob.audit", t3))).isEmpty();
        assertThat(roles(audit().grants("bob.audit", t4))).containsExactly("reader", "viewer");
    }

    @Test
    void shouldTellWhyEachChangeHappened() {
        Table bob = audit().why(READERS, "bob.audit");
        assertThat(bob.rows().stream().map(r -> r.get(1)).toList()).containsExactly("ADDED", "SUSPENDED", "RESTORED");
        for (List<Object> row : bob.rows()) {
            assertThat(row.get(3)).isEqualTo(dirA);
            assertThat((String) row.get(4)).isNotBlank();
        }
        assertThat(bob.rows().get(0).get(5)).isEqualTo("CreateGroup");
        assertThat(bob.rows().get(1).get(5)).isEqualTo("PatchUser");
        assertThat((String) bob.rows().get(1).get(6)).contains("bob.audit deactivated");
        assertThat((String) bob.rows().get(2).get(6)).contains("re-activated");

        Table alice = audit().why(WRITERS, "alice.audit");
        assertThat(alice.rows().stream().map(r -> r.get(1)).toList()).containsExactly("ADDED", "REMOVED");
        assertThat((String) alice.rows().get(1).get(6)).contains("group renamed \"" + WRITERS + "\" -> \"" + OPS + "\"");

        Table dave = audit().why(OPS, "dave.audit");
        assertThat(dave.rows().stream().map(r -> r.get(1)).toList()).containsExactly("ADDED", "REMOVED");
        assertThat(dave.rows().get(1).get(5)).isEqualTo("DeleteUser");
        assertThat((String) dave.rows().get(1).get(6)).contains("dave.audit deleted");
        Table carol = audit().why(OPS, "carol.renamed");
        assertThat((String) carol.rows().get(carol.rows().size() - 1).get(6)).contains("group \"" + OPS + "\" deleted");
        // the request ids are the ones on the topic
        Set<String> ids = new HashSet<>();
        membership().forEach(c -> ids.add(c.path("cause").path("requestId").asText()));
        assertThat(bob.rows()).allSatisfy(r -> assertThat(ids).contains((String) r.get(4)));
    }

    @Test
    void shouldListEveryListWithItsNextReviewDate() {
        Table lists = audit().lists(Instant.parse("2026-12-02T00:00:00Z"));
        Map<String, List<Object>> byName = new HashMap<>();
        lists.rows().forEach(r -> byName.put((String) r.get(0), r));
        assertThat(byName.get("audit-ops").get(3)).isEqualTo(List.of("oncall", "ops"));
        assertThat(byName.get("audit-readers").get(5)).isEqualTo("every 3 months on day 15");
        String next = (String) byName.get("audit-readers").get(6);
        assertThat(java.time.LocalDate.parse(next)).isAfterOrEqualTo(java.time.LocalDate.parse("2026-12-02"))
                .hasDayOfMonth(15);
    }

    @Test
    void shouldWriteTablesJsonAndCsvFromTheCommandLine() {
        String bootstrap = env.kafka.bootstrapServers();
        String table = cli("audit", "members", "--list", READERS, "--at", t1.toString(), "--bootstrap-servers", bootstrap);
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("USER NAME");
        assertThat(table).contains("alice.audit").contains("bob.audit");
        JsonNode json = read(cli("audit", "grants", "--user", "alice.audit", "--at", t2.toString(), "--format",
                "json", "--bootstrap-servers", bootstrap));
        assertThat(json.get(0).path("roles").toString()).isEqualTo("[\"reader\",\"viewer\",\"writer\"]");
        String csv = cli("audit", "diff", "--list", READERS, "--from", t1.toString(), "--to", t3.toString(), "--format",
                "csv", "--bootstrap-servers", bootstrap);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("change,userName,userId,integration,at");
        assertThat(csv.lines().filter(l -> l.startsWith("left,"))).hasSize(2);
    }

    // ---------------------------------------------------------------- the grants topic

    @Test
    void shouldKeepTheGrantsTopicEqualToTheFoldAcrossTheWritersRestart() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, JsonNode> latest = new TreeMap<>();
            Map<String, List<JsonNode>> all = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(env.kafka.bootstrapServers(),
                    Topics.GRANTS.name())) {
                if (!record.key().startsWith(dirA + "/") && !record.key().startsWith(dirB + "/")) {
                    continue;
                }
                JsonNode value = record.value() == null ? null : read(new String(record.value(),
                        StandardCharsets.UTF_8));
                latest.put(record.key(), value);
                all.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(value);
            }
            Fold now = fold(Instant.now().plusSeconds(60));
            Instant end = Instant.now().plusSeconds(60);
            for (String user : List.of("alice", "bob", "carol")) {
                String dir = user.equals("carol") ? dirB : dirA;
                JsonNode record = latest.get(dir + "/" + IDS.get(user));
                assertThat(record).as(user).isNotNull();
                Set<String> roles = new TreeSet<>(strings(Json.mapper().convertValue(record.get("roles"), List.class)));
                assertThat(roles).as(user).isEqualTo(now.grants(IDS.get(user), end).getOrDefault(dir, Set.of()));
                assertThat(record.path("samlConnector").asText()).isEqualTo("okta");
            }
            // dave was deleted: his last record is a tombstone
            assertThat(latest).containsEntry(dirB + "/" + IDS.get("dave"), null);
            // exactly once per change: no record repeats the one before it
            all.forEach((key, records) -> {
                for (int i = 1; i < records.size(); i++) {
                    assertThat(withoutCause(records.get(i))).as(key).isNotEqualTo(withoutCause(records.get(i - 1)));
                }
            });
        });
    }

    // ---------------------------------------------------------------- the test's own fold

    /** Memberships and grants folded from the topic with nothing of the pipeline's code but its JSON. */
    private static final class Fold {
        /** title → "integration/userId" → active. */
        final Map<String, Map<String, Boolean>> members = new HashMap<>();
        /** "integration/userId" → list names of its current memberships (active only). */
        final Map<String, Map<String, String>> titles = new HashMap<>();

        Set<String> activeMembers(String title) {
            Set<String> result = new TreeSet<>();
            members.getOrDefault(title, Map.of()).forEach((member, active) -> {
                if (active) {
                    result.add(member);
                }
            });
            return result;
        }

        /** integration → roles, from the test's own list history and a plain fixed point. */
        Map<String, Set<String>> grants(String userId, Instant at) {
            Map<String, Set<String>> result = new TreeMap<>();
            Map<String, List<AccessList>> lists = new HashMap<>();
            members.forEach((title, byMember) -> byMember.forEach((member, active) -> {
                String[] parts = member.split("/", 2);
                if (!parts[1].equals(userId)) {
                    return;
                }
                // a standing membership, even a suspended one, gives the integration a row
                lists.computeIfAbsent(parts[0], k -> new ArrayList<>());
                AccessList list = definitionAt(titles.get(member).get(title), at);
                if (active && list != null) {
                    lists.get(parts[0]).add(list);
                }
            }));
            lists.forEach((integration, memberships) -> {
                Set<String> roles = new TreeSet<>();
                Set<AccessList> counted = new HashSet<>();
                boolean grew = true;
                while (grew) {
                    grew = false;
                    for (AccessList list : memberships) {
                        List<String> required = list.spec().membershipRequires() == null ? List.of()
                                : list.spec().membershipRequires().roles();
                        if (!counted.contains(list) && roles.containsAll(required)) {
                            counted.add(list);
                            roles.addAll(list.spec().grants().roles());
                            grew = true;
                        }
                    }
                }
                result.put(integration, roles);
            });
            return result;
        }
    }

    private static Fold fold(Instant at) {
        Fold fold = new Fold();
        for (JsonNode change : membership()) {
            if (Instant.parse(change.path("cause").path("timestamp").asText()).isAfter(at)) {
                continue;
            }
            String title = change.path("accessList").path("title").asText();
            String member = change.path("cause").path("directoryId").asText() + "/" + change.path("userId").asText();
            Map<String, Boolean> list = fold.members.computeIfAbsent(title, t -> new HashMap<>());
            switch (change.path("change").asText()) {
                case "ADDED", "RESTORED" -> list.put(member, true);
                case "SUSPENDED" -> list.put(member, false);
                case "REMOVED" -> list.remove(member);
                default -> {
                }
            }
            fold.titles.computeIfAbsent(member, m -> new HashMap<>()).put(title,
                    change.path("accessList").path("name").asText());
        }
        return fold;
    }

    private static List<JsonNode> membership;

    /** This test's membership changes, by time, then partition and offset; read once, after the history. */
    private static synchronized List<JsonNode> membership() {
        if (membership == null) {
            membership = readMembership();
        }
        return membership;
    }

    private static List<JsonNode> readMembership() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(TopicReader.readAll(
                env.kafka.bootstrapServers(), Topics.MEMBERSHIP.name()));
        records.sort(java.util.Comparator.comparing((ConsumerRecord<String, byte[]> r) -> r.timestamp())
                .thenComparing(ConsumerRecord::partition).thenComparing(ConsumerRecord::offset));
        List<JsonNode> changes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode change = read(new String(record.value(), StandardCharsets.UTF_8));
            String dir = change.path("cause").path("directoryId").asText();
            if (dir.equals(dirA) || dir.equals(dirB)) {
                changes.add(change);
            }
        }
        return changes;
    }

    private static AccessList definitionAt(String name, Instant at) {
        TreeMap<Instant, AccessList> versions = DEFINITIONS.get(name);
        var entry = versions == null ? null : versions.floorEntry(at);
        return entry == null ? null : entry.getValue();
    }

    // ---------------------------------------------------------------- helpers

    private static Audit audit() {
        return new Audit(new LogReader(env.kafka.bootstrapServers(), Progress.silent(), new Stop()));
    }

    private static void apply(AccessList list) {
        env.stack.apply(List.of(list));
        DEFINITIONS.computeIfAbsent(list.name(), n -> new TreeMap<>()).put(mark(), list);
    }

    /** A moment between two steps: every earlier step happened at or before it, every later one after it. */
    private static Instant mark() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(now.plusMillis(1)));
        return now;
    }

    private static AccessList list(String name, String title, List<String> roles, Map<String, List<String>> traits,
                                   List<String> requiredRoles) {
        return new AccessList(AccessList.KIND, AccessList.VERSION, new AccessList.Metadata(name, null, null),
                new AccessList.Spec(title, null, AccessList.TYPE_SCIM, new AccessList.Grants(roles, traits),
                        List.of(new AccessList.Owner("auditor", null)),
                        requiredRoles == null ? null : new AccessList.Requires(requiredRoles, Map.of()), null,
                        new AccessList.Audit(new AccessList.Recurrence(3, 15), null, null)));
    }

    private static String user(ScimClient idp, String userName) {
        ScimClient.Response created = idp.post("/Users", "{\"userName\":\"" + userName + "\",\"active\":true}");
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private static String group(ScimClient idp, String title, String... members) {
        StringBuilder values = new StringBuilder();
        for (String member : members) {
            values.append(values.length() == 0 ? "" : ",").append("{\"value\":\"").append(IDS.get(member)).append("\"}");
        }
        ScimClient.Response created = idp.post("/Groups", "{\"displayName\":\"" + title + "\",\"members\":[" + values
                + "]}");
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private static String op(String op, String path, String value) {
        return "{\"Operations\":[{\"op\":\"" + op + "\",\"path\":\"" + path + "\",\"value\":" + value + "}]}";
    }

    private static void ok(ScimClient.Response response) {
        assertThat(response.status()).isBetween(200, 204);
    }

    private static List<String> names(Table table) {
        return table.rows().stream().map(r -> (String) r.get(0)).toList();
    }

    private static Set<String> keys(Table table, String change) {
        Set<String> result = new TreeSet<>();
        table.rows().stream().filter(r -> r.get(0).equals(change)).forEach(r -> result.add(r.get(3) + "/" + r.get(2)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    private static List<String> roles(Table grants) {
        return grants.rows().isEmpty() ? List.of() : strings(grants.rows().get(0).get(3));
    }

    private static JsonNode withoutCause(JsonNode record) {
        if (record == null) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = record.deepCopy();
        copy.remove("cause");
        return copy;
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String cli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Cli.commandLine().execute(args);
            assertThat(code).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
