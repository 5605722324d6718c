package dev.accesslists.scim.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.BulkOperation;
import dev.accesslists.scim.schemas.command.BulkResult;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.command.PatchOperation;
import dev.accesslists.scim.schemas.directory.GroupView;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.schemas.event.MembershipChange.ChangeKind;
import dev.accesslists.scim.schemas.event.MembershipChange.ListRef;
import dev.accesslists.scim.schemas.integration.IntegrationActivity;
import dev.accesslists.scim.schemas.integration.SamlConnector;
import dev.accesslists.scim.schemas.grants.EffectiveGrants;
import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema files of {@code src/main/resources/schemas} are the published contract of every
 * topic's payload. These tests keep them and the Java records in step: what the records write
 * validates, every property they write is declared, {@code required} lists exactly what they
 * always write, and the discriminators match the Jackson annotations.
 */
class TopicSchemasTest {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final String SCHEMA_DIR = "/schemas/";
    private static final String ID_PREFIX = "https://accesslists.dev/schemas/";
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private static final Instant ACCEPTED = Instant.parse("2025-03-14T09:26:53.589Z");
    private static final Instant LATER = Instant.parse("2025-03-15T11:02:00.123456789Z");
    private static final String DIRECTORY = "okta-prod";
    private static final String REQUEST = "6f1d2c1e-8a4b-4f1e-9a59-0c2f3e0b7d11";
    private static final String BARBARA = "2819c223-7f76-453a-919d-413861904646";
    private static final String MARK = "902c246b-6245-4190-8e05-00816be7344a";
    private static final String GROUP = "e9e30dba-f08f-4109-8486-d5c6a331660a";
    private static final String ACCESS_LIST_ADMIN = "access-list-admin";
    private static final String BROADCAST_REQUEST = "0b8e5f7a-3c2d-4e19-b6a4-7d1f9c0e2a35";
    private static final Cause CAUSE = new Cause(REQUEST, DIRECTORY, DIRECTORY, ACCEPTED);

    private static final AccessList REQUESTERS = new AccessList(AccessList.KIND, AccessList.VERSION,
            new AccessList.Metadata("scim-group-requester", "Members may request access", Map.of("team", "platform")),
            new AccessList.Spec("GroupRequester", "Synced from the identity provider's GroupRequester group",
                    AccessList.TYPE_SCIM,
                    new AccessList.Grants(List.of("requester"), Map.of("logins", List.of("ubuntu", "ec2-user"))),
                    List.of(new AccessList.Owner("admin", "Platform team")),
                    new AccessList.Requires(List.of(), Map.of()), new AccessList.Requires(List.of("owner"), null),
                    null));
    private static final AccessList REVIEWED = new AccessList(AccessList.KIND, AccessList.VERSION,
            new AccessList.Metadata("production-admins", null, null),
            new AccessList.Spec("ProductionAdmins", null, "default",
                    new AccessList.Grants(List.of("access", "editor"), Map.of("logins", List.of("root"))),
                    List.of(new AccessList.Owner("security-lead", null)), null, null,
                    new AccessList.Audit(new AccessList.Recurrence(6, 1), "2025-09-01T00:00:00Z",
                            Map.of("start", "336h", "channels", List.of("slack")))));
    private static final AccessList WITHOUT_GRANTS = new AccessList(AccessList.KIND, AccessList.VERSION,
            new AccessList.Metadata("scim-auditors", null, null),
            new AccessList.Spec("Auditors", null, AccessList.TYPE_SCIM, null, null, null, null, null));

    private static final Map<String, JsonNode> SCHEMAS = loadSchemas();
    private static final SchemaRegistry REGISTRY = registry(SCHEMAS);
    private static final SchemaRegistry STRICT_REGISTRY = registry(strict(SCHEMAS));

    // ---------------------------------------------------------------- (1) one schema per topic

    @Test
    void shouldHaveASchemaFileForEveryTopic() {
        for (Topic<?, ?> topic : Topics.withJsonPayload()) {
            assertThat(TopicSchemasTest.class.getResource(resource(topic)))
                    .as("schema of topic %s", topic.name())
                    .isNotNull();
        }
    }

