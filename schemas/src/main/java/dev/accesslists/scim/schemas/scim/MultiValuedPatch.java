package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The multi-valued parts of RFC 7644 §3.5.2: appending, replacing the whole set, and the
 * operations on the values a value filter ({@code emails[type eq "work"]}) selects. Works in place
 * on the patcher's private copy of the resource.
 */
final class MultiValuedPatch {
    private final AttributeCatalog catalog;

    MultiValuedPatch(AttributeCatalog catalog) {
        this.catalog = catalog;
    }

    /** RFC 7644 §3.5.2.1: add appends the given values, skipping ones already present. */
    void append(ObjectNode container, String key, JsonNode value) {
        ArrayNode array = arrayAt(container, key);
        for (JsonNode element : elements(value)) {
            JsonNode normalised = element(key, element);
            if (!normalised.isNull() && !contains(array, normalised)) {
                array.add(normalised);
                keepSinglePrimary(array, normalised);
            }
        }
    }

    /** RFC 7644 §3.5.2.3: replace without a filter replaces the whole set. */
    void replaceAll(ObjectNode container, String key, JsonNode value) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : elements(value)) {
            JsonNode normalised = element(key, element);
            if (!normalised.isNull() && !contains(array, normalised)) {
                array.add(normalised);
            }
        }
        container.set(key, array);
    }

    /**
     * Add through a value filter. The RFC leaves this open; Entra ID sends
     * {@code add emails[type eq "work"].value} and expects a new work email when there is none, so
     * when nothing matches, a new value is built from the filter's {@code eq} comparisons.
     */
    void addFiltered(ObjectNode container, String key, PatchPath target, JsonNode value) {
        JsonNode existing = container.get(key);
        List<ObjectNode> hits = matchingObjects(existing, target.valueFilter());
        if (hits.isEmpty()) {
            if (existing != null && !existing.isNull() && !existing.isArray()) {
                throw noMatch(key, target);
            }
            ObjectNode seed = seed(target.valueFilter());
            if (seed == null) {
                throw ScimException.noTarget("no value of '" + key + "' matches [" + target.valueFilter().toScimString()
                        + "], and a new one can only be made from a filter of 'eq' comparisons joined by 'and'");
            }
            hits = List.of(seed);
            arrayAt(container, key).add(seed);
        }
        for (ObjectNode hit : hits) {
            write(hit, target.subAttribute(), value);
            keepSinglePrimary(container.get(key), hit);
        }
    }

    /** RFC 7644 §3.5.2.3: replace through a value filter; no match is {@code noTarget}. */
    void replaceFiltered(ObjectNode container, String key, PatchPath target, JsonNode value) {
        JsonNode existing = container.get(key);
        List<Integer> hits = matchingIndexes(existing, target.valueFilter());
        if (hits.isEmpty()) {
            throw noMatch(key, target);
        }
        for (int index : hits) {
            JsonNode current = existing.isArray() ? existing.get(index) : existing;
            JsonNode updated;
            if (target.subAttribute() != null && current.isObject()) {
                write((ObjectNode) current, target.subAttribute(), value);
                updated = current;
            } else if (target.subAttribute() != null) {
                throw ScimException.invalidPath("the values of '" + key + "' have no sub-attributes");
            } else if (current.isObject() && !value.isObject()) {
                throw ScimException.invalidValue("the values of '" + key + "' are complex; the new value must be an object");
            } else {
                updated = element(key, value);
                if (existing.isArray()) {
                    ((ArrayNode) existing).set(index, updated);
                } else {
                    container.set(key, updated);
                }
            }
            keepSinglePrimary(container.get(key), updated);
        }
    }

    /** RFC 7644 §3.5.2.2: remove the selected values, or their sub-attribute; no match is a no-op. */
    void removeFiltered(ObjectNode container, String key, PatchPath target) {
        JsonNode existing = container.get(key);
        List<Integer> hits = matchingIndexes(existing, target.valueFilter());
        for (int i = hits.size() - 1; i >= 0; i--) {
            int index = hits.get(i);
            JsonNode current = existing.isArray() ? existing.get(index) : existing;
            if (target.subAttribute() != null) {
                if (current.isObject()) {
                    JsonNodes.remove((ObjectNode) current, target.subAttribute());
                }
            } else if (existing.isArray()) {
                ((ArrayNode) existing).remove(index);
            } else {
                container.remove(key);
            }
        }
        if (existing != null && existing.isArray() && existing.isEmpty()) {
            container.remove(key);
        }
    }

    /**
     * Remove with a value on a multi-valued attribute removes only the values given, matched by
     * their {@code value} sub-attribute. Entra ID removes members this way; dropping every value
     * instead is a known data-loss bug of other servers.
     */
    void removeValues(ObjectNode container, String key, JsonNode value) {
        JsonNode existing = container.get(key);
        if (existing == null || !existing.isArray()) {
            return;
        }
        ArrayNode array = (ArrayNode) existing;
        List<JsonNode> victims = elements(value);
        for (int i = array.size() - 1; i >= 0; i--) {
            JsonNode element = array.get(i);
            if (victims.stream().anyMatch(victim -> sameValue(element, victim))) {
                array.remove(i);
            }
        }
        if (array.isEmpty()) {
            container.remove(key);
        }
    }

    /** One value of the attribute, normalised; a bare value of a complex attribute becomes {@code {"value": v}}. */
    private JsonNode element(String key, JsonNode value) {
        if (catalog.isComplex(key) && value.isValueNode() && !value.isNull()) {
            ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
            wrapped.set("value", value);
            return catalog.normalise(key, wrapped);
        }
        return catalog.normalise(key, value);
    }

    /** Sets a sub-attribute, or merges an object value, into one selected value. */
    private void write(ObjectNode target, String subAttribute, JsonNode value) {
        if (subAttribute != null) {
            target.set(ResourcePatcher.keyFor(catalog, target, subAttribute), catalog.normalise(subAttribute, value));
            return;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue("a value selected by a filter is complex; the new value must be an object");
        }
        ResourcePatcher.merge(catalog, target, value);
    }

    private ArrayNode arrayAt(ObjectNode container, String key) {
        JsonNode existing = container.get(key);
        if (existing != null && existing.isArray()) {
            return (ArrayNode) existing;
        }
        ArrayNode array = container.putArray(key);
        if (existing != null && !existing.isNull()) {
            array.add(existing);
        }
        return array;
    }

    private static List<JsonNode> elements(JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(out::add);
        } else {
            out.add(value);
        }
        return out;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> matchingIndexes(JsonNode existing, Filter filter) {
        List<Integer> out = new ArrayList<>();
        if (existing == null || existing.isNull()) {
            return out;
        }
        if (!existing.isArray()) {
            if (FilterEvaluator.matchesValue(filter, existing)) {
                out.add(0);
            }
            return out;
        }
        for (int i = 0; i < existing.size(); i++) {
            if (FilterEvaluator.matchesValue(filter, existing.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<ObjectNode> matchingObjects(JsonNode existing, Filter filter) {
        List<ObjectNode> out = new ArrayList<>();
        for (int index : matchingIndexes(existing, filter)) {
            JsonNode value = existing.isArray() ? existing.get(index) : existing;
            if (!value.isObject()) {
                throw ScimException.invalidPath("the values of this attribute are not complex");
            }
            out.add((ObjectNode) value);
        }
        return out;
    }

    /** A new value holding what the filter's {@code eq} comparisons require, or null. */
    private ObjectNode seed(Filter filter) {
        ObjectNode seed = JsonNodeFactory.instance.objectNode();
        return collect(filter, seed) ? seed : null;
    }

    private boolean collect(Filter filter, ObjectNode seed) {
        if (filter instanceof Filter.And and) {
            return collect(and.left(), seed) && collect(and.right(), seed);
        }
        if (filter instanceof Filter.Compare compare && compare.op() == Operator.EQ && !compare.value().isNull()
                && compare.path().schemaUrn() == null && compare.path().subAttribute() == null
                && !compare.path().isSchema()) {
            String name = catalog.canonical(compare.path().attribute());
            seed.set(name, catalog.normalise(name, compare.value()));
            return true;
        }
        return false;
    }

    /** RFC 7643 §2.4: "primary" is true for at most one value. The latest one written wins. */
    private static void keepSinglePrimary(JsonNode array, JsonNode winner) {
        if (array == null || !array.isArray() || !isPrimary(winner)) {
            return;
        }
        for (JsonNode element : array) {
            if (element != winner && isPrimary(element)) {
                ((ObjectNode) element).set(JsonNodes.key(element, "primary"), BooleanNode.FALSE);
            }
        }
    }

    private static boolean isPrimary(JsonNode value) {
        JsonNode primary = value == null ? null : JsonNodes.get(value, "primary");
        return primary != null && primary.isBoolean() && primary.booleanValue();
    }

    private static boolean sameValue(JsonNode element, JsonNode victim) {
        JsonNode wanted = victim.isObject() ? JsonNodes.get(victim, "value") : victim;
        if (wanted == null) {
            return element.equals(victim);
        }
        JsonNode actual = element.isObject() ? JsonNodes.get(element, "value") : element;
        return actual != null && actual.equals(wanted);
    }

    private static ScimException noMatch(String key, PatchPath target) {
        return ScimException.noTarget("no value of '" + key + "' matches [" + target.valueFilter().toScimString() + "]");
    }
}
