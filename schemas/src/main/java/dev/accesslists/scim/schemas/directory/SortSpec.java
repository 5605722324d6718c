package dev.accesslists.scim.schemas.directory;

import dev.accesslists.scim.schemas.scim.ScimException;
import java.util.List;
import java.util.Locale;

/**
 * RFC 7644 §3.4.2.3 {@code sortBy} and {@code sortOrder}, for the attributes lists can be sorted
 * by: {@code userName} (Users only), {@code displayName}, {@code externalId}, {@code meta.created}
 * and {@code meta.lastModified}. Names are read in any case and may carry the resource type's core
 * schema URN. Strings compare by Unicode code point, ignoring case except for the case-exact
 * {@code externalId}; ties, and resources without the attribute, are ordered by id, and those
 * without it come last in ascending order. Descending is the exact reverse of ascending.
 *
 * @param attribute one of {@link #ATTRIBUTES}, in its canonical spelling
 * @param descending true for {@code sortOrder=descending}
 */
public record SortSpec(String attribute, boolean descending) {
    public static final String USER_NAME = "userName";
    public static final String DISPLAY_NAME = "displayName";
    public static final String EXTERNAL_ID = "externalId";
    public static final String CREATED = "meta.created";
    public static final String LAST_MODIFIED = "meta.lastModified";
    public static final List<String> ATTRIBUTES = List.of(USER_NAME, DISPLAY_NAME, EXTERNAL_ID, CREATED, LAST_MODIFIED);

    private static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:";

    public SortSpec {
        if (!ATTRIBUTES.contains(attribute)) {
            throw new IllegalArgumentException("not a sort attribute: " + attribute);
        }
    }

    /**
     * The sort a request asks for, or null when it names no {@code sortBy} (the default order).
     *
     * @param resourceType {@code User} or {@code Group}
     * @throws ScimException 400 invalidValue for an attribute lists cannot be sorted by, or a
     *     {@code sortOrder} other than {@code ascending} or {@code descending}
     */
    public static SortSpec parse(String resourceType, String sortBy, String sortOrder) {
        boolean descending = false;
        if (sortOrder != null && !sortOrder.isBlank()) {
            String order = sortOrder.trim().toLowerCase(Locale.ROOT);
            if (!order.equals("ascending") && !order.equals("descending")) {
                throw ScimException.invalidValue("sortOrder must be \"ascending\" or \"descending\"");
            }
            descending = order.equals("descending");
        }
        if (sortBy == null || sortBy.isBlank()) {
            return null;
        }
        String name = sortBy.trim();
        String urn = CORE + resourceType + ":";
        if (name.regionMatches(true, 0, urn, 0, urn.length())) {
            name = name.substring(urn.length());
        }
        for (String attribute : ATTRIBUTES) {
            if (attribute.equalsIgnoreCase(name) && (resourceType.equals("User") || !attribute.equals(USER_NAME))) {
                return new SortSpec(attribute, descending);
            }
        }
        throw ScimException.invalidValue(resourceType + " lists cannot be sorted by \"" + shorten(sortBy)
                + "\"; sortBy takes one of " + (resourceType.equals("User") ? ATTRIBUTES : ATTRIBUTES.subList(1, 5)));
    }

    /** Whether strings of the attribute compare case-exactly (RFC 7643 §3.1: externalId). */
    public boolean caseExact() {
        return attribute.equals(EXTERNAL_ID);
    }

    /**
     * Compares two strings by Unicode code point: the order of their UTF-8 bytes, which is the
     * order of the store's keys.
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
