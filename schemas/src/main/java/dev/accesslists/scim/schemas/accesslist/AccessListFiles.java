package dev.accesslists.scim.schemas.accesslist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Access List declarations in Teleport's resource shape from YAML (several documents
 * separated by {@code ---}) or JSON, and validates them. Nothing is applied unless the whole file
 * is valid.
 */
public final class AccessListFiles {
    /** {@code spec.type} values Teleport knows; empty means the default (dynamic) type. */
    private static final Set<String> TYPES = Set.of("", "default", "dynamic", "static", AccessList.TYPE_SCIM);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule());
    /** How lists are written back: no document marker, quotes only where YAML needs them, no nulls. */
    private static final ObjectMapper YAML_OUT = new ObjectMapper(YAMLFactory.builder()
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES).build())
            .registerModule(new JavaTimeModule())
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private AccessListFiles() {
    }

    /** Thrown with every problem found, one per line. */
    public static final class InvalidAccessListsException extends RuntimeException {
        private final List<String> problems;

        public InvalidAccessListsException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public static List<AccessList> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static List<AccessList> read(InputStream in) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        List<AccessList> lists = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            try {
                lists.add(YAML.treeToValue(documents.get(i), AccessList.class));
            } catch (IOException | IllegalArgumentException | NullPointerException e) {
                problems.add("document " + (i + 1) + ": not an Access List resource (needs metadata and spec)");
            }
        }
        problems.addAll(validate(lists));
        if (!problems.isEmpty()) {
            throw new InvalidAccessListsException(problems);
        }
        return lists;
    }

    /** Every problem with these lists, empty when they are valid. */
    public static List<String> validate(List<AccessList> lists) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (AccessList list : lists) {
            String name = list.metadata().name();
            String where = "access_list " + (blank(name) ? "(unnamed)" : "\"" + name + "\"") + ": ";
            if (!AccessList.KIND.equals(list.kind())) {
                problems.add(where + "kind must be " + AccessList.KIND);
            }
            if (!AccessList.VERSION.equals(list.version())) {
                problems.add(where + "version must be " + AccessList.VERSION);
            }
            if (blank(name)) {
                problems.add(where + "metadata.name is required");
            } else if (name.contains("/") || hasControl(name) || name.length() > 253) {
                problems.add(where + "metadata.name must be at most 253 characters, without \"/\" or control characters");
            } else if (!names.add(name)) {
                problems.add(where + "metadata.name is declared twice");
            }
            AccessList.Spec spec = list.spec();
            if (blank(spec.title())) {
                problems.add(where + "spec.title is required");
            } else if (hasControl(spec.title())) {
                problems.add(where + "spec.title must not contain control characters");
            } else if (!titles.add(spec.title())) {
                problems.add(where + "spec.title \"" + spec.title() + "\" is used by another list");
            }
            String type = spec.type() == null ? "" : spec.type();
            if (!TYPES.contains(type)) {
                problems.add(where + "spec.type must be one of default, static, scim");
            }
            if (spec.grants() == null || (empty(spec.grants().roles()) && (spec.grants().traits() == null
                    || spec.grants().traits().isEmpty()))) {
                problems.add(where + "spec.grants must grant at least one role or trait");
            }
            if (spec.owners() != null) {
                spec.owners().stream().filter(o -> o == null || blank(o.name())).findAny()
                        .ifPresent(o -> problems.add(where + "every spec.owners entry needs a name"));
            }
            if ((type.isEmpty() || type.equals("default") || type.equals("dynamic"))
                    && (spec.audit() == null || spec.audit().recurrence() == null)) {
                problems.add(where + "spec.audit.recurrence is required for lists of the default type");
            }
            if (spec.audit() != null && spec.audit().recurrence() != null
                    && spec.audit().recurrence().frequency() != null
                    && !Set.of(1, 3, 6, 12).contains(spec.audit().recurrence().frequency())) {
                problems.add(where + "spec.audit.recurrence.frequency must be 1, 3, 6 or 12 (months)");
            }
        }
        return problems;
    }

    /** Lists from YAML (one document per list) or JSON text; see {@link #read(InputStream)}. */
    public static List<AccessList> parse(String text) {
        try {
            return read(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw notYaml(e);
        } catch (InvalidAccessListsException e) {
            throw e;
        } catch (RuntimeException e) {
            // the document iterator wraps what the YAML parser found
            if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException p) {
                throw notYaml(p);
            }
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidAccessListsException(List.of("not valid YAML: " + message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InvalidAccessListsException notYaml(com.fasterxml.jackson.core.JsonProcessingException e) {
        return new InvalidAccessListsException(List.of("not valid YAML: " + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
    }

    /** One list as a YAML document, in the resource shape the files use. */
    public static String toYaml(AccessList list) {
        try {
            return YAML_OUT.writeValueAsString(list);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
