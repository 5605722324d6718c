package dev.accesslists.scim.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares a topic's JSON Schema with its published baseline and names every change that the
 * evolution rules of a v1 topic forbid (README, "Schema evolution"): a property removed, a
 * required property made optional, a {@code type} changed, a property newly required, an enum
 * (or {@code const}) value removed, a {@code oneOf}/{@code anyOf} alternative removed,
 * {@code additionalProperties} closed, a {@code $defs} entry removed.
 *
 * <p>The walk follows the schema structure, not the document: {@code properties},
 * {@code patternProperties}, {@code items}, {@code additionalProperties} schemas, {@code $defs},
 * {@code oneOf}/{@code anyOf}/{@code allOf} and local {@code $ref}s, which are resolved on both
 * sides, so moving a definition inline or into {@code $defs} is not a change. Each violation names
 * the JSON pointer of the baseline where the removed or changed thing was.
 *
 * <p>What it lets through: new optional properties, new {@code $defs}, new enum values and
 * alternatives, changed descriptions, titles and examples.
 */
final class SchemaCompatibility {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode ANYTHING = JsonNodeFactory.instance.objectNode();
    private static final List<String> SUBSCHEMA_MAPS = List.of("properties", "patternProperties", "$defs", "definitions");

    private final String file;
    private final JsonNode baselineRoot;
    private final JsonNode currentRoot;
    private final Set<String> visited = new HashSet<>();
    private final Set<String> violations = new LinkedHashSet<>();

    private SchemaCompatibility(String file, JsonNode baselineRoot, JsonNode currentRoot) {
        this.file = file;
        this.baselineRoot = baselineRoot;
        this.currentRoot = currentRoot;
    }

    /**
     * The forbidden changes from {@code baseline} to {@code current}, each as
     * {@code file#/json/pointer: what changed}; empty when the change is allowed within v1.
     */
    static List<String> check(String file, JsonNode baseline, JsonNode current) {
        SchemaCompatibility check = new SchemaCompatibility(file, baseline, current);
        check.compare(baseline, "", current, "");
        return List.copyOf(check.violations);
    }

    /**
     * Every schema file of {@code schemaDir} against the file of the same name in
     * {@code baselineDir}: a schema without a baseline, a baseline without a schema, and every
     * forbidden change.
     */
    static List<String> checkDirectories(Path schemaDir, Path baselineDir) {
        Set<String> schemas = schemaFiles(schemaDir);
        Set<String> baselines = schemaFiles(baselineDir);
        List<String> problems = new ArrayList<>();
        for (String name : schemas) {
            if (!baselines.contains(name)) {
                problems.add(missingBaseline(name, baselineDir));
            } else {
                problems.addAll(check(name, read(baselineDir.resolve(name)), read(schemaDir.resolve(name))));
            }
        }
        for (String name : baselines) {
            if (!schemas.contains(name)) {
                problems.add(name + ": the published contract has a baseline but no schema any more; a v1 topic's"
                        + " schema is never removed while consumers may read the topic");
            }
        }
        return problems;
    }

    static String missingBaseline(String name, Path baselineDir) {
        return name + ": no baseline in " + baselineDir + "; a new topic commits a copy of its schema there in the"
                + " same change that adds the topic (that copy is the published v1 contract later changes are checked"
                + " against)";
    }

    static Set<String> schemaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    // ---------------------------------------------------------------- the walk

    private void compare(JsonNode base, String basePointer, JsonNode cur, String curPointer) {
        Resolved b = resolve(baselineRoot, base, basePointer, false);
        Resolved c = resolve(currentRoot, cur, curPointer, true);
        if (b == null || c == null) {
            return;
        }
        // the same pair of definitions is compared once (and a recursive schema ends)
        if (!visited.add(b.pointer + " -> " + c.pointer + " " + b.node.hashCode() + " " + c.node.hashCode())) {
            return;
        }
        String at = b.pointer;
        if (b.node.isBoolean() || c.node.isBoolean()) {
            compareBooleanSchemas(b.node, c.node, at);
            return;
        }
        compareType(b.node, c.node, at);
        compareValues(b.node, c.node, at);
        compareRequired(b.node, c.node, at);
        compareProperties(b.node, c, at);
        compareAdditionalProperties(b.node, c, at);
        if (b.node.has("items")) {
            compare(b.node.get("items"), at + "/items", orAnything(c.node.get("items")), c.pointer + "/items");
        }
        compareAlternatives(b.node, c, at, "oneOf");
        compareAlternatives(b.node, c, at, "anyOf");
        compareAlternatives(b.node, c, at, "allOf");
    }

