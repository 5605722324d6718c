package dev.accesslists.scim.schemas.directory;

import dev.accesslists.scim.schemas.command.Outcome;
import java.util.Objects;

/**
 * A write the single writer applied recently, kept so that a client repeating it (after a time-out
 * or a dropped connection) gets the first attempt's answer instead of a conflict its own first
 * attempt caused.
 *
 * @param at the command time of the first attempt (epoch ms)
 * @param outcome the answer the first attempt got
 * @param resourceType {@code User} or {@code Group}
 * @param resourceId the resource it wrote
 * @param version the resource's version right after it, or -1 when it deleted the resource: a
 *     repetition is answered from here only while the resource is still exactly so
 */
public record RecentRequest(long at, Outcome outcome, String resourceType, String resourceId, long version) {
    public RecentRequest {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
    }
}
