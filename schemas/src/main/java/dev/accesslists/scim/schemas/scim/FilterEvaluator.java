package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Evaluates a {@link Filter} against the JSON of a SCIM resource, following RFC 7644 §3.4.2.2:
 *
 * <ul>
 *   <li>attribute names match ignoring case; extension attributes live under their schema URN
 *       ({@code resource["urn:...:enterprise:2.0:User"]["employeeNumber"]});</li>
 *   <li>a multi-valued attribute matches when any of its values does; a complex value compared
 *       without a sub-attribute is compared through its {@code value} sub-attribute;</li>
 *   <li>strings compare ignoring case, except the caseExact attributes {@code id} and
 *       {@code externalId} (RFC 7643 §3.1); {@code userName} is not caseExact;</li>
 *   <li>booleans also match their string spelling ({@code "True"}), numbers compare numerically,
 *       and two date-times with offsets compare as instants;</li>
 *   <li>{@code ne} is the negation of {@code eq}, so it also matches a missing attribute.</li>
 * </ul>
 */
public final class FilterEvaluator {

    private static final Set<String> CASE_EXACT = Set.of("id", "externalid");

    private FilterEvaluator() {
    }

    /** Whether the resource satisfies the filter. */
    public static boolean matches(Filter filter, ObjectNode resource) {
        return matches(filter, resource, false);
    }

    /**
     * Whether one value of a multi-valued attribute satisfies a value filter, the way
     * {@code attr[filter]} tests it; a simple value is seen as {@code {"value": v}}.
     */
    static boolean matchesValue(Filter filter, JsonNode value) {
        return matches(filter, asComplex(value), true);
    }

    /**
     * @param nested whether {@code resource} is one value of a multi-valued attribute, inside a
     *     value filter; its sub-attributes are never the top-level caseExact attributes
     */
    private static boolean matches(Filter filter, JsonNode resource, boolean nested) {
        if (filter instanceof Filter.Compare compare) {
            return compare(compare, resource, nested);
        }
        if (filter instanceof Filter.Present present) {
            return values(resource, present.path()).stream().anyMatch(JsonNodes::isPresent);
        }
        if (filter instanceof Filter.And and) {
            return matches(and.left(), resource, nested) && matches(and.right(), resource, nested);
        }
        if (filter instanceof Filter.Or or) {
            return matches(or.left(), resource, nested) || matches(or.right(), resource, nested);
        }
        if (filter instanceof Filter.Not not) {
            return !matches(not.filter(), resource, nested);
        }
        Filter.ValuePath valuePath = (Filter.ValuePath) filter;
        for (JsonNode value : values(resource, valuePath.path())) {
            if (matches(valuePath.filter(), asComplex(value), true)) {
                return true;
            }
        }
        return false;
    }

    private static boolean compare(Filter.Compare compare, JsonNode resource, boolean nested) {
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode value : values(resource, compare.path())) {
            JsonNode simple = value.isObject() && compare.path().subAttribute() == null
                    ? JsonNodes.get(value, "value") : value;
            if (simple != null && !simple.isNull() && !simple.isContainerNode()) {
                candidates.add(simple);
            }
        }
        boolean caseExact = !nested && compare.path().schemaUrn() == null && compare.path().subAttribute() == null
                && CASE_EXACT.contains(ScimUrns.fold(compare.path().attribute()));
        if (compare.op() == Operator.NE) {
            return !anyMatches(Operator.EQ, candidates, compare.value(), caseExact);
        }
        return anyMatches(compare.op(), candidates, compare.value(), caseExact);
    }

    private static boolean anyMatches(Operator op, List<JsonNode> candidates, JsonNode expected, boolean caseExact) {
        if (expected.isNull()) {
            return op == Operator.EQ && candidates.isEmpty();
        }
        for (JsonNode actual : candidates) {
            if (test(op, actual, expected, caseExact)) {
                return true;
            }
        }
        return false;
    }

    /** The values an attribute path reaches, with multi-valued attributes flattened. */
    static List<JsonNode> values(JsonNode resource, AttrPath path) {
        JsonNode container = path.schemaUrn() == null ? resource : JsonNodes.get(resource, path.schemaUrn());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode value : flatten(JsonNodes.get(container, path.attribute()))) {
            if (path.subAttribute() == null) {
                out.add(value);
            } else if (value.isObject()) {
                out.addAll(flatten(JsonNodes.get(value, path.subAttribute())));
            }
        }
        return out;
    }

    private static List<JsonNode> flatten(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            return List.of(node);
        }
        List<JsonNode> out = new ArrayList<>(node.size());
        node.forEach(out::add);
        return out;
    }

    /** A value of a multi-valued attribute as an object, so {@code schemas[value eq "x"]} works too. */
    private static JsonNode asComplex(JsonNode value) {
        if (value.isObject()) {
            return value;
        }
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        wrapper.set("value", value);
        return wrapper;
    }

    private static boolean test(Operator op, JsonNode actual, JsonNode expected, boolean caseExact) {
        if (actual.isBoolean() || expected.isBoolean()) {
            Boolean a = bool(actual);
            Boolean e = bool(expected);
            if (a != null && e != null && op == Operator.EQ) {
                return a.equals(e);
            }
        }
        if (op == Operator.EQ || op.isOrdering()) {
            Integer order = orderOf(actual, expected);
            if (order != null) {
                return holds(op, order);
            }
        }
        String a = actual.asText();
        String e = expected.asText();
        if (!caseExact) {
            a = a.toLowerCase(Locale.ROOT);
            e = e.toLowerCase(Locale.ROOT);
        }
        return switch (op) {
            case EQ -> a.equals(e);
            case CO -> a.contains(e);
            case SW -> a.startsWith(e);
            case EW -> a.endsWith(e);
            case NE -> !a.equals(e);
            default -> holds(op, a.compareTo(e));
        };
    }

    /** The numeric or temporal order of two values, or null when they are not both of one kind. */
    private static Integer orderOf(JsonNode actual, JsonNode expected) {
        if (actual.isNumber() || expected.isNumber()) {
            BigDecimal a = decimal(actual);
            BigDecimal e = decimal(expected);
            return a == null || e == null ? null : a.compareTo(e);
        }
        if (actual.isTextual() && expected.isTextual()) {
            OffsetDateTime a = dateTime(actual.textValue());
            OffsetDateTime e = a == null ? null : dateTime(expected.textValue());
            return e == null ? null : a.toInstant().compareTo(e.toInstant());
        }
        return null;
    }

    private static boolean holds(Operator op, int order) {
        return switch (op) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            default -> false;
        };
    }

    private static Boolean bool(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.textValue().equalsIgnoreCase("true") || node.textValue().equalsIgnoreCase("false"))) {
            return Boolean.valueOf(node.textValue().equalsIgnoreCase("true"));
        }
        return null;
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            if (!text.isEmpty() && text.length() <= 64 && (Character.isDigit(text.charAt(text.length() - 1)))) {
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** An RFC 7643 §2.3.5 dateTime with an offset, or null; shape is checked first to stay cheap. */
    private static OffsetDateTime dateTime(String text) {
        if (text.length() < 20 || text.length() > 40 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