    @Test
    void shouldHaveNoSchemaFileWithoutATopic() throws IOException, URISyntaxException {
        URL dir = TopicSchemasTest.class.getResource(SCHEMA_DIR);
        assertThat(dir).isNotNull();
        Set<String> files;
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(
                Topics.withJsonPayload().stream().map(t -> t.name() + ".schema.json").toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void shouldBeAValidDraft202012SchemaThatNamesTheTopicAndItsKey(Topic<?, ?> topic) {
        // Given
        JsonNode schema = SCHEMAS.get(topic.name());
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of(DRAFT_2020_12));

        // When
        List<Error> errors = metaSchema.validate(schema);

        // Then
        assertThat(errors).isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
        assertThat(schema.path("$id").asText()).isEqualTo(id(topic));
        assertThat(schema.path("title").asText()).contains(topic.name());
        assertThat(schema.path("description").asText()).contains(topic.name()).contains("Record key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void shouldAcceptItsOwnExamples(Topic<?, ?> topic) {
        JsonNode examples = SCHEMAS.get(topic.name()).path("examples");
        assertThat(examples.size()).isPositive();
        for (JsonNode example : examples) {
            assertThat(topicSchema(topic).validate(example)).as("example %s", example).isEmpty();
        }
    }

    @Test
    void shouldKeepSharedDefinitionsIdenticalAcrossTopics() {
        JsonNode membership = SCHEMAS.get(Topics.MEMBERSHIP.name());
        assertThat(membership.at("/$defs/Cause")).isEqualTo(SCHEMAS.get(Topics.EVENTS.name()).at("/$defs/Cause"));
        assertThat(membership.at("/$defs/Grants"))
                .isEqualTo(SCHEMAS.get(Topics.ACCESS_LISTS.name()).at("/$defs/Grants"));

        // the access list carried by ApplyAccessList is the document of accesslists.v1
        JsonNode commands = SCHEMAS.get(Topics.COMMANDS.name());
        JsonNode accessLists = SCHEMAS.get(Topics.ACCESS_LISTS.name());
        for (String shared : List.of("properties", "required", "additionalProperties")) {
            assertThat(commands.at("/$defs/AccessList/" + shared)).as(shared)
                    .isEqualTo(accessLists.path(shared));
        }
        accessLists.path("$defs").properties().forEach(def -> assertThat(commands.at("/$defs/" + def.getKey()))
                .as(def.getKey())
                .isEqualTo(def.getValue()));
    }

    @Test
    void shouldDocumentTheKeyAndDirectoryOfTheBroadcastAccessListCommands() {
        JsonNode schema = SCHEMAS.get(Topics.COMMANDS.name());
        assertThat(schema.path("description").asText())
                .contains("accesslist:<name>")
                .contains("\"" + CommandEnvelope.ALL_DIRECTORIES + "\"")
                .contains(ACCESS_LIST_ADMIN);
        assertThat(schema.at("/properties/directoryId/description").asText())
                .contains("\"" + CommandEnvelope.ALL_DIRECTORIES + "\"");
        for (String type : List.of("ApplyAccessList", "RemoveAccessList")) {
            assertThat(schema.at("/$defs/" + type + "/description").asText()).as(type)
                    .contains("accesslist:<name>");
        }
    }

    // ---------------------------------------------------------------- (2) what the records write validates

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void shouldValidateWhatTheTopicSerdeWritesAgainstTheTopicSchema(Payload<?> payload) {
        // Given
        JsonNode written = payload.written();

        // When
        List<Error> errors = topicSchema(payload.topic()).validate(written);

        // Then
        assertThat(errors).as("%s", written).isEmpty();
    }

    /**
     * The published schemas allow additional properties so that the contract can grow; the same
     * schemas with every {@code "additionalProperties": true} turned to {@code false} prove that
     * each property the records write is declared (and documented).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void shouldDeclareEveryPropertyTheRecordsWrite(Payload<?> payload) {
        JsonNode written = payload.written();
        Schema strict = STRICT_REGISTRY.getSchema(SchemaLocation.of(id(payload.topic())));
        assertThat(strict.validate(written)).as("%s", written).isEmpty();
    }

    @Test
    void shouldCoverEveryTopicSubtypeAndChangeKindWithAPayload() {
        List<Payload<?>> payloads = payloads().<Payload<?>>map(a -> (Payload<?>) ((Named<?>) a.get()[0]).getPayload())
                .toList();
        Set<Class<?>> seen = new HashSet<>();
        Set<ChangeKind> kinds = new HashSet<>();
        payloads.stream().map(Payload::value).forEach(v -> {
            seen.add(v.getClass());
            if (v instanceof CommandEnvelope envelope) {
                seen.add(envelope.command().getClass());
                if (envelope.command() instanceof Command.PatchGroup patch) {
                    patch.edits().forEach(edit -> seen.add(edit.getClass()));
                }
            }
            if (v instanceof MembershipChange change) {
                kinds.add(change.change());
            }
        });
        assertThat(seen).contains(Command.class.getPermittedSubclasses())
                .contains(GroupEdit.class.getPermittedSubclasses())
                .contains(DirectoryEvent.class.getPermittedSubclasses());
        assertThat(kinds).containsExactlyInAnyOrder(ChangeKind.values());
        assertThat(payloads.stream().map(p -> p.topic().name()).distinct())
                .containsExactlyInAnyOrderElementsOf(Topics.withJsonPayload().stream().map(Topic::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hierarchies")
    void shouldDiscriminateEverySubtypeByItsJsonSubTypesName(Class<?> sealed, Topic<?, ?> topic, String pointer) {
        // Given
        JsonNode schema = SCHEMAS.get(topic.name());
        String property = sealed.getAnnotation(JsonTypeInfo.class).property();
        Map<Class<?>, String> names = new LinkedHashMap<>();
        for (JsonSubTypes.Type type : sealed.getAnnotation(JsonSubTypes.class).value()) {
            names.put(type.value(), type.name());
        }

        // When
        Set<String> oneOf = stream(schema.at(pointer + "/oneOf")).map(n -> n.path("$ref").asText())
                .collect(Collectors.toSet());

        // Then
        assertThat(names.keySet()).containsExactlyInAnyOrder(sealed.getPermittedSubclasses());
        assertThat(oneOf).containsExactlyInAnyOrderElementsOf(
                names.values().stream().map(name -> "#/$defs/" + name).toList());
        for (String name : names.values()) {
            JsonNode def = schema.at("/$defs/" + name);
            assertThat(def.at("/properties/" + property + "/const").asText()).as(name).isEqualTo(name);
            assertThat(stream(def.path("required")).map(JsonNode::asText)).as(name).contains(property);
        }
    }

    @Test
    void shouldListExactlyTheChangeKindsOfTheEnum() {
        JsonNode kinds = SCHEMAS.get(Topics.MEMBERSHIP.name()).at("/$defs/ChangeKind/enum");
        assertThat(stream(kinds).map(JsonNode::asText))
                .containsExactly(Arrays.stream(ChangeKind.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void shouldDocumentEveryPropertyOfTheMembershipChange() {
        JsonNode schema = SCHEMAS.get(Topics.MEMBERSHIP.name());
        List<JsonNode> objects = List.of(schema, schema.at("/$defs/ListRef"), schema.at("/$defs/Grants"),
                schema.at("/$defs/Cause"));
        for (JsonNode object : objects) {
            object.path("properties").properties().forEach(property -> assertThat(
                    property.getValue().path("description").asText())
                    .as("description of %s", property.getKey())
                    .isNotBlank());
        }
        for (String component : recordComponents(MembershipChange.class)) {
            assertThat(schema.path("properties").has(component)).as(component).isTrue();
        }
        for (String component : recordComponents(ListRef.class)) {
            assertThat(schema.at("/$defs/ListRef/properties").has(component)).as(component).isTrue();
        }
    }

    /**
     * A record built with {@code null} for every component it accepts as null (and the empty
     * list where it copies one) writes exactly its always-written properties; the schema must
     * require exactly those, and accept that minimal document.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("minimalValues")
    void shouldRequireExactlyWhatTheRecordsAlwaysWrite(String label, Topic<?, ?> topic, String pointer,
                                                       Class<?> declared, Object minimal) throws IOException {
        // Given
        JsonNode written = MAPPER.readTree(MAPPER.writerFor(declared).writeValueAsBytes(minimal));
        JsonNode definition = SCHEMAS.get(topic.name()).at(pointer);
        assertThat(definition.isMissingNode()).as(pointer).isFalse();

        // When
        Set<String> required = stream(definition.path("required")).map(JsonNode::asText).collect(Collectors.toSet());

        // Then
        assertThat(fieldNames(written)).as("%s writes", label).containsExactlyInAnyOrderElementsOf(required);
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(id(topic) + "#" + pointer));
        assertThat(schema.validate(written)).as("%s", written).isEmpty();
    }

    @Test
    void shouldAcceptPropertiesTheSchemaDoesNotKnowYet() {
        // Given: a later v1 producer that adds optional properties at every level
        ObjectNode change = (ObjectNode) new Payload<>(Topics.MEMBERSHIP, membership(ChangeKind.ADDED)).written();
        change.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        ((ObjectNode) change.get("accessList")).put("revision", 7);
        ((ObjectNode) change.get("cause")).put("sourceIp", "192.0.2.10");
        ObjectNode envelope = (ObjectNode) new Payload<>(Topics.COMMANDS,
                envelope(new Command.DeleteUser(BARBARA))).written();
        ((ObjectNode) envelope.get("command")).put("reason", "offboarding");
        ObjectNode apply = (ObjectNode) new Payload<>(Topics.COMMANDS,
                broadcast(new Command.ApplyAccessList(REQUESTERS))).written();
        ((ObjectNode) apply.at("/command/accessList/metadata")).put("revision", "b3f1c0de-6a1e-4f0e-9d55-1c2b3a4d5e6f");
        ((ObjectNode) apply.at("/command/accessList/spec")).putObject("owner_grants").putArray("roles");

        // When / Then
        assertThat(topicSchema(Topics.MEMBERSHIP).validate(change)).isEmpty();
        assertThat(topicSchema(Topics.COMMANDS).validate(envelope)).isEmpty();
        assertThat(topicSchema(Topics.COMMANDS).validate(apply)).isEmpty();
    }

    // ---------------------------------------------------------------- (3) invalid documents are rejected

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void shouldRejectInvalidDocuments(String label, Topic<?, ?> topic, JsonNode valid, JsonNode document,
                                      String keyword) {
        // Given: the document was valid before it was broken
        assertThat(topicSchema(topic).validate(valid)).as("%s", valid).isEmpty();

        // When
        List<Error> errors = topicSchema(topic).validate(document);

        // Then
        assertThat(errors).as("%s", document).isNotEmpty();
        if (keyword != null) {
            assertThat(errors).extracting(Error::getKeyword).contains(keyword);
        }
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                invalid("membership without userId", Topics.MEMBERSHIP, membership(ChangeKind.ADDED),
                        doc -> doc.remove("userId"), "required"),
                invalid("membership without cause", Topics.MEMBERSHIP, membership(ChangeKind.REMOVED),
                        doc -> doc.remove("cause"), "required"),
                invalid("membership without accessList", Topics.MEMBERSHIP, membership(ChangeKind.REMOVED),
                        doc -> doc.remove("accessList"), "required"),
                invalid("unknown change kind", Topics.MEMBERSHIP, membership(ChangeKind.ADDED),
                        doc -> doc.put("change", "DELETED"), "enum"),
                invalid("change kind in lower case", Topics.MEMBERSHIP, membership(ChangeKind.ADDED),
                        doc -> doc.put("change", "added"), "enum"),
                invalid("cause without timestamp", Topics.MEMBERSHIP, membership(ChangeKind.ADDED),
                        doc -> ((ObjectNode) doc.get("cause")).remove("timestamp"), "required"),
                invalid("cause timestamp not a date-time", Topics.MEMBERSHIP, membership(ChangeKind.ADDED),
                        doc -> ((ObjectNode) doc.get("cause")).put("timestamp", "yesterday"), "format"),
                invalid("grants with a non-string role", Topics.MEMBERSHIP, membership(ChangeKind.ADDED),
                        doc -> ((ArrayNode) doc.at("/accessList/grants/roles")).add(42), "type"),
                invalid("unknown command type", Topics.COMMANDS, envelope(new Command.DeleteUser(BARBARA)),
                        doc -> ((ObjectNode) doc.get("command")).put("type", "RenameUser"), "oneOf"),
                invalid("command without type", Topics.COMMANDS, envelope(new Command.DeleteUser(BARBARA)),
                        doc -> ((ObjectNode) doc.get("command")).remove("type"), "oneOf"),
                invalid("command of one type with the shape of another", Topics.COMMANDS,
                        envelope(new Command.DeleteUser(BARBARA)),
                        doc -> ((ObjectNode) doc.get("command")).put("type", "DeleteGroup"), "oneOf"),
                invalid("unknown group edit", Topics.COMMANDS,
                        envelope(new Command.PatchGroup(GROUP, List.of(new GroupEdit.AddMembers(List.of(MARK))))),
                        doc -> ((ObjectNode) doc.at("/command/edits/0")).put("edit", "RenameGroup"), "oneOf"),
                invalid("unknown PATCH op", Topics.COMMANDS,
                        envelope(new Command.PatchUser(BARBARA, List.of(new PatchOperation("remove", "title", null)))),
                        doc -> ((ObjectNode) doc.at("/command/operations/0")).put("op", "move"), "oneOf"),
                invalid("ApplyAccessList without accessList", Topics.COMMANDS,
                        broadcast(new Command.ApplyAccessList(REQUESTERS)),
                        doc -> ((ObjectNode) doc.get("command")).remove("accessList"), "oneOf"),
                invalid("ApplyAccessList of a resource of another kind", Topics.COMMANDS,
                        broadcast(new Command.ApplyAccessList(REQUESTERS)),
                        doc -> ((ObjectNode) doc.at("/command/accessList")).put("kind", "role"), "oneOf"),
                invalid("ApplyAccessList with an access list without spec", Topics.COMMANDS,
                        broadcast(new Command.ApplyAccessList(REVIEWED)),
                        doc -> ((ObjectNode) doc.at("/command/accessList")).remove("spec"), "oneOf"),
                invalid("ApplyAccessList auditing every two months", Topics.COMMANDS,
                        broadcast(new Command.ApplyAccessList(REVIEWED)),
                        doc -> ((ObjectNode) doc.at("/command/accessList/spec/audit/recurrence")).put("frequency", 2),
                        "oneOf"),
                invalid("RemoveAccessList without name", Topics.COMMANDS,
                        broadcast(new Command.RemoveAccessList("scim-group-requester")),
                        doc -> ((ObjectNode) doc.get("command")).remove("name"), "oneOf"),
                invalid("RemoveAccessList naming the list by a number", Topics.COMMANDS,
                        broadcast(new Command.RemoveAccessList("scim-group-requester")),
                        doc -> ((ObjectNode) doc.get("command")).put("name", 42), "oneOf"),
                invalid("envelope without timestamp", Topics.COMMANDS, envelope(new Command.DeleteUser(BARBARA)),
                        doc -> doc.remove("timestamp"), "required"),
                invalid("timestamp written as epoch seconds", Topics.COMMANDS, envelope(new Command.DeleteUser(BARBARA)),
                        doc -> doc.put("timestamp", 1710408413.589), "type"),
                invalid("unknown event type", Topics.EVENTS, new DirectoryEvent.UserUpdated(BARBARA, "bjensen", CAUSE),
                        doc -> doc.put("type", "UserRenamed"), "oneOf"),
                invalid("UserProvisioned without active", Topics.EVENTS,
                        new DirectoryEvent.UserProvisioned(BARBARA, "bjensen", true, CAUSE),
                        doc -> doc.remove("active"), "oneOf"),
                invalid("outcome without status", Topics.OUTCOMES, Outcome.failure(REQUEST, 404, null, "not found"),
                        doc -> doc.remove("status"), "required"),
                invalid("outcome status as a string", Topics.OUTCOMES, Outcome.failure(REQUEST, 404, null, "not found"),
                        doc -> doc.put("status", "404"), "type"),
                invalid("access list of another kind", Topics.ACCESS_LISTS, REQUESTERS,
                        doc -> doc.put("kind", "role"), "const"),
                invalid("access list without spec", Topics.ACCESS_LISTS, REQUESTERS,
                        doc -> doc.remove("spec"), "required"),
                invalid("audit every two months", Topics.ACCESS_LISTS, REVIEWED,
                        doc -> ((ObjectNode) doc.at("/spec/audit/recurrence")).put("frequency", 2), "enum"),
                invalid("integration without secret hash", Topics.INTEGRATIONS, integration(),
                        doc -> doc.remove("secretHash"), "required"),
                invalid("integration with a plain secret", Topics.INTEGRATIONS, integration(),
                        doc -> doc.put("clientSecret", "s3cr3t"), null));
    }

    // ---------------------------------------------------------------- payloads

    /** One value of a topic, written with the topic's own value serde. */
    record Payload<V>(Topic<?, V> topic, V value) {
        JsonNode written() {
            byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
            try {
                return MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Stream<Arguments> payloads() {
        ObjectNode replaceValue = MAPPER.createObjectNode();
        replaceValue.put("displayName", "Babs Jensen");
        replaceValue.put("active", false);
        return Stream.of(
                // scim.commands.v1: every command, every group edit, every PATCH op
                payload("CreateUser", Topics.COMMANDS, envelope(new Command.CreateUser(BARBARA,
                        scimUser("bjensen@example.com", true)))),
                payload("ReplaceUser", Topics.COMMANDS, envelope(new Command.ReplaceUser(BARBARA,
                        scimUser("barbara.jensen@example.com", false)))),
                payload("PatchUser", Topics.COMMANDS, envelope(new Command.PatchUser(BARBARA, List.of(
                        new PatchOperation("Replace", null, replaceValue),
                        new PatchOperation("add", "emails[type eq \"home\"].value", TextNode.valueOf("babs@home.example")),
                        new PatchOperation("remove", "title", null),
                        new PatchOperation("replace", "active", BooleanNode.TRUE))))),
                payload("DeleteUser", Topics.COMMANDS, envelope(new Command.DeleteUser(BARBARA))),
                payload("CreateGroup", Topics.COMMANDS, envelope(new Command.CreateGroup(GROUP, "GroupRequester",
                        "00g1requesters", List.of(BARBARA, MARK)))),
                payload("CreateGroup without members", Topics.COMMANDS, envelope(new Command.CreateGroup(GROUP,
                        "GroupRequester", null, List.of()))),
                payload("ReplaceGroup", Topics.COMMANDS, envelope(new Command.ReplaceGroup(GROUP, "GroupRequester",
                        "00g1requesters", List.of(MARK)))),
                payload("ReplaceGroup leaving members as they are", Topics.COMMANDS,
                        envelope(new Command.ReplaceGroup(GROUP, "Auditors", null, null))),
                payload("PatchGroup", Topics.COMMANDS, envelope(new Command.PatchGroup(GROUP, List.of(
                        new GroupEdit.SetDisplayName("Auditors"),
                        new GroupEdit.SetExternalId("00g1auditors"),
                        new GroupEdit.SetExternalId(null),
                        new GroupEdit.AddMembers(List.of(BARBARA, MARK)),
                        new GroupEdit.RemoveMembers(List.of(MARK)),
                        new GroupEdit.ReplaceMembers(List.of()))))),
                payload("DeleteGroup", Topics.COMMANDS, envelope(new Command.DeleteGroup(GROUP))),
                payload("ContinueGroupJob", Topics.COMMANDS, envelope(new Command.ContinueGroupJob(GROUP, 3, 12))),
                payload("Bulk", Topics.COMMANDS, envelope(new Command.Bulk(List.of(
                        new BulkOperation("POST", "qwerty", "/Users", null,
                                new Command.CreateUser(BARBARA, scimUser("bjensen@example.com", true)), null),
                        new BulkOperation("PATCH", null, "/Groups/" + GROUP, "W/\"3\"", new Command.PatchGroup(GROUP,
                                List.of(new GroupEdit.AddMembers(List.of(BARBARA)))), null),
                        new BulkOperation("GET", null, "/Users", null, null,
                                new BulkOperation.Refusal(400, "invalidSyntax", "method must be POST, PUT, PATCH or DELETE"))),
                        1))),
                payload("PatchUser with a precondition", Topics.COMMANDS, new CommandEnvelope(REQUEST, DIRECTORY,
                        DIRECTORY, ACCEPTED, new Command.PatchUser(BARBARA, List.of(new PatchOperation("remove", "title",
                        null))), "fingerprint", "okta", "W/\"4\"")),
                // scim.commands.v1: Access List changes, broadcast to every directory
                payload("ApplyAccessList of a scim list", Topics.COMMANDS,
                        broadcast(new Command.ApplyAccessList(REQUESTERS))),
                payload("ApplyAccessList of a reviewed list", Topics.COMMANDS,
                        broadcast(new Command.ApplyAccessList(REVIEWED))),
                payload("ApplyAccessList of a list without grants", Topics.COMMANDS,
                        broadcast(new Command.ApplyAccessList(WITHOUT_GRANTS))),
                payload("RemoveAccessList", Topics.COMMANDS,
                        broadcast(new Command.RemoveAccessList("scim-auditors"))),
                // scim.outcomes.v1
                payload("user created", Topics.OUTCOMES, Outcome.success(REQUEST, 201, MAPPER.valueToTree(
                        new StoredUser(BARBARA, scimUser("bjensen@example.com", true), ACCEPTED, ACCEPTED, 1)))),
                payload("bulk answered", Topics.OUTCOMES, Outcome.success(REQUEST, 200, MAPPER.valueToTree(List.of(
                        new BulkResult("POST", "qwerty", "User", BARBARA, 1L, 201, null, null),
                        new BulkResult("PATCH", null, "Group", GROUP, null, 412, null, "Group has changed"))))),
                payload("group created", Topics.OUTCOMES, Outcome.success(REQUEST, 201, MAPPER.valueToTree(
                        new GroupView(new StoredGroup(GROUP, "GroupRequester", "00g1requesters", "scim-group-requester",
                                ACCEPTED, LATER, 3, 0), List.of(
                                new GroupView.MemberView(BARBARA, "bjensen@example.com", false),
                                new GroupView.MemberView(MARK, "mark@example.com", true)))))),
                payload("group without members requested", Topics.OUTCOMES, Outcome.success(REQUEST, 200,
                        MAPPER.valueToTree(new GroupView(new StoredGroup(GROUP, "Auditors", null, "scim-auditors",
                                ACCEPTED, ACCEPTED, 1, 2), null)))),
                payload("deleted", Topics.OUTCOMES, Outcome.success(REQUEST, 204, null)),
                payload("uniqueness conflict", Topics.OUTCOMES, Outcome.failure(REQUEST, 409, "uniqueness",
                        "userName \"bjensen@example.com\" is already taken")),
                payload("internal error", Topics.OUTCOMES, Outcome.failure(REQUEST, 500, null, "internal error")),
                // scim.events.v1: every event
                payload("UserProvisioned", Topics.EVENTS,
                        new DirectoryEvent.UserProvisioned(BARBARA, "bjensen@example.com", true, CAUSE)),
                payload("UserProvisioned inactive", Topics.EVENTS,
                        new DirectoryEvent.UserProvisioned(MARK, "mark@example.com", false, CAUSE)),
                payload("UserUpdated", Topics.EVENTS,
                        new DirectoryEvent.UserUpdated(BARBARA, "barbara.jensen@example.com", CAUSE)),
                payload("UserDeactivated", Topics.EVENTS,
                        new DirectoryEvent.UserDeactivated(BARBARA, "bjensen@example.com", CAUSE)),
                payload("UserReactivated", Topics.EVENTS,
                        new DirectoryEvent.UserReactivated(BARBARA, "bjensen@example.com", CAUSE)),
                payload("UserDeleted", Topics.EVENTS,
                        new DirectoryEvent.UserDeleted(BARBARA, "bjensen@example.com", CAUSE)),
                payload("GroupLinked", Topics.EVENTS,
                        new DirectoryEvent.GroupLinked(GROUP, "GroupRequester", "scim-group-requester", CAUSE)),
                payload("GroupRenamed", Topics.EVENTS, new DirectoryEvent.GroupRenamed(GROUP, "GroupRequester",
                        "Auditors", "scim-group-requester", "scim-auditors", CAUSE)),
                payload("GroupUnlinked", Topics.EVENTS,
                        new DirectoryEvent.GroupUnlinked(GROUP, "Auditors", "scim-auditors", CAUSE)),
                payload("MemberAdded", Topics.EVENTS,
                        new DirectoryEvent.MemberAdded(GROUP, "scim-group-requester", BARBARA, CAUSE)),
                payload("MemberRemoved", Topics.EVENTS,
                        new DirectoryEvent.MemberRemoved(GROUP, "scim-group-requester", BARBARA, CAUSE)),
                // accesslist.membership.v1: every change kind
                payload("ADDED", Topics.MEMBERSHIP, membership(ChangeKind.ADDED)),
                payload("REMOVED", Topics.MEMBERSHIP, membership(ChangeKind.REMOVED)),
                payload("SUSPENDED", Topics.MEMBERSHIP, membership(ChangeKind.SUSPENDED)),
                payload("RESTORED", Topics.MEMBERSHIP, membership(ChangeKind.RESTORED)),
                payload("UPDATED", Topics.MEMBERSHIP, new MembershipChange(ListRef.of(REQUESTERS), BARBARA,
                        "barbara.jensen@example.com", ChangeKind.UPDATED, GROUP,
                        new Cause(REQUEST, DIRECTORY, DIRECTORY, LATER), "bjensen@example.com")),
                payload("REMOVED of a user no longer known", Topics.MEMBERSHIP, new MembershipChange(
                        ListRef.of(REQUESTERS), MARK, null, ChangeKind.REMOVED, GROUP, CAUSE, null)),
                payload("ADDED to a list without grants", Topics.MEMBERSHIP, new MembershipChange(
                        ListRef.of(WITHOUT_GRANTS), BARBARA, "bjensen@example.com", ChangeKind.ADDED, GROUP, CAUSE,
                        null)),
                // accesslists.v1
                payload("scim list", Topics.ACCESS_LISTS, REQUESTERS),
                payload("reviewed list", Topics.ACCESS_LISTS, REVIEWED),
                payload("list without grants", Topics.ACCESS_LISTS, WITHOUT_GRANTS),
                // scim.integrations.v1
                payload("integration", Topics.INTEGRATIONS, integration()),
                payload("integration activity", Topics.INTEGRATION_ACTIVITY, new IntegrationActivity("okta-prod",
                        new IntegrationActivity.Request(Instant.parse("2025-03-01T08:00:05Z"), "GET /Users", 200, null, null),
                        new IntegrationActivity.Request(Instant.parse("2025-03-01T07:59:58Z"), "POST /Users", 409,
                                "uniqueness", "a user with this userName already exists"))),
                payload("effective grants", Topics.GRANTS, new EffectiveGrants(DIRECTORY, "okta", BARBARA,
                        "bjensen@example.com", List.of("access", "requester"), Map.of("logins", List.of("ubuntu")),
                        List.of("scim-group-requester"), CAUSE)),
                payload("effective grants emptied, connector unknown", Topics.GRANTS, new EffectiveGrants(DIRECTORY,
                        null, BARBARA, "bjensen@example.com", List.of(), Map.of(), List.of(), CAUSE)),
                payload("DeleteUser naming the SAML connector", Topics.COMMANDS, new CommandEnvelope(REQUEST, DIRECTORY,
                        DIRECTORY, ACCEPTED, new Command.DeleteUser(BARBARA), "fp", "okta")),
                payload("SAML connector", Topics.SAML_CONNECTORS, new SamlConnector("okta",
                        "http://www.okta.com/exk1", "https://example.okta.com/sso/saml", Instant.parse("2025-03-01T08:00:00Z"))),
                payload("integration without name and times", Topics.INTEGRATIONS, new ScimIntegration("jumpcloud",
                        null, "jumpcloud-saml", "AAECAwQFBgcICQoLDA0ODw", "n9Tq2o0gVv0m7mX5Hq1c8b3kPp3Lw6Yf3dW8kq2Xr7s",
                        "sha256-salted", null, null)));
    }

    static Stream<Arguments> minimalValues() {
        Cause cause = new Cause(REQUEST, null, null, ACCEPTED);
        return Stream.of(
                minimal("CommandEnvelope", Topics.COMMANDS, "", CommandEnvelope.class,
                        new CommandEnvelope(REQUEST, DIRECTORY, DIRECTORY, ACCEPTED, new Command.DeleteUser(BARBARA))),
                minimal("CreateUser", Topics.COMMANDS, "/$defs/CreateUser", Command.class,
                        new Command.CreateUser(BARBARA, MAPPER.createObjectNode())),
                minimal("ReplaceUser", Topics.COMMANDS, "/$defs/ReplaceUser", Command.class,
                        new Command.ReplaceUser(BARBARA, MAPPER.createObjectNode())),
                minimal("PatchUser", Topics.COMMANDS, "/$defs/PatchUser", Command.class,
                        new Command.PatchUser(BARBARA, List.of())),
                minimal("DeleteUser", Topics.COMMANDS, "/$defs/DeleteUser", Command.class,
                        new Command.DeleteUser(BARBARA)),
                minimal("CreateGroup", Topics.COMMANDS, "/$defs/CreateGroup", Command.class,
                        new Command.CreateGroup(GROUP, "G", null, List.of())),
                minimal("ReplaceGroup", Topics.COMMANDS, "/$defs/ReplaceGroup", Command.class,
                        new Command.ReplaceGroup(GROUP, "G", null, null)),
                minimal("PatchGroup", Topics.COMMANDS, "/$defs/PatchGroup", Command.class,
                        new Command.PatchGroup(GROUP, List.of())),
                minimal("DeleteGroup", Topics.COMMANDS, "/$defs/DeleteGroup", Command.class,
                        new Command.DeleteGroup(GROUP)),
                minimal("ApplyAccessList", Topics.COMMANDS, "/$defs/ApplyAccessList", Command.class,
                        new Command.ApplyAccessList(new AccessList(null, null, new AccessList.Metadata(null, null, null),
                                new AccessList.Spec(null, null, null, null, null, null, null, null)))),
                minimal("RemoveAccessList", Topics.COMMANDS, "/$defs/RemoveAccessList", Command.class,
                        new Command.RemoveAccessList("l")),
                minimal("ContinueGroupJob", Topics.COMMANDS, "/$defs/ContinueGroupJob", Command.class,
                        new Command.ContinueGroupJob(GROUP, 0, 0)),
                minimal("Bulk", Topics.COMMANDS, "/$defs/Bulk", Command.class, new Command.Bulk(List.of(), 0)),
                minimal("BulkResult", Topics.OUTCOMES, "/$defs/BulkResult", BulkResult.class,
                        new BulkResult("DELETE", null, null, null, null, 204, null, null)),
                minimal("AccessList of a command", Topics.COMMANDS, "/$defs/AccessList", AccessList.class,
                        new AccessList(null, null, new AccessList.Metadata(null, null, null),
                                new AccessList.Spec(null, null, null, null, null, null, null, null))),
                minimal("PatchOperation", Topics.COMMANDS, "/$defs/PatchOperation", PatchOperation.class,
                        new PatchOperation("remove", null, null)),
                minimal("SetDisplayName", Topics.COMMANDS, "/$defs/SetDisplayName", GroupEdit.class,
                        new GroupEdit.SetDisplayName("G")),
                minimal("SetExternalId", Topics.COMMANDS, "/$defs/SetExternalId", GroupEdit.class,
                        new GroupEdit.SetExternalId(null)),
                minimal("AddMembers", Topics.COMMANDS, "/$defs/AddMembers", GroupEdit.class,
                        new GroupEdit.AddMembers(List.of())),
                minimal("RemoveMembers", Topics.COMMANDS, "/$defs/RemoveMembers", GroupEdit.class,
                        new GroupEdit.RemoveMembers(List.of())),
                minimal("ReplaceMembers", Topics.COMMANDS, "/$defs/ReplaceMembers", GroupEdit.class,
                        new GroupEdit.ReplaceMembers(List.of())),
                minimal("Outcome", Topics.OUTCOMES, "", Outcome.class, new Outcome(REQUEST, 204, null, null, null)),
                minimal("StoredUser", Topics.OUTCOMES, "/$defs/StoredUser", StoredUser.class,
                        new StoredUser(BARBARA, MAPPER.createObjectNode(), null, null, 0)),
                minimal("GroupView", Topics.OUTCOMES, "/$defs/GroupView", GroupView.class,
                        new GroupView(new StoredGroup(GROUP, "G", null, "l", null, null, 0, 0), null)),
                minimal("StoredGroup", Topics.OUTCOMES, "/$defs/StoredGroup", StoredGroup.class,
                        new StoredGroup(GROUP, "G", null, "l", null, null, 0, 0)),
                minimal("MemberView", Topics.OUTCOMES, "/$defs/MemberView", GroupView.MemberView.class,
                        new GroupView.MemberView(null, null, false)),
                minimal("UserProvisioned", Topics.EVENTS, "/$defs/UserProvisioned", DirectoryEvent.class,
                        new DirectoryEvent.UserProvisioned(null, null, false, null)),
                minimal("UserUpdated", Topics.EVENTS, "/$defs/UserUpdated", DirectoryEvent.class,
                        new DirectoryEvent.UserUpdated(null, null, null)),
                minimal("UserDeactivated", Topics.EVENTS, "/$defs/UserDeactivated", DirectoryEvent.class,
                        new DirectoryEvent.UserDeactivated(null, null, null)),
                minimal("UserReactivated", Topics.EVENTS, "/$defs/UserReactivated", DirectoryEvent.class,
                        new DirectoryEvent.UserReactivated(null, null, null)),
                minimal("UserDeleted", Topics.EVENTS, "/$defs/UserDeleted", DirectoryEvent.class,
                        new DirectoryEvent.UserDeleted(null, null, null)),
                minimal("GroupLinked", Topics.EVENTS, "/$defs/GroupLinked", DirectoryEvent.class,
                        new DirectoryEvent.GroupLinked(null, null, null, null)),
                minimal("GroupRenamed", Topics.EVENTS, "/$defs/GroupRenamed", DirectoryEvent.class,
                        new DirectoryEvent.GroupRenamed(null, null, null, null, null, null)),
                minimal("GroupUnlinked", Topics.EVENTS, "/$defs/GroupUnlinked", DirectoryEvent.class,
                        new DirectoryEvent.GroupUnlinked(null, null, null, null)),
                minimal("MemberAdded", Topics.EVENTS, "/$defs/MemberAdded", DirectoryEvent.class,
                        new DirectoryEvent.MemberAdded(null, null, null, null)),
                minimal("MemberRemoved", Topics.EVENTS, "/$defs/MemberRemoved", DirectoryEvent.class,
                        new DirectoryEvent.MemberRemoved(null, null, null, null)),
                minimal("Cause of an event", Topics.EVENTS, "/$defs/Cause", Cause.class, cause),
                minimal("MembershipChange", Topics.MEMBERSHIP, "", MembershipChange.class,
                        new MembershipChange(new ListRef(null, null, null, null), BARBARA, null, ChangeKind.ADDED,
                                null, cause, null)),
                minimal("ListRef", Topics.MEMBERSHIP, "/$defs/ListRef", ListRef.class,
                        new ListRef(null, null, null, null)),
                minimal("Grants of a membership change", Topics.MEMBERSHIP, "/$defs/Grants", AccessList.Grants.class,
                        new AccessList.Grants(null, null)),
                minimal("Cause of a membership change", Topics.MEMBERSHIP, "/$defs/Cause", Cause.class, cause),
                minimal("AccessList", Topics.ACCESS_LISTS, "", AccessList.class, new AccessList(null, null,
                        new AccessList.Metadata(null, null, null),
                        new AccessList.Spec(null, null, null, null, null, null, null, null))),
                minimal("Metadata", Topics.ACCESS_LISTS, "/$defs/Metadata", AccessList.Metadata.class,
                        new AccessList.Metadata(null, null, null)),
                minimal("Spec", Topics.ACCESS_LISTS, "/$defs/Spec", AccessList.Spec.class,
                        new AccessList.Spec(null, null, null, null, null, null, null, null)),
                minimal("Grants", Topics.ACCESS_LISTS, "/$defs/Grants", AccessList.Grants.class,
                        new AccessList.Grants(null, null)),
                minimal("Owner", Topics.ACCESS_LISTS, "/$defs/Owner", AccessList.Owner.class,
                        new AccessList.Owner(null, null)),
                minimal("Requires", Topics.ACCESS_LISTS, "/$defs/Requires", AccessList.Requires.class,
                        new AccessList.Requires(null, null)),
                minimal("Audit", Topics.ACCESS_LISTS, "/$defs/Audit", AccessList.Audit.class,
                        new AccessList.Audit(null, null, null)),
                minimal("Recurrence", Topics.ACCESS_LISTS, "/$defs/Recurrence", AccessList.Recurrence.class,
                        new AccessList.Recurrence(null, null)),
                minimal("IntegrationActivity", Topics.INTEGRATION_ACTIVITY, "", IntegrationActivity.class,
                        new IntegrationActivity("okta-prod", null, null)),
                minimal("ActivityRequest", Topics.INTEGRATION_ACTIVITY, "/$defs/Request",
                        IntegrationActivity.Request.class,
                        new IntegrationActivity.Request(Instant.parse("2025-03-01T08:00:05Z"), "GET /Users", 200, null, null)),
                minimal("EffectiveGrants", Topics.GRANTS, "", EffectiveGrants.class,
                        new EffectiveGrants(DIRECTORY, null, BARBARA, null, List.of(), Map.of(), List.of(), CAUSE)),
                minimal("SamlConnector", Topics.SAML_CONNECTORS, "", SamlConnector.class,
                        new SamlConnector("okta", null, null, null)),
                minimal("ScimIntegration", Topics.INTEGRATIONS, "", ScimIntegration.class,
                        new ScimIntegration("okta-prod", null, "okta", "AAECAwQFBgcICQoLDA0ODw", "aGFzaA",
                                "sha256-salted", null, null)));
    }

    static Stream<Arguments> hierarchies() {
        return Stream.of(
                Arguments.of(Command.class, Topics.COMMANDS, "/$defs/Command"),
                Arguments.of(GroupEdit.class, Topics.COMMANDS, "/$defs/GroupEdit"),
                Arguments.of(DirectoryEvent.class, Topics.EVENTS, ""));
    }

    static Stream<Arguments> topics() {
        return Topics.withJsonPayload().stream().map(topic -> Arguments.of(Named.of(topic.name(), topic)));
    }

    // ---------------------------------------------------------------- builders

    private static CommandEnvelope envelope(Command command) {
        return new CommandEnvelope(REQUEST, DIRECTORY, DIRECTORY, ACCEPTED, command);
    }

    /** An Access List change as the publisher writes it to every partition of the command log. */
    private static CommandEnvelope broadcast(Command command) {
        return new CommandEnvelope(BROADCAST_REQUEST, CommandEnvelope.ALL_DIRECTORIES, ACCESS_LIST_ADMIN, LATER,
                command);
    }

    private static MembershipChange membership(ChangeKind kind) {
        return new MembershipChange(ListRef.of(REQUESTERS), BARBARA, "bjensen@example.com", kind, GROUP, CAUSE, null);
    }

    private static ScimIntegration integration() {
        return new ScimIntegration(DIRECTORY, "Okta", "okta", "q3Jx0m4tZ8c1YbQeW2sVkA",
                "n9Tq2o0gVv0m7mX5Hq1c8b3kPp3Lw6Yf3dW8kq2Xr7s", "sha256-salted", ACCEPTED, LATER);
    }

    private static ObjectNode scimUser(String userName, boolean active) {
        ObjectNode user = MAPPER.createObjectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User")
                .add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        user.put("userName", userName);
        user.put("externalId", "00u1bjensen");
        ObjectNode name = user.putObject("name");
        name.put("givenName", "Barbara");
        name.put("familyName", "Jensen");
        ObjectNode email = user.putArray("emails").addObject();
        email.put("value", userName);
        email.put("type", "work");
        email.put("primary", true);
        user.put("active", active);
        user.putObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                .put("employeeNumber", "701984");
        return user;
    }

    private static <V> Arguments payload(String label, Topic<?, V> topic, V value) {
        return Arguments.of(Named.of(topic.name() + ": " + label, new Payload<>(topic, value)));
    }

    private static Arguments minimal(String label, Topic<?, ?> topic, String pointer, Class<?> declared,
                                     Object value) {
        return Arguments.of(label, topic, pointer, declared, value);
    }

    private static <V> Arguments invalid(String label, Topic<?, V> topic, V valid, Consumer<ObjectNode> breakIt,
                                         String keyword) {
        JsonNode written = new Payload<>(topic, valid).written();
        ObjectNode document = written.deepCopy();
        breakIt.accept(document);
        return Arguments.of(label, topic, written, document, keyword);
    }

    // ---------------------------------------------------------------- schema loading

    private static String resource(Topic<?, ?> topic) {
        return SCHEMA_DIR + topic.name() + ".schema.json";
    }

    private static String id(Topic<?, ?> topic) {
        return ID_PREFIX + topic.name() + ".schema.json";
    }

    private static Schema topicSchema(Topic<?, ?> topic) {
        return REGISTRY.getSchema(SchemaLocation.of(id(topic)));
    }

    private static Map<String, JsonNode> loadSchemas() {
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        for (Topic<?, ?> topic : Topics.withJsonPayload()) {
            try (InputStream in = TopicSchemasTest.class.getResourceAsStream(resource(topic))) {
                if (in != null) {
                    schemas.put(topic.name(), MAPPER.readTree(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }

    /** A registry that resolves each topic's {@code $id} to its schema, asserting formats (date-time). */
    private static SchemaRegistry registry(Map<String, JsonNode> schemas) {
        Map<String, String> byId = new HashMap<>();
        schemas.values().forEach(schema -> byId.put(schema.path("$id").asText(), schema.toString()));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                .schemas(byId));
    }

    /** Copies of the schemas in which every object open for evolution ({@code additionalProperties: true}) is closed. */
    private static Map<String, JsonNode> strict(Map<String, JsonNode> schemas) {
        Map<String, JsonNode> strict = new LinkedHashMap<>();
        schemas.forEach((name, schema) -> {
            JsonNode copy = schema.deepCopy();
            close(copy);
            strict.put(name, copy);
        });
        return strict;
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("additionalProperties").isBoolean() && object.get("additionalProperties").asBoolean()) {
                object.put("additionalProperties", false);
            }
            object.remove("examples");
        }
        node.forEach(TopicSchemasTest::close);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static List<String> fieldNames(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static List<String> recordComponents(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
    }
}
