package dev.accesslists.scim.launcher.audit;

import dev.accesslists.scim.launcher.UserError;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.schemas.grants.GrantsFixedPoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The auditor's questions, answered from the logs alone: the membership topic (every change of
 * every membership, with the list as it was and the request that caused it), the command log
 * (every Access List definition over time, and what each request asked) and the event log (what
 * changed on the IdP side). Nothing is asked of the running services, so an answer about the
 * past is the same whenever it is asked.
 */
public final class Audit {
    private final LogReader reader;
    private final String membershipTopic;
    private final Instant readFrom;

    /**
     * @param membershipTopic the membership topic to read (another name only for benchmarks)
     * @param readFrom read the logs from this time on, or null for their beginning
     */
    public Audit(LogReader reader, String membershipTopic, Instant readFrom) {
        this.reader = reader;
        this.membershipTopic = membershipTopic;
        this.readFrom = readFrom;
    }

    public Audit(LogReader reader) {
        this(reader, Topics.MEMBERSHIP.name(), null);
    }

    /** A membership change and where it was read, for a stable order across lists. */
    record Seen(MembershipChange change, int partition, long offset) {
        Instant at() {
            return change.cause().timestamp();
        }

        static final Comparator<Seen> ORDER = Comparator.comparing(Seen::at).thenComparing(Seen::partition)
                .thenComparing(Seen::offset);
    }

    // ---------------------------------------------------------------- members, diff

    /** Who was an active member of the list at that moment (null: now), and since when. */
    public Table members(String title, Instant at) {
        MembershipFold fold = new MembershipFold();
        readList(title, change -> {
            if (at == null || !change.cause().timestamp().isAfter(at)) {
                fold.apply(change);
            }
        });
        Table table = membersTable();
        for (MembershipFold.Member member : fold.activeMembers(title)) {
            table.row(member.userName(), member.userId(), member.integrationId(), member.memberSince(),
                    member.lastChange(), member.groupId(), member.lastCause());
        }
        return table;
    }

    private static Table membersTable() {
        return new Table("userName", "userId", "integration", "memberSince", "lastChange", "groupId", "lastRequestId");
    }

    /**
     * Who is an active member of the list now, from the pipeline's view keyed by title (through
     * the admin API): a key lookup and a range scan of that list's members, not a replay.
     */
    public static Table membersNow(dev.accesslists.scim.launcher.AdminApi api, String title) {
        String name = null;
        for (com.fasterxml.jackson.databind.JsonNode list : api.accessLists()) {
            if (title.equals(list.path("spec").path("title").asText(list.path("title").asText()))) {
                name = list.path("metadata").path("name").asText(list.path("name").asText());
            }
        }
        if (name == null) {
            throw new UserError("no Access List is titled \"" + title + "\"");
        }
        List<com.fasterxml.jackson.databind.JsonNode> members = new ArrayList<>();
        String after = null;
        do {
            com.fasterxml.jackson.databind.JsonNode page = api.accessListMembers(name, after, 500);
            page.path("members").forEach(m -> {
                if (m.path("active").asBoolean()) {
                    members.add(m);
                }
            });
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (after != null);
        members.sort(Comparator.comparing((com.fasterxml.jackson.databind.JsonNode m) -> m.path("userName").asText())
                .thenComparing(m -> m.path("directoryId").asText()));
        Table table = membersTable();
        for (com.fasterxml.jackson.databind.JsonNode m : members) {
            table.row(m.path("userName").asText(null), m.path("userId").asText(), m.path("directoryId").asText(),
                    instant(m.path("since")), instant(m.path("changed")), m.path("groupId").asText(null),
                    m.path("cause").path("requestId").asText(null));
        }
        return table;
    }

    private static Instant instant(com.fasterxml.jackson.databind.JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }

    /** Who joined and who left the list between two moments (active membership). */
    public Table diff(String title, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new UserError("--to is before --from");
        }
        MembershipFold before = new MembershipFold();
        MembershipFold after = new MembershipFold();
        Map<String, Instant> lastChange = new HashMap<>();
        readList(title, change -> {
            Instant at = change.cause().timestamp();
            if (!at.isAfter(from)) {
                before.apply(change);
            }
            if (!at.isAfter(to)) {
                after.apply(change);
                if (at.isAfter(from)) {
                    lastChange.put(MembershipFold.integrationOf(change) + "/" + change.userId(), at);
                }
            }
        });
        Map<String, MembershipFold.Member> was = index(before.activeMembers(title));
        Map<String, MembershipFold.Member> is = index(after.activeMembers(title));
        Table table = new Table("change", "userName", "userId", "integration", "at");
        is.forEach((key, member) -> {
            if (!was.containsKey(key)) {
                table.row("joined", member.userName(), member.userId(), member.integrationId(), lastChange.get(key));
            }
        });
        was.forEach((key, member) -> {
            if (!is.containsKey(key)) {
                table.row("left", member.userName(), member.userId(), member.integrationId(), lastChange.get(key));
            }
        });
        table.rows().sort(Comparator.comparing((List<Object> r) -> (String) r.get(0))
                .thenComparing(r -> String.valueOf(r.get(1))).thenComparing(r -> String.valueOf(r.get(3))));
        return table;
    }

