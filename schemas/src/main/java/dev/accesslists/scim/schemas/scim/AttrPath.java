package dev.accesslists.scim.schemas.scim;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An attribute path, RFC 7644 §3.10: {@code [schemaUrn ":"] attribute ["." subAttribute]}.
 *
 * <p>Attributes of a core schema are addressed without a URN, so
 * {@code urn:ietf:params:scim:schemas:core:2.0:User:userName} parses to the same path as
 * {@code userName}. A path naming a whole extension schema (for example
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}) becomes a top-level attribute
 * whose name is that URN, which is where the resource JSON keeps the extension's attributes.
 *
 * <p>Names and URNs compare case-insensitively (RFC 7643 §2.1), so {@link #equals} and
 * {@link #hashCode} do.
 *
 * @param schemaUrn the extension schema URN, or {@code null} for a core attribute
 * @param attribute the attribute name
 * @param subAttribute the sub-attribute name, or {@code null}
 */
public record AttrPath(String schemaUrn, String attribute, String subAttribute) {

    /** RFC 7643 §2.1 ATTRNAME, plus the leading {@code $} of {@code $ref}. */
    private static final Pattern NAME = Pattern.compile("\\$?[A-Za-z][A-Za-z0-9_$-]*");

    public AttrPath {
        Objects.requireNonNull(attribute, "attribute");
        if (attribute.isEmpty()) {
            throw new IllegalArgumentException("empty attribute name");
        }
        if (schemaUrn != null && (schemaUrn.isEmpty() || ScimUrns.isCore(schemaUrn))) {
            schemaUrn = null;
        }
    }

    /** A core attribute. */
    public static AttrPath of(String attribute) {
        return new AttrPath(null, attribute, null);
    }

    /** A sub-attribute of a core attribute. */
    public static AttrPath of(String attribute, String subAttribute) {
        return new AttrPath(null, attribute, subAttribute);
    }

    /**
     * Parses an attribute path.
     *
     * @throws ScimException invalidPath when the text is not an attribute path
     */
    public static AttrPath parse(String text) {
        try {
            return parseOrThrow(text);
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidPath(e.getMessage());
        }
    }

    /** Parses, reporting errors as {@link IllegalArgumentException} so callers pick the scimType. */
    static AttrPath parseOrThrow(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty attribute path");
        }
        if (ScimUrns.isSchemaUrn(text)) {
            return new AttrPath(null, ScimUrns.canonical(text), null);
        }
        String urn = null;
        String local = text;
        if (ScimUrns.isUrn(text)) {
            int colon = text.lastIndexOf(':');
            urn = ScimUrns.canonical(text.substring(0, colon));
            local = text.substring(colon + 1);
            if (local.isEmpty()) {
                throw new IllegalArgumentException("attribute path '" + text + "' ends with ':'");
            }
        }
        int dot = local.indexOf('.');
        if (dot >= 0 && local.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a valid attribute path: "
                    + "SCIM paths go at most one level deep (attribute.subAttribute)");
        }
        String attribute = dot < 0 ? local : local.substring(0, dot);
        String sub = dot < 0 ? null : local.substring(dot + 1);
        requireName(attribute, text);
        if (sub != null) {
            requireName(sub, text);
        }
        return new AttrPath(urn, attribute, sub);
    }

    private static void requireName(String name, String text) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a valid attribute path"
                    + (name.isEmpty() ? "" : ": '" + name + "' is not an attribute name"));
        }
    }

    /** Whether this names a core attribute, ignoring case, with no sub-attribute. */
    public boolean is(String name) {
        return schemaUrn == null && subAttribute == null && attribute.equalsIgnoreCase(name);
    }

    /** Whether the attribute is a whole extension schema, addressed by its URN. */
    public boolean isSchema() {
        return schemaUrn == null && ScimUrns.isUrn(attribute);
    }

    /** The same path without its sub-attribute. */
    public AttrPath withoutSubAttribute() {
        return subAttribute == null ? this : new AttrPath(schemaUrn, attribute, null);
    }

    /** The path in RFC 7644 §3.10 notation. */
    public String toScimString() {
        StringBuilder out = new StringBuilder();
        if (schemaUrn != null) {
            out.append(schemaUrn).append(':');
        }
        out.append(attribute);
        if (subAttribute != null) {
            out.append('.').append(subAttribute);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttrPath that
                && equalsIgnoreCase(schemaUrn, that.schemaUrn)
                && attribute.equalsIgnoreCase(that.attribute)
                && equalsIgnoreCase(subAttribute, that.subAttribute);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ScimUrns.fold(schemaUrn), ScimUrns.fold(attribute), ScimUrns.fold(subAttribute));
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }
}
