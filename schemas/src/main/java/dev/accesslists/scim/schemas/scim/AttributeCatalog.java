package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a {@link ResourcePatcher} needs to know about a resource type's attributes (RFC 7643 §7):
 * their canonical spelling, which are multi-valued, complex, boolean, read-only or required.
 * Names are matched ignoring case; an attribute the catalog does not know is treated by the shape
 * of its current or new value.
 */
public final class AttributeCatalog {

    /** The User of RFC 7643 §4.1 and the enterprise extension of §4.3. */
    public static final AttributeCatalog USER = new AttributeCatalog(
            List.of("userName", "name", "formatted", "familyName", "givenName", "middleName", "honorificPrefix",
                    "honorificSuffix", "displayName", "nickName", "profileUrl", "title", "userType",
                    "preferredLanguage", "locale", "timezone", "active", "password", "emails", "phoneNumbers",
                    "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates",
                    "externalId", "value", "display", "type", "primary", "$ref", "streetAddress", "locality",
                    "region", "postalCode", "country", "employeeNumber", "costCenter", "organization",
                    "division", "department", "manager", "schemas", "id", "meta"),
            Set.of("emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements", "roles",
                    "x509Certificates", "schemas"),
            Set.of("name", "manager", "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements",
                    "roles", "x509Certificates"),
            Set.of("manager"),
            Set.of("active", "primary"),
            Set.of("id", "meta", "schemas"),
            Set.of("userName"));

    private final Map<String, String> canonical;
    private final Set<String> multiValued;
    private final Set<String> complex;
    private final Set<String> references;
    private final Set<String> booleans;
    private final Set<String> readOnly;
    private final Set<String> requiredStrings;

    /**
     * @param names canonical spellings of attribute and sub-attribute names
     * @param multiValued multi-valued attributes
     * @param complex complex attributes: singular ones are merged by add and replace
     *     (RFC 7644 §3.5.2.3); the values of multi-valued ones are objects, a bare value {@code v}
     *     standing for {@code {"value": v}}
     * @param references singular references such as the enterprise {@code manager}: a bare string
     *     value is the referenced id ({@code "x"} → {@code {"value":"x"}}), and a new value replaces
     *     the old one whole so no stale {@code displayName} survives
     * @param booleans attributes and sub-attributes whose string values "true"/"false" become booleans
     * @param readOnly core attributes a PATCH path may not target; path-less values skip them
     * @param requiredStrings attributes that must remain non-empty strings
     */
    public AttributeCatalog(Collection<String> names, Set<String> multiValued, Set<String> complex,
                            Set<String> references, Set<String> booleans, Set<String> readOnly,
                            Set<String> requiredStrings) {
        Map<String, String> byFolded = new HashMap<>();
        names.forEach(name -> byFolded.put(ScimUrns.fold(name), name));
        this.canonical = Map.copyOf(byFolded);
        this.multiValued = folded(multiValued);
        this.complex = folded(complex);
        this.references = folded(references);
        this.booleans = folded(booleans);
        this.readOnly = folded(readOnly);
        this.requiredStrings = Set.copyOf(requiredStrings);
    }

    private static Set<String> folded(Set<String> names) {
        return names.stream().map(ScimUrns::fold).collect(Collectors.toUnmodifiableSet());
    }

    /** The canonical spelling of a name, or the name as given when unknown. */
    public String canonical(String name) {
        return canonical.getOrDefault(ScimUrns.fold(name), name);
    }

    public boolean isMultiValued(String name) {
        return multiValued.contains(ScimUrns.fold(name));
    }

    public boolean isComplex(String name) {
        return complex.contains(ScimUrns.fold(name));
    }

    public boolean isReference(String name) {
        return references.contains(ScimUrns.fold(name));
    }

    public boolean isBoolean(String name) {
        return booleans.contains(ScimUrns.fold(name));
    }

    /** Whether the catalog describes the name, so its shape comes from the catalog, not from values. */
    public boolean isKnown(String name) {
        return canonical.containsKey(ScimUrns.fold(name));
    }

    /** A known attribute holding one simple value (string, boolean, number). */
    public boolean isSimple(String name) {
        return isKnown(name) && !isMultiValued(name) && !isComplex(name) && !isReference(name);
    }

    public boolean isReadOnly(String name) {
        return readOnly.contains(ScimUrns.fold(name));
    }

    public Set<String> requiredStrings() {
        return requiredStrings;
    }

    /**
     * A fresh copy of a client-sent value, ready to store under {@code name}: object keys take their
     * canonical spelling, null members are dropped (unassigned, RFC 7643 §2.5), and boolean
     * attributes given as strings become booleans. The copy shares
     * nothing mutable with the input.
     *
     * @throws ScimException invalidValue when a boolean attribute gets a value that is not one
     */
    JsonNode normalise(String name, JsonNode value) {
        if (isBoolean(name)) {
            return bool(name, value);
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String key = canonical(field.getKey());
                if (!field.getValue().isNull()) {
                    copy.set(key, normalise(key, field.getValue()));
                }
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(value.size());
            value.forEach(element -> copy.add(normalise(name, element)));
            return copy;
        }
        return value;
    }

    /** Entra ID sends booleans as "True" / "False". */
    private static JsonNode bool(String name, JsonNode value) {
        if (value.isBoolean() || value.isNull()) {
            return value;
        }
        if (value.isTextual() && value.textValue().strip().equalsIgnoreCase("true")) {
            return BooleanNode.TRUE;
        }
        if (value.isTextual() && value.textValue().strip().equalsIgnoreCase("false")) {
            return BooleanNode.FALSE;
        }
        throw ScimException.invalidValue("'" + name + "' must be a boolean, not " + abbreviate(value.toString()));
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /** A reference attribute's value: a bare id becomes {@code {"value": id}}. */
    JsonNode reference(String name, JsonNode value) {
        if (value.isTextual() || value.isNumber()) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            object.set("value", TextNode.valueOf(value.asText()));
            return object;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue("'" + name + "' must be an id or an object with a value, not "
                    + abbreviate(value.toString()));
        }
        return normalise(name, value);
    }
}
