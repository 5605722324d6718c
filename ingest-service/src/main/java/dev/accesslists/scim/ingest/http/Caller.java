package dev.accesslists.scim.ingest.http;

import io.javalin.http.Context;
import java.util.Objects;

/**
 * Who is calling: the SCIM integration named by the verified access token, the directory its
 * writes go to (one directory per integration), and the SAML connector the integration is bound
 * to (null when unknown).
 */
public record Caller(String integrationId, String directoryId, String samlConnector) {
    public static final String ATTRIBUTE = "scim.caller";

    public Caller {
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(directoryId, "directoryId");
    }

    public Caller(String integrationId, String directoryId) {
        this(integrationId, directoryId, null);
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
