package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.PatchOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the values of a request against the schemas this server publishes at {@code /Schemas}
 * (RFC 7643 §7): the same document, {@code scim/schemas.json}, is read for both, so what the server
 * accepts is what it describes. Checked: that each attribute is defined (by its schema or as a
 * common attribute), its type, single- or multi-valuedness, sub-attributes, canonical values (where
 * a schema declares them, compared ignoring case) and mutability: read-only attributes are ignored
 * in a resource body (RFC 7644 §3.3) and refused as a PATCH target.
 *
 * <p>Lenient only where identity providers need it: booleans sent as the strings {@code "true"} /
 * {@code "False"} (Entra ID), names and URNs in any case (RFC 7643 §2.1), a bare id as the value of
 * the enterprise {@code manager}, and extra schema URIs in {@code schemas} that carry no data (Entra
 * ID's group schema). An extension URN that carries data must be one the resource type declares.
 */
public final class ResourceSchema {
    /** RFC 7643 §3.1 common attributes: {@code id} and {@code meta} are the server's, ignored when sent. */
    private static final Attribute EXTERNAL_ID = new Attribute("externalId", "string", false, "readWrite", List.of(),
            Map.of());
    private static final Attribute READ_ONLY = new Attribute("id", "string", false, "readOnly", List.of(), Map.of());

    private static final Map<String, List<Attribute>> DEFINITIONS = load();

    /** The User: core schema and the enterprise extension. */
    public static final ResourceSchema USER = new ResourceSchema(ScimUrns.CORE_USER, List.of(ScimUrns.ENTERPRISE_USER));
    /** The Group: core schema only. */
    public static final ResourceSchema GROUP = new ResourceSchema(ScimUrns.CORE_GROUP, List.of());


    private final String core;
    private final Map<String, Attribute> coreAttributes;
    private final Map<String, Map<String, Attribute>> extensions = new LinkedHashMap<>();

    private ResourceSchema(String core, List<String> extensionUrns) {
        this.core = core;
        this.coreAttributes = byName(DEFINITIONS.get(core));
        for (String urn : extensionUrns) {
            extensions.put(urn.toLowerCase(Locale.ROOT), byName(DEFINITIONS.get(urn)));
        }
    }

    /**
     * One attribute definition as {@code /Schemas} gives it.
     *
     * @param type string, boolean, decimal, integer, dateTime, binary, reference or complex
     * @param mutability readOnly, readWrite, immutable or writeOnly
     */
    record Attribute(String name, String type, boolean multiValued, String mutability, List<String> canonicalValues,
                     Map<String, Attribute> subAttributes) {
        boolean readOnly() {
            return mutability.equals("readOnly");
        }

        boolean complex() {
            return type.equals("complex");
        }
    }

    /**
     * Checks a resource body (POST or PUT).
     *
     * @throws ScimException invalidValue naming the first attribute whose value is not one the schema allows
     */
    public void checkResource(ObjectNode body) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String key = field.getKey();
            if (key.equalsIgnoreCase("schemas")) {
                checkSchemasList(field.getValue());
            } else if (ScimUrns.isSchemaUrn(key)) {
                checkExtensionObject(key, field.getValue());
            } else {
                AttrPath path = attributePath(key, false);
                Attribute attribute = attribute(path, false);
                if (path.subAttribute() != null) {
                    checkValue(name(path), sub(attribute, path.subAttribute(), false), field.getValue(), false);
                } else {
                    checkValue(name(path), attribute, field.getValue(), false);
                }
            }
        }
    }

    /**
     * Checks PATCH operations (RFC 7644 §3.5.2): each path names a defined, writable attribute or
     * sub-attribute (else 400 invalidPath, or mutability for a read-only one), each value fits it
     * (else 400 invalidValue). Operations are numbered in errors as the patcher numbers them.
     */
    public void checkPatch(List<PatchOperation> operations) {
        for (int i = 0; i < operations.size(); i++) {
            PatchOperation op = operations.get(i);
            try {
                checkOperation(op);
            } catch (ScimException e) {
                String path = op.path() == null ? "" : " " + AttributeCatalog.abbreviate(op.path());
                throw new ScimException(new ScimError(e.status(), e.scimType(),
                        "operation " + (i + 1) + " (" + op.op() + path + "): " + e.error().detail()));
            }
        }
    }

    private void checkOperation(PatchOperation op) {
        JsonNode value = op.value();
        if (op.path() == null || op.path().isBlank()) {
            if (value != null && value.isObject()) {
                checkPathless((ObjectNode) value);
            }
            return;
        }
        PatchPath target = PatchPath.parse(op.path());
        AttrPath path = target.path();
        if (path.isSchema()) {
            if (ScimUrns.isCore(path.attribute())) {
                if (!op.op().equals("remove") && value != null && value.isObject()) {
                    checkPathless((ObjectNode) value);
                }
            } else {
                Map<String, Attribute> extension = extension(path.attribute(), true);
                if (!op.op().equals("remove") && value != null && value.isObject()) {
                    checkAttributes(extension, path.attribute(), (ObjectNode) value, true);
                } else if (!op.op().equals("remove") && value != null && !value.isNull()) {
                    throw ScimException.invalidValue("the value of '" + path.attribute() + "' must be an object");
                }
            }
            return;
        }
        Attribute attribute = attribute(path, true);
        if (attribute.readOnly()) {
            throw ScimException.mutability("'" + name(path) + "' is read-only");
        }
        if (target.valueFilter() != null && !attribute.multiValued()) {
            throw ScimException.invalidPath("'" + name(path) + "' is not multi-valued: it takes no value filter");
        }
        Attribute sub = path.subAttribute() == null ? null : sub(attribute, path.subAttribute(), true);
        if (sub != null && sub.readOnly()) {
            throw ScimException.mutability("'" + name(path) + "' is read-only");
        }
        if (target.valueFilter() != null && !op.op().equals("remove")) {
            // an add through a filter that matches nothing creates a value with the filter's terms
            checkFilterValues(name(path), attribute, target.valueFilter());
        }
        if (op.op().equals("remove") || value == null || value.isNull()) {
            if (op.op().equals("remove") && value != null && !value.isNull() && sub == null && attribute.multiValued()) {
                checkValue(name(path), attribute, value, true);
            }
            return;
        }
        if (sub != null) {
            // on a multi-valued attribute without a filter, the sub-attribute of every value
            checkValue(name(path), sub, value, true);
        } else if (target.valueFilter() != null) {
            checkElement(name(path), attribute, value, true);
        } else {
            checkValue(name(path), attribute, value, true);
        }
    }

    /** The {@code eq} terms of a value filter, as values of the sub-attributes they name. */
    private void checkFilterValues(String name, Attribute attribute, Filter filter) {
        if (filter instanceof Filter.And and) {
            checkFilterValues(name, attribute, and.left());
            checkFilterValues(name, attribute, and.right());
        } else if (filter instanceof Filter.Compare compare && compare.op() == Operator.EQ
                && compare.path().schemaUrn() == null && compare.path().subAttribute() == null
                && compare.value() != null) {
            Attribute sub = attribute.subAttributes().get(compare.path().attribute().toLowerCase(Locale.ROOT));
            if (sub != null && !sub.readOnly()) {
                checkElement(name + "." + sub.name(), sub, compare.value(), true);
            }
        }
    }

    /** A path-less add / replace: each key is an attribute path (dotted or URN-qualified) or an extension URN. */
    private void checkPathless(ObjectNode value) {
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String key = field.getKey();
            if (key.equalsIgnoreCase("schemas")) {
                continue;
            }
            if (ScimUrns.isSchemaUrn(key)) {
                if (ScimUrns.isCore(key)) {
                    if (field.getValue().isObject()) {
                        checkPathless((ObjectNode) field.getValue());
                    }
                } else {
                    checkExtensionObject(key, field.getValue());
                }
                continue;
            }
            AttrPath path = attributePath(key, false);
            Attribute attribute = attribute(path, false);
            if (attribute.readOnly()) {
                continue; // Okta re-sends id with its updates
            }
            Attribute target = path.subAttribute() == null ? attribute : sub(attribute, path.subAttribute(), false);
            checkValue(name(path), target, field.getValue(), true);
        }
    }

    private void checkSchemasList(JsonNode schemas) {
        if (schemas.isNull()) {
            return;
        }
        if (!schemas.isArray()) {
            throw ScimException.invalidValue("'schemas' must be an array of schema URIs");
        }
        for (JsonNode schema : schemas) {
            if (!schema.isTextual()) {
                throw ScimException.invalidValue("'schemas' must be an array of schema URIs");
            }
        }
    }

    private void checkExtensionObject(String urn, JsonNode value) {
        if (ScimUrns.isCore(urn)) {
            if (!urn.equalsIgnoreCase(core)) {
                throw ScimException.invalidValue("'" + urn + "' is not the schema of this resource type");
            }
            if (value.isObject()) {
                checkResource((ObjectNode) value);
            }
            return;
        }
        Map<String, Attribute> extension = extension(urn, false);
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue("the value of '" + urn + "' must be an object");
        }
        checkAttributes(extension, urn, (ObjectNode) value, false);
    }

    private void checkAttributes(Map<String, Attribute> attributes, String urn, ObjectNode object, boolean patch) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            int dot = field.getKey().indexOf('.');
            String name = dot < 0 ? field.getKey() : field.getKey().substring(0, dot);
            Attribute attribute = attributes.get(name.toLowerCase(Locale.ROOT));
            if (attribute == null) {
                throw unknown(urn + ":" + field.getKey(), patch);
            }
            if (attribute.readOnly()) {
                continue;
            }
            Attribute target = dot < 0 ? attribute : sub(attribute, field.getKey().substring(dot + 1), patch);
            checkValue(urn + ":" + field.getKey(), target, field.getValue(), patch);
        }
    }

    /** A value for the whole attribute: an array for a multi-valued one (a single object counts as one value). */
    private void checkValue(String name, Attribute attribute, JsonNode value, boolean patch) {
        if (value.isNull() || attribute.readOnly() || attribute.mutability().equals("writeOnly")) {
            return;
        }
        if (attribute.multiValued()) {
            if (value.isArray()) {
                for (JsonNode element : value) {
                    checkElement(name, attribute, element, patch);
                }
                return;
            }
            if (!(attribute.complex() && value.isObject())) {
                throw ScimException.invalidValue("'" + name + "' is multi-valued: its value must be an array, not "
                        + AttributeCatalog.abbreviate(value.toString()));
            }
        }
        checkElement(name, attribute, value, patch);
    }

    /** One value of the attribute's type. */
    private void checkElement(String name, Attribute attribute, JsonNode value, boolean patch) {
        if (value.isNull()) {
            return;
        }
        if (attribute.complex()) {
            if (!value.isObject()) {
                if (attribute.name().equals("manager") && (value.isTextual())) {
                    return; // the manager's id alone (Entra ID)
                }
                throw ScimException.invalidValue("'" + name + "' is complex: its value must be an object, not "
                        + AttributeCatalog.abbreviate(value.toString()));
            }
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                Attribute sub = attribute.subAttributes().get(field.getKey().toLowerCase(Locale.ROOT));
                if (sub == null) {
                    throw unknown(name + "." + field.getKey(), patch);
                }
                checkValue(name + "." + sub.name(), sub, field.getValue(), patch);
            }
            return;
        }
        boolean fits = switch (attribute.type()) {
            case "string", "reference" -> value.isTextual();
            case "boolean" -> value.isBoolean() || (value.isTextual()
                    && (value.textValue().strip().equalsIgnoreCase("true")
                    || value.textValue().strip().equalsIgnoreCase("false")));
            case "integer" -> value.isIntegralNumber();
            case "decimal" -> value.isNumber();
            case "dateTime" -> value.isTextual() && dateTime(value.textValue());
            case "binary" -> value.isTextual() && base64(value.textValue());
            default -> true;
        };
        if (!fits) {
            throw ScimException.invalidValue("'" + name + "' must be " + article(attribute.type()) + ", not "
                    + AttributeCatalog.abbreviate(value.toString()));
        }
        if (!attribute.canonicalValues().isEmpty() && value.isTextual()
                && attribute.canonicalValues().stream().noneMatch(c -> c.equalsIgnoreCase(value.textValue()))) {
            throw ScimException.invalidValue("'" + name + "' must be one of " + attribute.canonicalValues() + ", not "
                    + AttributeCatalog.abbreviate(value.toString()));
        }
    }

    private static String article(String type) {
        return switch (type) {
            case "integer" -> "an integer";
            case "dateTime" -> "a dateTime (xsd:dateTime, e.g. 2026-01-31T12:00:00Z)";
            case "binary" -> "base64 binary";
            default -> "a " + type;
        };
    }

    private static boolean dateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean base64(String text) {
        try {
            Base64.getMimeDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static AttrPath attributePath(String key, boolean patch) {
        try {
            return AttrPath.parse(key);
        } catch (ScimException e) {
            throw patch ? e : ScimException.invalidValue("'" + key + "' is not an attribute name");
        }
    }

    /** The definition of a path's attribute: of the core schema, a declared extension or a common attribute. */
    private Attribute attribute(AttrPath path, boolean patch) {
        String name = path.attribute().toLowerCase(Locale.ROOT);
        Attribute attribute;
        if (path.schemaUrn() == null) {
            attribute = switch (name) {
                case "externalid" -> EXTERNAL_ID;
                case "id", "meta" -> READ_ONLY;
                default -> coreAttributes.get(name);
            };
        } else {
            attribute = extension(path.schemaUrn(), patch).get(name);
        }
        if (attribute == null) {
            throw unknown(name(path), patch);
        }
        return attribute;
    }

    private Attribute sub(Attribute attribute, String subName, boolean patch) {
        if (attribute == READ_ONLY) {
            return READ_ONLY;
        }
        if (!attribute.complex()) {
            ScimException e = ScimException.invalidPath("'" + attribute.name() + "' has no sub-attributes");
            throw patch ? e : ScimException.invalidValue(e.error().detail());
        }
        Attribute sub = attribute.subAttributes().get(subName.toLowerCase(Locale.ROOT));
        if (sub == null) {
            throw unknown(attribute.name() + "." + subName, patch);
        }
        return sub;
    }

    private Map<String, Attribute> extension(String urn, boolean patch) {
        Map<String, Attribute> extension = extensions.get(urn.toLowerCase(Locale.ROOT));
        if (extension == null) {
            String detail = "'" + urn + "' is not a schema extension of this resource type (see /ResourceTypes)";
            throw patch ? ScimException.invalidPath(detail) : ScimException.invalidValue(detail);
        }
        return extension;
    }

    private ScimException unknown(String name, boolean patch) {
        String detail = "'" + name + "' is not an attribute of " + core.substring(core.lastIndexOf(':') + 1)
                + " (see /Schemas)";
        return patch ? ScimException.invalidPath(detail) : ScimException.invalidValue(detail);
    }

    private static String name(AttrPath path) {
        return path.toScimString();
    }

    private static Map<String, Attribute> byName(List<Attribute> attributes) {
        if (attributes == null) {
            throw new IllegalStateException("scim/schemas.json lacks a schema this resource type names");
        }
        Map<String, Attribute> map = new LinkedHashMap<>();
        attributes.forEach(a -> map.put(a.name().toLowerCase(Locale.ROOT), a));
        return Map.copyOf(map);
    }

    /** The schemas as {@code /Schemas} publishes them, without {@code meta.location} (the server's base URL). */
    public static List<ObjectNode> published() {
        try (InputStream in = ResourceSchema.class.getResourceAsStream("/scim/schemas.json")) {
            if (in == null) {
                throw new IllegalStateException("scim/schemas.json missing from the classpath");
            }
            List<ObjectNode> result = new ArrayList<>();
            for (JsonNode schema : Json.mapper().readTree(in)) {
                result.add((ObjectNode) schema);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<Attribute>> load() {
        Map<String, List<Attribute>> definitions = new LinkedHashMap<>();
        for (ObjectNode schema : published()) {
            definitions.put(schema.get("id").asText(), attributes(schema.path("attributes")));
        }
        return definitions;
    }

    private static List<Attribute> attributes(JsonNode array) {
        List<Attribute> result = new ArrayList<>();
        for (JsonNode a : array) {
            List<String> canonical = new ArrayList<>();
            a.path("canonicalValues").forEach(v -> canonical.add(v.asText()));
            result.add(new Attribute(a.get("name").asText(), a.get("type").asText(), a.path("multiValued").asBoolean(),
                    a.path("mutability").asText("readWrite"), List.copyOf(canonical),
                    byName(attributes(a.path("subAttributes")))));
        }
        return result;
    }
}
