package dev.accesslists.scim.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas of {@code src/main/resources/schemas} are published contracts: consumers of a
 * v1 topic rely on them, and its records stay on the topic (most topics keep them forever).
 * {@code src/test/resources/schema-baseline} holds each schema as it was published; every schema
 * may only change from it in the ways the README's "Schema evolution" rules allow within v1.
 * Anything else needs a new topic (v2) with a schema and baseline of its own.
 */
class SchemaEvolutionTest {
    private static final Path SCHEMAS = Path.of("src", "main", "resources", "schemas");
    private static final Path BASELINE = Path.of("src", "test", "resources", "schema-baseline");
    private static final String MEMBERSHIP = "accesslist.membership.v1.schema.json";
    private static final String EVENTS = "scim.events.v1.schema.json";
    private static final String COMMANDS = "scim.commands.v1.schema.json";

    // ---------------------------------------------------------------- the committed schemas

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void shouldChangeAPublishedSchemaOnlyAsV1Allows(String name) {
        // Given
        assertThat(BASELINE.resolve(name))
                .as(SchemaCompatibility.missingBaseline(name, BASELINE))
                .exists();

        // When
        List<String> violations = SchemaCompatibility.check(name, SchemaCompatibility.read(BASELINE.resolve(name)),
                SchemaCompatibility.read(SCHEMAS.resolve(name)));

        // Then
        assertThat(violations)
                .as("incompatible changes of the published contract %s: each needs a new topic (v2) instead;"
                        + " see the README, \"Schema evolution\"", name)
                .isEmpty();
    }

    @Test
    void shouldHaveASchemaForEveryBaselineAndABaselineForEverySchema() {
        assertThat(SchemaCompatibility.schemaFiles(SCHEMAS)).isNotEmpty();
        assertThat(SchemaCompatibility.checkDirectories(SCHEMAS, BASELINE)).isEmpty();
    }

    @Test
    void shouldHaveABaselineForEveryTopicWithAJsonPayload() {
        for (Topic<?, ?> topic : Topics.withJsonPayload()) {
            String name = topic.name() + ".schema.json";
            assertThat(BASELINE.resolve(name)).as(SchemaCompatibility.missingBaseline(name, BASELINE)).exists();
        }
    }

    static Stream<String> schemaFiles() {
        return SchemaCompatibility.schemaFiles(SCHEMAS).stream();
    }

    // ---------------------------------------------------------------- forbidden changes are caught

    @ParameterizedTest(name = "{0}")
    @MethodSource("forbiddenChanges")
    void shouldNameTheJsonPointerOfEveryForbiddenChange(String label, String file, Consumer<ObjectNode> change,
                                                        String expected) {
        // Given a published schema and a copy with one forbidden change
        JsonNode baseline = baseline(file);
        ObjectNode changed = baseline.deepCopy();
        change.accept(changed);

        // When
        List<String> violations = SchemaCompatibility.check(file, baseline, changed);

        // Then
        assertThat(violations).as(label).anySatisfy(v -> assertThat(v).startsWith(file + "#").contains(expected));
    }

