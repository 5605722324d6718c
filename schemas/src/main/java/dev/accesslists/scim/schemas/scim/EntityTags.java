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
     * The tag of a representation that also shows attributes the server derives from other
     * resources (a user's {@code groups}): the version, then a digest of those attributes, so the
     * tag changes when they do although the resource's own version does not.
     */
    public static String of(long version, String derived) {
        if (derived == null || derived.isEmpty()) {
            return of(version);
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(derived.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "W/\"" + version + "-" + Long.toHexString(crc.getValue()) + "\"";
    }

    /**
     * {@code If-Match}: whether the header names this version of the resource ({@code *} names
     * any); a tag's derived part, if any, is not compared, since a write changes only the
     * resource's own attributes.
     */
    public static boolean matches(String header, long version) {
        String wanted = Long.toString(version);
        return anyTag(header, tag -> {
            int dash = tag.indexOf('-');
            return (dash < 0 ? tag : tag.substring(0, dash)).equals(wanted);
        });
    }

    /**
     * {@code If-None-Match}: whether the header names this very tag ({@code *} names any), compared
     * weakly (RFC 9110 §8.8.3.2).
     */
    public static boolean matchesTag(String header, String tag) {
        String wanted = opaque(tag);
        return anyTag(header, wanted::equals);
    }

    private static boolean anyTag(String header, java.util.function.Predicate<String> test) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            String tag = part.trim();
            if (tag.equals("*") || (!tag.isEmpty() && test.test(opaque(tag)))) {
                return true;
            }
        }
        return false;
    }

    /** A tag without its weak marker and quotes. */
    private static String opaque(String tag) {
        String t = tag.trim();
        if (t.startsWith("W/") || t.startsWith("w/")) {
            t = t.substring(2);
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** The 412 a write answers when the resource's version is not one the client named. */
    public static ScimException preconditionFailed(String resource, long version) {
        return ScimException.preconditionFailed(resource + " has changed: its version is now " + of(version)
                + ", which If-Match does not name");
    }
}