    private static Map<String, MembershipFold.Member> index(List<MembershipFold.Member> members) {
        Map<String, MembershipFold.Member> result = new LinkedHashMap<>();
        members.forEach(m -> result.put(m.integrationId() + "/" + m.userId(), m));
        return result;
    }

    private void readList(String title, java.util.function.Consumer<MembershipChange> visitor) {
        byte[] key = Bytes.utf8(title);
        reader.read(membershipTopic, null, readFrom, record -> {
            if (Bytes.equal(record.key(), key) && record.value() != null) {
                MembershipChange change = ChangeDecoder.decode(record.value(), record.timestamp(), false);
                if (change != null) {
                    visitor.accept(change);
                }
            }
        });
    }

    // ---------------------------------------------------------------- timeline, grants

    /** Every membership change of the user across lists and integrations, with the grants each list gave then. */
    public Table timeline(String user) {
        List<Seen> seen = userChanges(user);
        ListDefinitions definitions = ListDefinitions.read(reader);
        Table table = new Table("at", "list", "change", "userName", "integration", "roles", "traits", "requestId");
        for (Seen s : seen) {
            MembershipChange change = s.change();
            AccessList.Grants grants = grantsAt(definitions, change, s.at());
            table.row(s.at(), change.accessList().title(), change.change().name(), change.userName(),
                    MembershipFold.integrationOf(change), sorted(grants.roles()),
                    GrantsFixedPoint.sortedTraits(grants.traits()), change.cause().requestId());
        }
        return table;
    }

    /**
     * The user's effective grants at that moment, per integration: the union of the grants of every
     * {@code scim} list they were an active member of whose requirements they met (evaluated as the
     * pipeline does, to a fixed point), with the lists whose requirements they did not meet.
     */
    public Table grants(String user, Instant at) {
        List<Seen> seen = userChanges(user);
        ListDefinitions definitions = ListDefinitions.read(reader);
        MembershipFold fold = new MembershipFold();
        for (Seen s : seen) {
            if (!s.at().isAfter(at)) {
                fold.apply(s.change());
            }
        }
        Map<String, List<MembershipFold.Member>> byIntegration = new TreeMap<>();
        for (MembershipFold.Member member : fold.all()) {
            byIntegration.computeIfAbsent(member.integrationId() + "\u0000" + member.userId(), k -> new ArrayList<>())
                    .add(member);
        }
        Table table = new Table("integration", "userName", "userId", "roles", "traits", "lists", "requirementsUnmet");
        byIntegration.forEach((key, members) -> {
            List<AccessList> active = new ArrayList<>();
            for (MembershipFold.Member member : members) {
                if (!member.active()) {
                    continue;
                }
                AccessList list = definitionAt(definitions, member.listName(), member.title(), member.list(), at);
                if (list != null && list.scimManaged()) {
                    active.add(list);
                }
            }
            GrantsFixedPoint.Result result = GrantsFixedPoint.compute(active);
            List<String> unmet = active.stream().map(AccessList::name).filter(n -> !result.accessLists().contains(n))
                    .sorted().toList();
            MembershipFold.Member any = members.get(0);
            table.row(any.integrationId(), any.userName(), any.userId(), result.roles(), result.traits(),
                    result.accessLists(), unmet);
        });
        return table;
    }

