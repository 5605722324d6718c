package dev.accesslists.scim.schemas.scim;

/**
 * RFC 7644 §3.14 versions: a resource's version is its ETag, sent weak ({@code W/"3"}). The
 * preconditions {@code If-Match} and {@code If-None-Match} (RFC 9110 §13.1) compare the opaque
 * part only, since SCIM sends weak tags in both (a strict comparison would never match).
 */
public final class EntityTags {
    private EntityTags() {
    }

    /** The version as a weak entity tag. */
    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * Whether a precondition header's list of tags names this version: {@code *} names any, else
     * one of the comma-separated tags, weak or strong, with or without quotes.
     */
    public static boolean matches(String header, long version) {
        if (header == null) {
            return false;
        }
        String wanted = Long.toString(version);
        for (String part : header.split(",")) {
            String tag = part.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/") || tag.startsWith("w/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The 412 a write answers when the resource's version is not one the client named. */
    public static ScimException preconditionFailed(String resource, long version) {
        return ScimException.preconditionFailed(resource + " has changed: its version is now " + of(version)
                + ", which If-Match does not name");
    }
}
