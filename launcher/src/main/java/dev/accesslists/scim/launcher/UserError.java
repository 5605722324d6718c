package dev.accesslists.scim.launcher;

/**
 * A mistake or a situation the user can fix (a port in use, a missing file, a pipeline already
 * running): the command line prints its message, one line, and no stack trace.
 */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message, null, false, false);
    }
}