    /**
     * The changes of every user the text names: by id, or by a userName they had at any time
     * (ignoring case). Two reads: one finds the ids, the next every change of those ids, under
     * whatever name.
     */
    List<Seen> userChanges(String user) {
        byte[] needle = Bytes.utf8(jsonString(user));
        Set<String> ids = new HashSet<>();
        reader.read(membershipTopic, null, readFrom, record -> {
            if (Bytes.containsIgnoreCase(record.value(), needle)) {
                MembershipChange change = ChangeDecoder.decode(record.value(), record.timestamp(), false);
                if (change != null && names(change, user)) {
                    ids.add(change.userId());
                }
            }
        });
        if (ids.isEmpty()) {
            throw new UserError("no membership change names a user \"" + user + "\" (by userName or id)");
        }
        List<byte[]> idNeedles = ids.stream().map(id -> Bytes.utf8("\"userId\":" + jsonString(id))).toList();
        List<Seen> seen = new ArrayList<>();
        reader.read(membershipTopic, null, readFrom, record -> {
            for (byte[] id : idNeedles) {
                if (Bytes.containsIgnoreCase(record.value(), id)) {
                    MembershipChange change = ChangeDecoder.decode(record.value(), record.timestamp(), true);
                    if (change != null && ids.contains(change.userId())) {
                        seen.add(new Seen(change, record.partition(), record.offset()));
                    }
                    return;
                }
            }
        });
        seen.sort(Seen.ORDER);
        return seen;
    }

    private static boolean names(MembershipChange change, String user) {
        return change.userId().equals(user) || user.equalsIgnoreCase(change.userName())
                || user.equalsIgnoreCase(change.previousUserName());
    }

    // ---------------------------------------------------------------- why

    /**
     * For each change of the user's membership of the list: which integration, which SCIM request
     * (id, operation, time), and what changed on the IdP side in that request.
     */
    public Table why(String title, String user) {
        List<Seen> all = new ArrayList<>();
        byte[] key = Bytes.utf8(title);
        reader.read(membershipTopic, null, readFrom, record -> {
            if (Bytes.equal(record.key(), key) && record.value() != null) {
                MembershipChange change = ChangeDecoder.decode(record.value(), record.timestamp(), true);
                if (change != null) {
                    all.add(new Seen(change, record.partition(), record.offset()));
                }
            }
        });
        Set<String> ids = new HashSet<>();
        all.stream().filter(s -> names(s.change(), user)).forEach(s -> ids.add(s.change().userId()));
        List<Seen> mine = all.stream().filter(s -> ids.contains(s.change().userId())).toList();
        if (mine.isEmpty()) {
            throw new UserError("no change of list \"" + title + "\" names a user \"" + user + "\"");
        }
        Set<String> requests = new HashSet<>();
        Set<String> directoryIds = new HashSet<>();
        for (Seen s : mine) {
            requests.add(s.change().cause().requestId());
            directoryIds.add(MembershipFold.integrationOf(s.change()));
        }
        List<byte[]> directories = directoryIds.stream().map(Bytes::utf8).toList();
        Map<String, String> operations = operations(directories, requests);
        Map<String, List<DirectoryEvent>> events = events(directories, requests);
        Table table = new Table("at", "change", "userName", "integration", "requestId", "operation", "idpChange",
                "roles");
        for (Seen s : mine) {
            MembershipChange change = s.change();
            String requestId = change.cause().requestId();
            List<String> idp = events.getOrDefault(requestId, List.of()).stream()
                    .map(e -> describe(e, change)).filter(d -> d != null).distinct().toList();
            table.row(s.at(), change.change().name(), change.userName(), MembershipFold.integrationOf(change),
                    requestId, operations.getOrDefault(requestId, ""), String.join("; ", idp),
                    sorted(change.accessList().grants() == null ? null : change.accessList().grants().roles()));
        }
        return table;
    }

