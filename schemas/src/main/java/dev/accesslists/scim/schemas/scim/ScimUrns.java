package dev.accesslists.scim.schemas.scim;

import java.util.Locale;
import java.util.regex.Pattern;

/** Schema URNs of RFC 7643 and how to recognise them. URNs compare case-insensitively. */
public final class ScimUrns {
    public static final String CORE_PREFIX = "urn:ietf:params:scim:schemas:core:2.0:";
    public static final String CORE_USER = CORE_PREFIX + "User";
    public static final String CORE_GROUP = CORE_PREFIX + "Group";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");

    private ScimUrns() {
    }

    /** Whether the text starts like a URN, the way RFC 7644 §3.10 fully qualified paths do. */
    public static boolean isUrn(String text) {
        return text != null && text.regionMatches(true, 0, "urn:", 0, 4);
    }

    /** Whether the URN names a core schema, whose attributes are addressed without a prefix. */
    public static boolean isCore(String urn) {
        return urn != null && urn.regionMatches(true, 0, CORE_PREFIX, 0, CORE_PREFIX.length());
    }

    /**
     * Whether the URN names a whole schema rather than an attribute inside one. Schema URNs end in
     * {@code ...:<version>:<ResourceType>} (RFC 7643 §8.7), attribute URNs in
     * {@code ...:<ResourceType>:<attribute>}.
     */
    public static boolean isSchemaUrn(String text) {
        if (!isUrn(text)) {
            return false;
        }
        if (text.equalsIgnoreCase(ENTERPRISE_USER) || text.equalsIgnoreCase(CORE_USER)
                || text.equalsIgnoreCase(CORE_GROUP)) {
            return true;
        }
        int last = text.lastIndexOf(':');
        int previous = text.lastIndexOf(':', last - 1);
        return previous > 0 && last < text.length() - 1
                && VERSION.matcher(text.substring(previous + 1, last)).matches();
    }

    /** The known spelling of a schema URN, or the URN as given when it is not known. */
    public static String canonical(String urn) {
        for (String known : new String[] {ENTERPRISE_USER, CORE_USER, CORE_GROUP}) {
            if (known.equalsIgnoreCase(urn)) {
                return known;
            }
        }
        return urn;
    }

    static String fold(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