    private void compareBooleanSchemas(JsonNode base, JsonNode cur, String at) {
        boolean baseAcceptsAll = base.isBoolean() ? base.asBoolean() : base.isEmpty();
        if (base.isBoolean() && !base.asBoolean()) {
            return; // nothing was valid before: any change widens it
        }
        if (cur.isBoolean() && !cur.asBoolean()) {
            violation(at, "schema replaced by false: no value is valid any more");
        } else if (baseAcceptsAll && !(cur.isBoolean() || cur.isEmpty())) {
            violation(at, "schema that accepted any value now constrains it");
        } else if (cur.isBoolean() && !base.isBoolean()) {
            compare(base, at, ANYTHING, at); // true: every constraint of the baseline is gone
        }
    }

    private void compareType(JsonNode base, JsonNode cur, String at) {
        if (!base.has("type")) {
            return;
        }
        Set<String> before = texts(base.get("type"));
        Set<String> after = cur.has("type") ? texts(cur.get("type")) : Set.of();
        if (!before.equals(after)) {
            violation(at + "/type", "type changed from " + before + " to " + (after.isEmpty() ? "any type" : after));
        }
    }

    private void compareValues(JsonNode base, JsonNode cur, String at) {
        if (base.has("enum")) {
            if (!cur.has("enum")) {
                violation(at + "/enum", "enum removed: the values are no longer a closed set");
            } else {
                Set<JsonNode> after = nodes(cur.get("enum"));
                for (JsonNode value : base.get("enum")) {
                    if (!after.contains(value)) {
                        violation(at + "/enum", "enum value " + value + " removed");
                    }
                }
            }
        }
        if (base.has("const")) {
            JsonNode value = base.get("const");
            boolean kept = value.equals(cur.get("const")) || (cur.has("enum") && nodes(cur.get("enum")).contains(value));
            if (!kept) {
                violation(at + "/const", "const " + value + " changed to "
                        + (cur.has("const") ? cur.get("const").toString() : "nothing"));
            }
        }
    }

    private void compareRequired(JsonNode base, JsonNode cur, String at) {
        Set<String> before = texts(base.path("required"));
        Set<String> after = texts(cur.path("required"));
        for (String name : after) {
            if (!before.contains(name)) {
                violation(at + "/required", "property \"" + name + "\" newly required (records written before"
                        + " lack it)");
            }
        }
        for (String name : before) {
            boolean removed = base.path("properties").has(name) && !cur.path("properties").has(name);
            if (!after.contains(name) && !removed) { // a removed property is reported as such
                violation(at + "/required", "required property \"" + name + "\" made optional (consumers rely on"
                        + " it being there)");
            }
        }
    }

    private void compareProperties(JsonNode base, Resolved cur, String at) {
        for (String keyword : SUBSCHEMA_MAPS) {
            JsonNode before = base.get(keyword);
            if (before == null || !before.isObject()) {
                continue;
            }
            JsonNode after = cur.node.path(keyword);
            for (Map.Entry<String, JsonNode> entry : before.properties()) {
                String name = entry.getKey();
                String pointer = at + "/" + keyword + "/" + escape(name);
                if (!after.has(name)) {
                    violation(pointer, what(keyword) + " \"" + name + "\" removed");
                } else {
                    compare(entry.getValue(), pointer, after.get(name),
                            cur.pointer + "/" + keyword + "/" + escape(name));
                }
            }
        }
    }

    private static String what(String keyword) {
        return switch (keyword) {
            case "properties" -> "property";
            case "patternProperties" -> "pattern property";
            default -> keyword + " entry";
        };
    }