    /** What each request asked, from the command log: the command's type. */
    private Map<String, String> operations(List<byte[]> directories, Set<String> requests) {
        Map<String, String> operations = new HashMap<>();
        Deserializer<CommandEnvelope> envelopes = Topics.COMMANDS.valueSerde().deserializer();
        reader.read(Topics.COMMANDS.name(), null, readFrom, record -> {
            if (!keyIn(record.key(), directories)) {
                return;
            }
            String requestId = firstString(record.value(), REQUEST_ID);
            if (requestId != null && requests.contains(requestId)) {
                try {
                    CommandEnvelope envelope = envelopes.deserialize(Topics.COMMANDS.name(), record.value());
                    operations.put(requestId, operation(envelope));
                } catch (RuntimeException ignored) {
                    // a record the writer set aside too: no operation to show
                }
            }
        });
        return operations;
    }

    private static String operation(CommandEnvelope envelope) {
        var command = envelope.command();
        String type = command.getClass().getSimpleName();
        if (command instanceof dev.accesslists.scim.schemas.command.Command.PatchGroup patch) {
            return type + " " + patch.edits().stream().map(e -> e.getClass().getSimpleName())
                    .distinct().reduce((a, b) -> a + "," + b).orElse("");
        }
        return type;
    }

    private Map<String, List<DirectoryEvent>> events(List<byte[]> directories, Set<String> requests) {
        Map<String, List<DirectoryEvent>> events = new HashMap<>();
        Deserializer<DirectoryEvent> decoder = Topics.EVENTS.valueSerde().deserializer();
        reader.read(Topics.EVENTS.name(), null, readFrom, record -> {
            if (!keyIn(record.key(), directories)) {
                return;
            }
            String requestId = firstString(record.value(), REQUEST_ID);
            if (requestId != null && requests.contains(requestId)) {
                try {
                    events.computeIfAbsent(requestId, r -> new ArrayList<>())
                            .add(decoder.deserialize(Topics.EVENTS.name(), record.value()));
                } catch (RuntimeException ignored) {
                    // not an event of this version: nothing to show
                }
            }
        });
        return events;
    }

    /** An IdP-side change of the request in words, when it concerns this membership. */
    private static String describe(DirectoryEvent event, MembershipChange change) {
        String user = change.userId();
        String group = change.groupId();
        if (event instanceof DirectoryEvent.UserDeactivated e && e.userId().equals(user)) {
            return "user " + e.userName() + " deactivated";
        } else if (event instanceof DirectoryEvent.UserReactivated e && e.userId().equals(user)) {
            return "user " + e.userName() + " re-activated";
        } else if (event instanceof DirectoryEvent.UserDeleted e && e.userId().equals(user)) {
            return "user " + e.userName() + " deleted";
        } else if (event instanceof DirectoryEvent.UserUpdated e && e.userId().equals(user)
                && change.change() == MembershipChange.ChangeKind.UPDATED) {
            return "user renamed " + change.previousUserName() + " -> " + e.userName();
        } else if (event instanceof DirectoryEvent.GroupRenamed e && e.groupId().equals(group)) {
            return "group renamed \"" + e.oldDisplayName() + "\" -> \"" + e.displayName() + "\"";
        } else if (event instanceof DirectoryEvent.GroupUnlinked e && e.groupId().equals(group)) {
            return "group \"" + e.displayName() + "\" deleted";
        } else if (event instanceof DirectoryEvent.GroupLinked e && e.groupId().equals(group)) {
            return "group \"" + e.displayName() + "\" created";
        } else if (event instanceof DirectoryEvent.MemberAdded e && e.userId().equals(user) && e.groupId().equals(group)) {
            return "added to group";
        } else if (event instanceof DirectoryEvent.MemberRemoved e && e.userId().equals(user)
                && e.groupId().equals(group)) {
            return "removed from group";
        }
        return null;
    }

    // ---------------------------------------------------------------- lists

