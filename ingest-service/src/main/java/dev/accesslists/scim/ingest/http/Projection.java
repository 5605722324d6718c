package dev.accesslists.scim.ingest.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * RFC 7644 §3.4.2.5 {@code attributes} and {@code excludedAttributes}, on top-level attributes
 * (a sub-attribute or URN-qualified name selects its top-level attribute). {@code id} and
 * {@code schemas} are always returned.
 */
public record Projection(Set<String> attributes, Set<String> excluded) {
    private static final Set<String> ALWAYS = Set.of("id", "schemas");

    public static Projection of(Context ctx) {
        return new Projection(names(ctx.queryParam("attributes")), names(ctx.queryParam("excludedAttributes")));
    }

    /** True when the client asked to leave this attribute out, e.g. {@code excludedAttributes=members}. */
    public boolean excludes(String attribute) {
        String name = attribute.toLowerCase(Locale.ROOT);
        return excluded.contains(name) || (!attributes.isEmpty() && !attributes.contains(name));
    }

    public ObjectNode apply(ObjectNode resource) {
        if (attributes.isEmpty() && excluded.isEmpty()) {
            return resource;
        }
        Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = resource.fields();
        while (it.hasNext()) {
            String name = it.next().getKey();
            if (!ALWAYS.contains(name) && excludes(name)) {
                it.remove();
            }
        }
        return resource;
    }

    private static Set<String> names(String param) {
        if (param == null || param.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(param.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Projection::topLevel)
                .collect(Collectors.toUnmodifiableSet());
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
