package dev.accesslists.scim.schemas.scim;

import java.util.Objects;

/**
 * The {@code path} of a PATCH operation, RFC 7644 §3.5.2 Figure 7:
 * {@code attrPath / valuePath [subAttr]}.
 *
 * <ul>
 *   <li>{@code name.givenName}: {@code path} is {@code name.givenName}, no filter;</li>
 *   <li>{@code emails[type eq "work"]}: {@code path} is {@code emails}, filter {@code type eq "work"};</li>
 *   <li>{@code emails[type eq "work"].value}: {@code path} is {@code emails.value}, same filter, which
 *       selects the values of {@code emails} whose {@code value} sub-attribute is targeted;</li>
 *   <li>{@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}: an extension
 *       attribute, the text after the URN's last ':' being {@code attribute[.subAttribute]}.</li>
 * </ul>
 *
 * @param path the attribute, and the targeted sub-attribute if any
 * @param valueFilter the filter selecting values of a multi-valued attribute, or {@code null}
 */
public record PatchPath(AttrPath path, Filter valueFilter) {

    public PatchPath {
        Objects.requireNonNull(path, "path");
        if (valueFilter != null && path.isSchema()) {
            throw new IllegalArgumentException("a value filter cannot apply to a whole schema");
        }
    }

    /**
     * Parses a PATCH path; surrounding whitespace is ignored.
     *
     * @throws ScimException invalidPath when the text is not a PATCH path
     */
    public static PatchPath parse(String text) {
        try {
            return parseOrThrow(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidPath("invalid path '" + text + "': " + e.getMessage());
        }
    }

    private static PatchPath parseOrThrow(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the path is empty");
        }
        int open = text.indexOf('[');
        if (open < 0) {
            return new PatchPath(AttrPath.parseOrThrow(text), null);
        }
        AttrPath attribute = AttrPath.parseOrThrow(text.substring(0, open).strip());
        if (attribute.subAttribute() != null || attribute.isSchema()) {
            throw new IllegalArgumentException("a value filter must follow an attribute name");
        }
        int close = closingBracket(text, open);
        Filter filter = FilterParser.parseValueFilter(text.substring(open + 1, close));
        String tail = text.substring(close + 1);
        if (tail.isEmpty()) {
            return new PatchPath(attribute, filter);
        }
        if (tail.charAt(0) != '.') {
            throw new IllegalArgumentException("expected '.subAttribute' or the end after ']' but found '" + tail + "'");
        }
        AttrPath sub = AttrPath.parseOrThrow(tail.substring(1));
        if (sub.subAttribute() != null || sub.schemaUrn() != null || sub.isSchema()) {
            throw new IllegalArgumentException("'" + tail.substring(1) + "' is not a sub-attribute name");
        }
        return new PatchPath(new AttrPath(attribute.schemaUrn(), attribute.attribute(), sub.attribute()), filter);
    }

    /** The index of the ']' closing the '[' at {@code open}, skipping string literals. */
    private static int closingBracket(String text, int open) {
        boolean inString = false;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[') {
                throw new IllegalArgumentException("value filters cannot be nested");
            } else if (c == ']') {
                return i;
            }
        }
        throw new IllegalArgumentException("missing ']'");
    }

    /** The attribute without the targeted sub-attribute. */
    public AttrPath attribute() {
        return path.withoutSubAttribute();
    }

    /** The targeted sub-attribute, or null. */
    public String subAttribute() {
        return path.subAttribute();
    }

    /** The path in RFC 7644 §3.5.2 notation. */
    public String toScimString() {
        if (valueFilter == null) {
            return path.toScimString();
        }
        String base = attribute().toScimString() + "[" + valueFilter.toScimString() + "]";
        return path.subAttribute() == null ? base : base + "." + path.subAttribute();
    }
}