    /** Every Access List now, with its grants, review recurrence and next review date. */
    public Table lists(Instant now) {
        Map<String, AccessList> current = new TreeMap<>();
        Map<String, Instant> changed = new HashMap<>();
        Deserializer<AccessList> decoder = Topics.ACCESS_LISTS.valueSerde().deserializer();
        reader.read(Topics.ACCESS_LISTS.name(), null, null, record -> {
            String name = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                current.remove(name);
                return;
            }
            try {
                current.put(name, decoder.deserialize(Topics.ACCESS_LISTS.name(), record.value()));
                changed.put(name, Instant.ofEpochMilli(record.timestamp()));
            } catch (RuntimeException ignored) {
                // a record that is not an Access List: the writer skips it too
            }
        });
        Table table = new Table("name", "title", "type", "roles", "traits", "recurrence", "nextReview");
        current.forEach((name, list) -> {
            AccessList.Grants grants = list.spec().grants() == null ? AccessList.Grants.none() : list.spec().grants();
            ReviewDates.Review review = ReviewDates.next(list, changed.get(name), now);
            table.row(name, list.spec().title(), list.spec().type(), sorted(grants.roles()),
                    GrantsFixedPoint.sortedTraits(grants.traits()), review.recurrence(), review.next());
        });
        return table;
    }

    // ---------------------------------------------------------------- helpers

    /** A full read that decodes every change and folds every list: what the speed figures measure. */
    public long foldEverything(Instant at) {
        // a list's changes are all in one partition: one fold per core, each over its partitions
        int shards = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<MembershipFold> folds = new ArrayList<>();
        long[] folded = new long[shards];
        List<LogReader.Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            MembershipFold fold = new MembershipFold();
            folds.add(fold);
            int shard = i;
            visitors.add(record -> {
                MembershipChange change = ChangeDecoder.decode(record.value(), record.timestamp(), false);
                if (change != null && (at == null || !change.cause().timestamp().isAfter(at))) {
                    fold.apply(change);
                    folded[shard]++;
                }
            });
        }
        reader.read(membershipTopic, null, readFrom, visitors);
        return java.util.Arrays.stream(folded).sum();
    }

    private static AccessList.Grants grantsAt(ListDefinitions definitions, MembershipChange change, Instant at) {
        AccessList list = definitionAt(definitions, change.accessList().name(), change.accessList().title(),
                change.accessList(), at);
        return list == null || list.spec().grants() == null ? AccessList.Grants.none() : list.spec().grants();
    }

    /**
     * The list's definition at that moment, from the command log; when the log does not hold its
     * history (trimmed by retention), the list as the membership change described it.
     */
    private static AccessList definitionAt(ListDefinitions definitions, String name, String title,
                                           MembershipChange.ListRef ref, Instant at) {
        if (definitions.known(name)) {
            return definitions.at(name, at).orElse(null);
        }
        if (ref == null) {
            return null;
        }
        return new AccessList(AccessList.KIND, AccessList.VERSION, new AccessList.Metadata(name, null, null),
                new AccessList.Spec(title, null, ref.type(), ref.grants(), null, null, null, null));
    }

    private static List<String> sorted(List<String> values) {
        return values == null ? List.of() : values.stream().distinct().sorted().toList();
    }

    private static final byte[] REQUEST_ID = Bytes.utf8("\"requestId\":\"");

    /** The value of the first {@code "requestId":"…"} in a JSON document, without decoding it. */
    static String firstString(byte[] data, byte[] marker) {
        if (data == null) {
            return null;
        }
        int last = data.length - marker.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            int start = i + marker.length;
            for (int end = start; end < data.length; end++) {
                if (data[end] == '"') {
                    return new String(data, start, end - start, StandardCharsets.UTF_8);
                }
                if (data[end] == '\\') {
                    return null;
                }
            }
            return null;
        }
        return null;
    }

    private static boolean keyIn(byte[] key, List<byte[]> keys) {
        for (byte[] candidate : keys) {
            if (Bytes.equal(key, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static String jsonString(String text) {
        try {
            return dev.accesslists.scim.schemas.Json.mapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
