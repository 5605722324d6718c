package dev.accesslists.scim.streams.lists;

import dev.accesslists.scim.schemas.event.Cause;
import java.time.Instant;

/**
 * A current member of an Access List, as the title view keeps it.
 *
 * @param directoryId the directory (integration) the membership comes from
 * @param userId the SCIM user id
 * @param userName the user's userName as of the last change
 * @param groupId the SCIM group linked to the list
 * @param active false while the user is deactivated (the membership is suspended)
 * @param since when the membership started (the request that added the user)
 * @param changed when it last changed
 * @param cause the request behind the last change
 */
public record ListMember(String directoryId, String userId, String userName, String groupId, boolean active,
                         Instant since, Instant changed, Cause cause) {
}
