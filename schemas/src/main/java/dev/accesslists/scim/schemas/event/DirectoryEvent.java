package dev.accesslists.scim.schemas.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A domain event of one directory, on {@code scim.events.v1}: the audit log. Every event names
 * its cause, so an auditor can answer who had which grant, when and why.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DirectoryEvent.UserProvisioned.class, name = "UserProvisioned"),
        @JsonSubTypes.Type(value = DirectoryEvent.UserUpdated.class, name = "UserUpdated"),
        @JsonSubTypes.Type(value = DirectoryEvent.UserDeactivated.class, name = "UserDeactivated"),
        @JsonSubTypes.Type(value = DirectoryEvent.UserReactivated.class, name = "UserReactivated"),
        @JsonSubTypes.Type(value = DirectoryEvent.UserDeleted.class, name = "UserDeleted"),
        @JsonSubTypes.Type(value = DirectoryEvent.GroupLinked.class, name = "GroupLinked"),
        @JsonSubTypes.Type(value = DirectoryEvent.GroupRenamed.class, name = "GroupRenamed"),
        @JsonSubTypes.Type(value = DirectoryEvent.GroupUnlinked.class, name = "GroupUnlinked"),
        @JsonSubTypes.Type(value = DirectoryEvent.MemberAdded.class, name = "MemberAdded"),
        @JsonSubTypes.Type(value = DirectoryEvent.MemberRemoved.class, name = "MemberRemoved")})
public sealed interface DirectoryEvent {
    Cause cause();

    record UserProvisioned(String userId, String userName, boolean active, Cause cause) implements DirectoryEvent {
    }

    record UserUpdated(String userId, String userName, Cause cause) implements DirectoryEvent {
    }

    record UserDeactivated(String userId, String userName, Cause cause) implements DirectoryEvent {
    }

    record UserReactivated(String userId, String userName, Cause cause) implements DirectoryEvent {
    }

    record UserDeleted(String userId, String userName, Cause cause) implements DirectoryEvent {
    }

    record GroupLinked(String groupId, String displayName, String accessListName, Cause cause)
            implements DirectoryEvent {
    }

    record GroupRenamed(String groupId, String oldDisplayName, String displayName, String oldAccessListName,
                        String accessListName, Cause cause) implements DirectoryEvent {
    }

    record GroupUnlinked(String groupId, String displayName, String accessListName, Cause cause)
            implements DirectoryEvent {
    }

    record MemberAdded(String groupId, String accessListName, String userId, Cause cause) implements DirectoryEvent {
    }

    record MemberRemoved(String groupId, String accessListName, String userId, Cause cause)
            implements DirectoryEvent {
    }
}
