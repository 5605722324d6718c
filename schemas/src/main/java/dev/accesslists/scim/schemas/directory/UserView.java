package dev.accesslists.scim.schemas.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A user with the groups it is a direct member of, as the directory answers reads and writes. Its
 * JSON is the {@link StoredUser}'s with one more property, {@code groups}, left out when the user
 * is in no group (or the groups were not asked for): a plain StoredUser reads as a view without
 * groups, and a view reads as a StoredUser.
 *
 * @param user the stored user
 * @param groups the user's groups in group id order; empty when none (or not looked up)
 */
public record UserView(StoredUser user, List<Group> groups) {
    public UserView {
        Objects.requireNonNull(user, "user");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /**
     * One group of the user.
     *
     * @param value the group's id
     * @param display the group's displayName
     */
    public record Group(String value, String display) {
        public Group {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The entity tag of this view: the user's version, and a digest of its groups when it has
     * any, since they change without the user's version changing.
     */
    public String etag() {
        if (groups.isEmpty()) {
            return dev.accesslists.scim.schemas.scim.EntityTags.of(user.version());
        }
        StringBuilder derived = new StringBuilder();
        for (Group group : groups) {
            derived.append(group.value()).append('\u0000').append(group.display()).append('\n');
        }
        return dev.accesslists.scim.schemas.scim.EntityTags.of(user.version(), derived.toString());
    }

    @JsonValue
    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().valueToTree(user);
        if (!groups.isEmpty()) {
            node.set("groups", Json.mapper().valueToTree(groups));
        }
        return node;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static UserView fromJson(ObjectNode node) {
        StoredUser user = Json.mapper().convertValue(node, StoredUser.class);
        List<Group> groups = new ArrayList<>();
        JsonNode array = node.get("groups");
        if (array != null && array.isArray()) {
            array.forEach(g -> groups.add(new Group(g.path("value").asText(),
                    g.hasNonNull("display") ? g.get("display").asText() : null)));
        }
        return new UserView(user, groups);
    }
}