    static Stream<Arguments> forbiddenChanges() {
        return Stream.of(
                forbidden("property removed", MEMBERSHIP, s -> props(s, "").remove("userName"),
                        "#/properties/userName: property \"userName\" removed"),
                forbidden("property renamed", MEMBERSHIP, s -> props(s, "").set("user_id", props(s, "").remove("userId")),
                        "#/properties/userId: property \"userId\" removed"),
                forbidden("property of a $defs entry removed", MEMBERSHIP,
                        s -> props(s, "/$defs/ListRef").remove("grants"),
                        "#/$defs/ListRef/properties/grants: property \"grants\" removed"),
                forbidden("nested property of a command removed", COMMANDS,
                        s -> props(s, "/$defs/ApplyAccessList").remove("accessList"),
                        "#/$defs/ApplyAccessList/properties/accessList: property \"accessList\" removed"),
                forbidden("type changed", MEMBERSHIP,
                        s -> ((ObjectNode) s.at("/$defs/Cause/properties/timestamp")).put("type", "integer"),
                        "#/$defs/Cause/properties/timestamp/type: type changed from [string] to [integer]"),
                forbidden("type widened to a union", MEMBERSHIP,
                        s -> ((ObjectNode) s.at("/properties/userId")).putArray("type").add("string").add("null"),
                        "#/properties/userId/type: type changed from [string] to [null, string]"),
                forbidden("type dropped", MEMBERSHIP, s -> ((ObjectNode) s.at("/properties/groupId")).remove("type"),
                        "#/properties/groupId/type: type changed from [string] to any type"),
                forbidden("type of array items changed", MEMBERSHIP,
                        s -> ((ObjectNode) s.at("/$defs/Grants/properties/roles/items")).put("type", "object"),
                        "#/$defs/Grants/properties/roles/items/type: type changed from [string] to [object]"),
                forbidden("type inside an additionalProperties schema changed", MEMBERSHIP,
                        s -> ((ObjectNode) s.at("/$defs/Grants/properties/traits/additionalProperties/items"))
                                .put("type", "number"),
                        "#/$defs/Grants/properties/traits/additionalProperties/items/type: type changed"),
                forbidden("optional property made required", MEMBERSHIP,
                        s -> ((ArrayNode) s.get("required")).add("groupId"),
                        "#/required: property \"groupId\" newly required"),
                forbidden("new property that is required", MEMBERSHIP, s -> {
                    props(s, "").putObject("tenant").put("type", "string");
                    ((ArrayNode) s.get("required")).add("tenant");
                }, "#/required: property \"tenant\" newly required"),
                forbidden("required property made optional", MEMBERSHIP,
                        s -> removeText((ArrayNode) s.at("/$defs/Cause/required"), "timestamp"),
                        "#/$defs/Cause/required: required property \"timestamp\" made optional"),
                forbidden("enum value removed", MEMBERSHIP,
                        s -> removeText((ArrayNode) s.at("/$defs/ChangeKind/enum"), "UPDATED"),
                        "#/$defs/ChangeKind/enum: enum value \"UPDATED\" removed"),
                forbidden("enum value renamed", MEMBERSHIP, s -> {
                    removeText((ArrayNode) s.at("/$defs/ChangeKind/enum"), "SUSPENDED");
                    ((ArrayNode) s.at("/$defs/ChangeKind/enum")).add("DEACTIVATED");
                }, "#/$defs/ChangeKind/enum: enum value \"SUSPENDED\" removed"),
                forbidden("discriminator const changed", EVENTS,
                        s -> ((ObjectNode) s.at("/$defs/UserDeleted/properties/type")).put("const", "UserRemoved"),
                        "#/$defs/UserDeleted/properties/type/const: const \"UserDeleted\" changed to \"UserRemoved\""),
                forbidden("event type (oneOf alternative) removed", EVENTS,
                        s -> ((ArrayNode) s.get("oneOf")).remove(4),
                        "#/oneOf/4: oneOf alternative #/$defs/UserDeleted removed"),
                forbidden("additionalProperties true to false", MEMBERSHIP,
                        s -> s.put("additionalProperties", false),
                        "#/additionalProperties: additionalProperties changed from true to false"),
                forbidden("additionalProperties true to false in a $defs entry", MEMBERSHIP,
                        s -> ((ObjectNode) s.at("/$defs/Cause")).put("additionalProperties", false),
                        "#/$defs/Cause/additionalProperties: additionalProperties changed from true to false"),
                forbidden("additionalProperties false on an event without properties of its own", EVENTS,
                        s -> s.put("additionalProperties", false),
                        "#/additionalProperties: additionalProperties changed from absent to false"),
                forbidden("additionalProperties true to a schema", MEMBERSHIP,
                        s -> s.putObject("additionalProperties").put("type", "string"),
                        "#/additionalProperties: additionalProperties changed from true to a schema"),
                forbidden("$defs entry removed", MEMBERSHIP, s -> {
                    ((ObjectNode) s.get("$defs")).remove("Cause");
                    ((ObjectNode) s.at("/properties/cause")).remove("$ref");
                    ((ObjectNode) s.at("/properties/cause")).put("type", "object");
                }, "#/$defs/Cause: $defs entry \"Cause\" removed"),
                forbidden("$ref pointed at another definition", MEMBERSHIP,
                        s -> ((ObjectNode) s.at("/properties/accessList")).put("$ref", "#/$defs/Cause"),
                        "#/$defs/ListRef/properties/name: property \"name\" removed"),
                forbidden("$ref that resolves to nothing", MEMBERSHIP,
                        s -> ((ObjectNode) s.at("/properties/cause")).put("$ref", "#/$defs/Why"),
                        "#/properties/cause/$ref: $ref #/$defs/Why points to nothing"));
    }

    // ---------------------------------------------------------------- allowed changes pass

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowedChanges")
    void shouldAcceptWhatV1Allows(String label, String file, Consumer<ObjectNode> change) {
        // Given
        JsonNode baseline = baseline(file);
        ObjectNode changed = baseline.deepCopy();
        change.accept(changed);

        // When / Then
        assertThat(SchemaCompatibility.check(file, baseline, changed)).as(label).isEmpty();
    }

