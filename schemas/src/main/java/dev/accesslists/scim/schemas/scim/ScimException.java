package dev.accesslists.scim.schemas.scim;

import java.util.Objects;

/**
 * A request the SCIM service provider refuses, carrying the RFC 7644 §3.12 error to answer with.
 * It is an expected outcome rather than a fault, so no stack trace is captured.
 */
public final class ScimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ScimError error;

    public ScimException(ScimError error) {
        super(Objects.requireNonNull(error, "error").detail(), null, false, false);
        this.error = error;
    }

    public ScimError error() {
        return error;
    }

    public int status() {
        return error.status();
    }

    /** The RFC 7644 Table 9 keyword, or null. */
    public String scimType() {
        return error.scimType();
    }

    /** 400 with any scimType (nullable). */
    public static ScimException badRequest(String scimType, String detail) {
        return new ScimException(new ScimError(400, scimType, detail));
    }

    /** 400 invalidFilter: the filter does not follow RFC 7644 §3.4.2.2 or cannot be evaluated. */
    public static ScimException invalidFilter(String detail) {
        return badRequest(ScimError.INVALID_FILTER, detail);
    }

    /** 400 invalidPath: a PATCH path does not follow RFC 7644 §3.5.2 Figure 7. */
    public static ScimException invalidPath(String detail) {
        return badRequest(ScimError.INVALID_PATH, detail);
    }

    /** 400 invalidValue: a required value is missing or a value does not fit the attribute. */
    public static ScimException invalidValue(String detail) {
        return badRequest(ScimError.INVALID_VALUE, detail);
    }

    /** 400 invalidSyntax: the request body is not a valid SCIM message. */
    public static ScimException invalidSyntax(String detail) {
        return badRequest(ScimError.INVALID_SYNTAX, detail);
    }

    /** 400 noTarget: a PATCH path or filter selected nothing where something was required. */
    public static ScimException noTarget(String detail) {
        return badRequest(ScimError.NO_TARGET, detail);
    }

    /** 400 mutability: the change conflicts with the attribute's mutability. */
    public static ScimException mutability(String detail) {
        return badRequest(ScimError.MUTABILITY, detail);
    }

    /** 400 tooMany: the query would return more results than the provider is willing to. */
    public static ScimException tooMany(String detail) {
        return badRequest(ScimError.TOO_MANY, detail);
    }

    /** 409 uniqueness: a unique attribute value is already taken. */
    public static ScimException uniqueness(String detail) {
        return new ScimException(new ScimError(409, ScimError.UNIQUENESS, detail));
    }

    /** 404 without scimType: the resource does not exist. */
    public static ScimException notFound(String detail) {
        return new ScimException(new ScimError(404, null, detail));
    }

    /** 412 without scimType: the resource changed since the version the client holds. */
    public static ScimException preconditionFailed(String detail) {
        return new ScimException(new ScimError(412, null, detail));
    }

    /** 501 without scimType: the operation is not supported. */
    public static ScimException notImplemented(String detail) {
        return new ScimException(new ScimError(501, null, detail));
    }
}
