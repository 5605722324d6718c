package dev.accesslists.scim.schemas.grants;

import dev.accesslists.scim.schemas.event.Cause;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One user's current effective grants in one integration, on the compacted topic
 * {@code accesslist.grants.v1} keyed by {@link #key}: the union of the roles and traits of every
 * {@code scim} Access List whose grants apply to the user now (see {@link GrantsFixedPoint}).
 *
 * @param integrationId the SCIM integration (also the directory) the user belongs to
 * @param samlConnector the SAML connector the integration is bound to, so a consumer can create
 *     the persistent SSO user; null when the writer was not told (commands of an older ingest)
 * @param userId the SCIM user id
 * @param userName the user's userName now
 * @param roles the roles granted, sorted, without duplicates
 * @param traits the traits granted: name to sorted values, names sorted
 * @param accessLists names of the lists whose grants apply, sorted
 * @param cause the request whose change this record reflects
 */
public record EffectiveGrants(String integrationId, String samlConnector, String userId, String userName,
                              List<String> roles, Map<String, List<String>> traits, List<String> accessLists,
                              Cause cause) {
    public EffectiveGrants {
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(cause, "cause");
        roles = List.copyOf(roles);
        traits = GrantsFixedPoint.sortedTraits(traits);
        accessLists = List.copyOf(accessLists);
    }

    /** The record key: {@code integrationId/userId}. */
    public static String key(String integrationId, String userId) {
        return integrationId + "/" + userId;
    }

    /** Whether this record says something other than {@code other} (everything but the cause). */
    public boolean differsFrom(EffectiveGrants other) {
        return other == null || !Objects.equals(userName, other.userName) || !roles.equals(other.roles)
                || !traits.equals(other.traits) || !accessLists.equals(other.accessLists)
                || !Objects.equals(samlConnector, other.samlConnector);
    }
}