    static Stream<Arguments> allowedChanges() {
        return Stream.of(
                allowed("no change", MEMBERSHIP, s -> { }),
                allowed("new optional property", MEMBERSHIP,
                        s -> props(s, "").putObject("traceId").put("type", "string")),
                allowed("new optional property in a $defs entry", MEMBERSHIP,
                        s -> props(s, "/$defs/ListRef").putObject("revision").put("type", "integer")),
                allowed("new enum value, together with the schema", MEMBERSHIP,
                        s -> ((ArrayNode) s.at("/$defs/ChangeKind/enum")).add("EXPIRING")),
                allowed("new $defs entry", MEMBERSHIP, s -> ((ObjectNode) s.get("$defs")).putObject("Extra")
                        .put("type", "object")),
                allowed("new event type", EVENTS, s -> {
                    ((ArrayNode) s.get("oneOf")).addObject().put("$ref", "#/$defs/Extra");
                    ((ObjectNode) s.get("$defs")).putObject("Extra").put("type", "object");
                }),
                allowed("alternatives reordered", EVENTS, s -> {
                    ArrayNode oneOf = (ArrayNode) s.get("oneOf");
                    oneOf.add(oneOf.remove(0));
                }),
                allowed("descriptions, titles and examples edited", MEMBERSHIP, s -> {
                    s.put("description", "rewritten");
                    ((ObjectNode) s.at("/$defs/Cause")).put("title", "Why");
                    ((ArrayNode) s.get("examples")).removeAll();
                }),
                allowed("a definition moved inline", MEMBERSHIP, s -> {
                    ObjectNode listRef = s.at("/$defs/ListRef").deepCopy();
                    listRef.put("description", s.at("/properties/accessList/description").asText());
                    props(s, "").set("accessList", listRef);
                }),
                allowed("an inline schema moved into $defs", MEMBERSHIP, s -> {
                    ((ObjectNode) s.get("$defs")).set("UserId", s.at("/properties/userId").deepCopy());
                    props(s, "").putObject("userId").put("$ref", "#/$defs/UserId");
                }));
    }

    // ---------------------------------------------------------------- schemas and baselines pair up

    @Test
    void shouldAskForTheBaselineOfANewTopicInTheSameChange(@TempDir Path dir) throws IOException {
        // Given a schema of a new topic without its baseline
        Path schemas = Files.createDirectories(dir.resolve("schemas"));
        Path baselines = Files.createDirectories(dir.resolve("baseline"));
        Files.copy(BASELINE.resolve(MEMBERSHIP), schemas.resolve(MEMBERSHIP));
        Files.copy(BASELINE.resolve(MEMBERSHIP), baselines.resolve(MEMBERSHIP));
        Files.copy(BASELINE.resolve(EVENTS), schemas.resolve("accesslist.new.v1.schema.json"));

        // When
        List<String> problems = SchemaCompatibility.checkDirectories(schemas, baselines);

        // Then
        assertThat(problems).singleElement().asString()
                .startsWith("accesslist.new.v1.schema.json: no baseline in " + baselines)
                .contains("in the same change that adds the topic");
    }

    @Test
    void shouldRefuseToDropThePublishedSchemaOfATopic(@TempDir Path dir) throws IOException {
        // Given a baseline whose schema is gone
        Path schemas = Files.createDirectories(dir.resolve("schemas"));
        Path baselines = Files.createDirectories(dir.resolve("baseline"));
        Files.copy(BASELINE.resolve(MEMBERSHIP), baselines.resolve(MEMBERSHIP));

        // When / Then
        assertThat(SchemaCompatibility.checkDirectories(schemas, baselines)).singleElement().asString()
                .startsWith(MEMBERSHIP + ": the published contract has a baseline but no schema");
    }

    @Test
    void shouldCheckEveryFileOfADirectory(@TempDir Path dir) throws IOException {
        // Given two schemas, one changed incompatibly
        Path schemas = Files.createDirectories(dir.resolve("schemas"));
        Path baselines = Files.createDirectories(dir.resolve("baseline"));
        for (String name : Set.of(MEMBERSHIP, EVENTS)) {
            Files.copy(BASELINE.resolve(name), baselines.resolve(name));
            Files.copy(BASELINE.resolve(name), schemas.resolve(name));
        }
        ObjectNode changed = baseline(EVENTS).deepCopy();
        ((ObjectNode) changed.at("/$defs/UserProvisioned/properties/active")).put("type", "string");
        Files.writeString(schemas.resolve(EVENTS), changed.toPrettyString());

        // When / Then
        assertThat(SchemaCompatibility.checkDirectories(schemas, baselines)).containsExactly(EVENTS
                + "#/$defs/UserProvisioned/properties/active/type: type changed from [boolean] to [string]");
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode baseline(String file) {
        return SchemaCompatibility.read(BASELINE.resolve(file));
    }

    private static ObjectNode props(ObjectNode schema, String pointer) {
        return (ObjectNode) schema.at(pointer + "/properties");
    }

    private static void removeText(ArrayNode array, String text) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).equals(TextNode.valueOf(text))) {
                array.remove(i);
                return;
            }
        }
        throw new IllegalArgumentException(text + " not in " + array);
    }

    private static Arguments forbidden(String label, String file, Consumer<ObjectNode> change, String expected) {
        return Arguments.of(label, file, change, expected);
    }

    private static Arguments allowed(String label, String file, Consumer<ObjectNode> change) {
        return Arguments.of(label, file, change);
    }
}
