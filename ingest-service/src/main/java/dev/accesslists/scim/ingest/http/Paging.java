package dev.accesslists.scim.ingest.http;

import dev.accesslists.scim.schemas.scim.ScimException;
import io.javalin.http.Context;

/**
 * RFC 7644 §3.4.2.4 pagination parameters. A startIndex below 1 is read as 1, a negative count
 * as 0; count is capped at {@link #MAX_COUNT}.
 */
public record Paging(int startIndex, int count) {
    public static final int DEFAULT_COUNT = 100;
    public static final int MAX_COUNT = 200;

    public static Paging of(Context ctx) {
        int startIndex = Math.max(1, intParam(ctx, "startIndex", 1));
        int count = Math.min(MAX_COUNT, Math.max(0, intParam(ctx, "count", DEFAULT_COUNT)));
        return new Paging(startIndex, count);
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            // RFC 7644 §3.4.2.4: a count above the maximum is capped, a start past the end gives an
            // empty page, so out-of-range integers are clamped rather than refused
            long parsed = Long.parseLong(value.trim());
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parsed));
        } catch (NumberFormatException e) {
            if (value.trim().matches("-?\\d+")) {
                return value.trim().startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            }
            throw ScimException.invalidValue(name + " must be an integer");
        }
    }
}
