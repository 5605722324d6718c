package dev.accesslists.scim.ingest.http;

import io.javalin.http.Context;
import java.util.Objects;

/**
 * Who is calling: the SCIM integration named by the verified access token, and the directory its
 * writes go to (one directory per integration).
 */
public record Caller(String integrationId, String directoryId) {
    public static final String ATTRIBUTE = "scim.caller";

    public Caller {
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(directoryId, "directoryId");
    }

    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on " + ctx.path());
        }
        return caller;
    }

    public void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }
}
