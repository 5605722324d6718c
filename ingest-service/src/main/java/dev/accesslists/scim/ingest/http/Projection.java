package dev.accesslists.scim.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.scim.Filter;
import dev.accesslists.scim.schemas.scim.FilterEvaluator;
import dev.accesslists.scim.schemas.scim.PatchPath;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * RFC 7644 §3.4.2.5 {@code attributes} and {@code excludedAttributes}, on top-level attributes
 * (a sub-attribute or URN-qualified name selects its top-level attribute). {@code id} and
 * {@code schemas} are always returned.
 *
 * <p>An attribute named with a value filter, {@code attributes=emails[type eq "work"]} (not in the
 * RFC's grammar, but sent by IdP test collections), returns that attribute with only the values
 * the filter matches; named also without a filter, it is returned whole.
 */
public record Projection(Set<String> attributes, Set<String> excluded, Map<String, Filter> valueFilters) {
    private static final Set<String> ALWAYS = Set.of("id", "schemas");

    /** Attributes named without value filters. */
    public Projection(Set<String> attributes, Set<String> excluded) {
        this(attributes, excluded, Map.of());
    }

    /** The request attribute holding the request's projection, read once per request. */
    private static final String ATTRIBUTE = "scim.projection";

    /** The request's projection, parsed on first use (a malformed value filter is a 400). */
    public static Projection of(Context ctx) {
        Projection cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        Map<String, Filter> filters = new HashMap<>();
        Set<String> attributes = names(ctx.queryParam("attributes"), filters);
        Projection projection = new Projection(attributes, names(ctx.queryParam("excludedAttributes"),
                new HashMap<>()), Map.copyOf(filters));
        ctx.attribute(ATTRIBUTE, projection);
        return projection;
    }

    /** Whether the client named attributes to return or to leave out. */
    public boolean asked() {
        return !attributes.isEmpty() || !excluded.isEmpty();
    }

    /** True when the client asked to leave this attribute out, e.g. {@code excludedAttributes=members}. */
    public boolean excludes(String attribute) {
        String name = attribute.toLowerCase(Locale.ROOT);
        return excluded.contains(name) || (!attributes.isEmpty() && !attributes.contains(name));
    }

    /**
     * The values of a multi-valued attribute the projection keeps: those its value filter matches,
     * or all when it names the attribute without one.
     */
    public java.util.function.Predicate<ObjectNode> valueFilter(String attribute) {
        Filter filter = valueFilters.get(attribute.toLowerCase(Locale.ROOT));
        return filter == null ? value -> true : value -> FilterEvaluator.matches(filter, value);
    }

    public ObjectNode apply(ObjectNode resource) {
        if (attributes.isEmpty() && excluded.isEmpty()) {
            return resource;
        }
        Iterator<Map.Entry<String, JsonNode>> it = resource.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (!ALWAYS.contains(name) && excludes(name)) {
                it.remove();
                continue;
            }
            Filter filter = valueFilters.get(name.toLowerCase(Locale.ROOT));
            if (filter != null && field.getValue().isArray()) {
                ArrayNode values = (ArrayNode) field.getValue();
                for (int i = values.size() - 1; i >= 0; i--) {
                    JsonNode value = values.get(i);
                    if (!value.isObject() || !FilterEvaluator.matches(filter, (ObjectNode) value)) {
                        values.remove(i);
                    }
                }
            }
        }
        return resource;
    }

    /**
     * The top-level names of a comma-separated list; a name with a value filter adds the filter
     * to {@code filters}, unless the name also comes without one.
     */
    private static Set<String> names(String param, Map<String, Filter> filters) {
        if (param == null || param.isBlank()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        Set<String> whole = new HashSet<>();
        for (String item : split(param)) {
            String name = item.trim();
            if (name.isEmpty()) {
                continue;
            }
            int bracket = name.indexOf('[');
            String top = topLevel(bracket < 0 ? name : name.substring(0, bracket));
            names.add(top);
            if (bracket < 0) {
                whole.add(top);
            } else {
                filters.put(top, PatchPath.parse(name).valueFilter());
            }
        }
        whole.forEach(filters::remove);
        return Set.copyOf(names);
    }

    /** Splits on commas outside value filters and quoted strings. */
    private static List<String> split(String param) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < param.length(); i++) {
            char c = param.charAt(i);
            if (c == '"' && (i == 0 || param.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '[') {
                depth++;
            } else if (!quoted && c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (!quoted && depth == 0 && c == ',') {
                items.add(param.substring(start, i));
                start = i + 1;
            }
        }
        items.add(param.substring(start));
        return items;
    }

    private static String topLevel(String name) {
        String n = name;
        if (n.toLowerCase(Locale.ROOT).startsWith("urn:")) {
            String lower = n.toLowerCase(Locale.ROOT);
            for (String core : new String[] {Scim.USER_SCHEMA, Scim.GROUP_SCHEMA}) {
                if (lower.startsWith(core.toLowerCase(Locale.ROOT) + ":")) {
                    n = n.substring(core.length() + 1);
                    break;
                }
            }
            if (n.toLowerCase(Locale.ROOT).startsWith("urn:")) {
                return n.toLowerCase(Locale.ROOT).startsWith(Scim.ENTERPRISE_USER_SCHEMA.toLowerCase(Locale.ROOT))
                        ? Scim.ENTERPRISE_USER_SCHEMA.toLowerCase(Locale.ROOT) : n.toLowerCase(Locale.ROOT);
            }
        }
        int dot = n.indexOf('.');
        return (dot < 0 ? n : n.substring(0, dot)).toLowerCase(Locale.ROOT);
    }
}