    private void compareAdditionalProperties(JsonNode base, Resolved cur, String at) {
        JsonNode before = base.get("additionalProperties");
        JsonNode after = cur.node.get("additionalProperties");
        String pointer = at + "/additionalProperties";
        boolean openBefore = before == null || (before.isBoolean() && before.asBoolean());
        boolean openAfter = after == null || (after.isBoolean() && after.asBoolean());
        if (openBefore) {
            if (!openAfter && describesObjects(base)) {
                violation(pointer, after.isBoolean()
                        ? "additionalProperties changed from " + (before == null ? "absent" : "true") + " to false:"
                                + " records with properties added later would be invalid"
                        : "additionalProperties changed from " + (before == null ? "absent" : "true") + " to a"
                                + " schema: properties added later would be constrained");
            }
        } else if (before.isObject()) {
            if (after != null && after.isBoolean() && !after.asBoolean()) {
                violation(pointer, "additionalProperties changed from a schema to false");
            } else {
                compare(before, pointer, orAnything(after), cur.pointer + "/additionalProperties");
            }
        }
    }

    /** Whether the schema may describe objects: additionalProperties applies to nothing else. */
    private static boolean describesObjects(JsonNode schema) {
        return !schema.has("type") || texts(schema.get("type")).contains("object");
    }

    /**
     * Alternatives that are {@code $ref}s are matched by the reference (their order may change);
     * inline ones by their position among the inline ones.
     */
    private void compareAlternatives(JsonNode base, Resolved cur, String at, String keyword) {
        JsonNode before = base.get(keyword);
        if (before == null || !before.isArray()) {
            return;
        }
        JsonNode after = cur.node.path(keyword);
        Set<String> refsAfter = new HashSet<>();
        List<Integer> inlineAfter = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i).has("$ref")) {
                refsAfter.add(after.get(i).get("$ref").asText());
            } else {
                inlineAfter.add(i);
            }
        }
        int inline = 0;
        for (int i = 0; i < before.size(); i++) {
            JsonNode alternative = before.get(i);
            String pointer = at + "/" + keyword + "/" + i;
            if (alternative.has("$ref")) {
                String ref = alternative.get("$ref").asText();
                if (refsAfter.contains(ref)) {
                    compare(alternative, pointer, alternative, pointer); // its definition, on both sides
                } else {
                    violation(pointer, keyword + " alternative " + ref + " removed");
                }
            } else if (inline < inlineAfter.size()) {
                int j = inlineAfter.get(inline++);
                compare(alternative, pointer, after.get(j), cur.pointer + "/" + keyword + "/" + j);
            } else {
                inline++;
                violation(pointer, keyword + " alternative removed");
            }
        }
    }

    // ---------------------------------------------------------------- references

    private record Resolved(JsonNode node, String pointer) {
    }

    /**
     * The schema a node stands for: a local {@code $ref} is replaced by its target (keywords
     * beside the reference are laid over it), followed through chains of references.
     */
    private Resolved resolve(JsonNode root, JsonNode node, String pointer, boolean current) {
        if (node == null) {
            return null;
        }
        JsonNode resolved = node;
        String at = pointer;
        for (int depth = 0; resolved.isObject() && resolved.has("$ref"); depth++) {
            String ref = resolved.get("$ref").asText();
            if (!ref.startsWith("#") || depth > 32) {
                return new Resolved(resolved, at); // another document's schema: compared as written
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                if (current) {
                    violation(at + "/$ref", "$ref " + ref + " points to nothing");
                }
                return null;
            }
            ObjectNode merged = target.isObject() ? target.deepCopy() : JsonNodeFactory.instance.objectNode();
            if (target.isBoolean() && !target.asBoolean()) {
                return new Resolved(target, ref.substring(1));
            }
            resolved.properties().forEach(e -> {
                if (!e.getKey().equals("$ref")) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            resolved = merged;
            at = ref.substring(1);
        }
        return new Resolved(resolved, at);
    }

    // ---------------------------------------------------------------- helpers

    private void violation(String pointer, String what) {
        violations.add(file + "#" + pointer + ": " + what);
    }

    private static JsonNode orAnything(JsonNode node) {
        return node == null ? ANYTHING : node;
    }

    private static Set<String> texts(JsonNode node) {
        Set<String> texts = new TreeSet<>();
        if (node.isTextual()) {
            texts.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        }
        return texts;
    }

    private static Set<JsonNode> nodes(JsonNode array) {
        Set<JsonNode> nodes = new HashSet<>();
        array.forEach(nodes::add);
        return nodes;
    }

    /** A JSON pointer reference token (RFC 6901). */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
