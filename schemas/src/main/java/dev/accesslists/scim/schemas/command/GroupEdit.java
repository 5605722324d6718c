package dev.accesslists.scim.schemas.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/** One change to a group, the normalised form of a group PATCH operation. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "edit")
@JsonSubTypes({
        @JsonSubTypes.Type(value = GroupEdit.SetDisplayName.class, name = "SetDisplayName"),
        @JsonSubTypes.Type(value = GroupEdit.SetExternalId.class, name = "SetExternalId"),
        @JsonSubTypes.Type(value = GroupEdit.AddMembers.class, name = "AddMembers"),
        @JsonSubTypes.Type(value = GroupEdit.RemoveMembers.class, name = "RemoveMembers"),
        @JsonSubTypes.Type(value = GroupEdit.ReplaceMembers.class, name = "ReplaceMembers")})
public sealed interface GroupEdit {

    record SetDisplayName(String displayName) implements GroupEdit {
        public SetDisplayName {
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    /** {@code externalId} null removes it. */
    record SetExternalId(String externalId) implements GroupEdit {
    }

    record AddMembers(List<String> userIds) implements GroupEdit {
        public AddMembers {
            userIds = List.copyOf(userIds);
        }
    }

    /** Removes only the named members. */
    record RemoveMembers(List<String> userIds) implements GroupEdit {
        public RemoveMembers {
            userIds = List.copyOf(userIds);
        }
    }

    /** Makes the member set exactly {@code userIds}; an empty list empties the group. */
    record ReplaceMembers(List<String> userIds) implements GroupEdit {
        public ReplaceMembers {
            userIds = List.copyOf(userIds);
        }
    }
}
