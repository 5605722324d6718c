package dev.accesslists.scim.streams.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.schemas.directory.UserView;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.scim.ScimException;
import dev.accesslists.scim.schemas.scim.UserPatcher;
import java.time.Instant;

/** User commands. Each validates everything before it writes, so a rejected command changes nothing. */
final class UserHandler {
    private final DirectoryState state;
    private final Effects effects;
    private final Memberships memberships;
    private final String requestId;
    private final Instant now;

    UserHandler(DirectoryState state, Effects effects, String requestId, Instant now) {
        this.state = state;
        this.effects = effects;
        this.memberships = new Memberships(state, effects, now);
        this.requestId = requestId;
        this.now = now;
    }

    Outcome create(Command.CreateUser command) {
        ObjectNode attributes = normalise(command.resource());
        String userName = requireUserName(attributes);
        ensureUnique(userName, null);
        if (state.user(command.userId()).isPresent()) {
            throw ScimException.uniqueness("a user with id " + command.userId() + " already exists");
        }
        StoredUser user = new StoredUser(command.userId(), attributes, now, now, 1);
        state.putUser(user, null);
        effects.event(new DirectoryEvent.UserProvisioned(user.id(), userName, user.active(), effects.cause()));
        return Outcome.success(requestId, 201, Json.mapper().valueToTree(user));
    }

    /** RFC 7644 §3.5.1: an omitted {@code active} is not asserted, so it keeps its value. */
    Outcome replace(Command.ReplaceUser command) {
        StoredUser current = existing(command.userId());
        ObjectNode resource = command.resource().deepCopy();
        if (!resource.has("active")) {
            resource.put("active", current.active());
        }
        return update(current, normalise(resource));
    }

    Outcome patch(Command.PatchUser command) {
        StoredUser current = existing(command.userId());
        ObjectNode patched = UserPatcher.apply(current.attributes(), command.operations());
        // removing or nulling active must not silently restore a deactivated user's access
        if (!patched.hasNonNull("active")) {
            patched.put("active", current.active());
        }
        return update(current, normalise(patched));
    }

    Outcome delete(Command.DeleteUser command) {
        StoredUser current = existing(command.userId());
        memberships.removeEverywhere(current);
        state.deleteUser(current);
        effects.event(new DirectoryEvent.UserDeleted(current.id(), current.userName(), effects.cause()));
        return Outcome.success(requestId, 204, null);
    }

    private Outcome update(StoredUser current, ObjectNode attributes) {
        String userName = requireUserName(attributes);
        ensureUnique(userName, current.id());
        if (attributes.equals(current.attributes())) {
            return Outcome.success(requestId, 200, withGroups(current));
        }
        StoredUser updated = new StoredUser(current.id(), attributes, current.created(), now, current.version() + 1);
        state.putUser(updated, current.userName());
        effects.event(new DirectoryEvent.UserUpdated(updated.id(), userName, effects.cause()));
        if (!userName.equals(current.userName())) {
            memberships.userNameChanged(updated, current.userName());
        }
        if (updated.active() != current.active()) {
            effects.event(updated.active()
                    ? new DirectoryEvent.UserReactivated(updated.id(), userName, effects.cause())
                    : new DirectoryEvent.UserDeactivated(updated.id(), userName, effects.cause()));
            memberships.activeChanged(updated);
        }
        return Outcome.success(requestId, 200, withGroups(updated));
    }

    /**
     * The outcome of a replace or modify: the user with the groups it is in after the command
     * ({@link UserView}), so the answer carries its {@code groups}. O(the user's groups).
     */
    private com.fasterxml.jackson.databind.JsonNode withGroups(StoredUser user) {
        return Json.mapper().valueToTree(new UserView(user, state.groupViewsOf(user.id())));
    }

    private StoredUser existing(String userId) {
        return state.user(userId).orElseThrow(() -> ScimException.notFound("User " + userId + " not found"));
    }

    private void ensureUnique(String userName, String selfId) {
        state.userIdByName(userName)
                .filter(id -> !id.equals(selfId))
                .ifPresent(id -> {
                    throw ScimException.uniqueness("userName \"" + userName + "\" is already taken");
                });
    }

    private static String requireUserName(ObjectNode attributes) {
        JsonNode userName = attributes.get("userName");
        if (userName == null || !userName.isTextual() || userName.asText().isBlank()) {
            throw ScimException.invalidValue("userName is required and must be a non-empty string");
        }
        return userName.asText();
    }

    /** Server-owned attributes are never stored from a request; {@code active} defaults to true. */
    private static ObjectNode normalise(ObjectNode resource) {
        ObjectNode copy = resource.deepCopy();
        copy.remove("id");
        copy.remove("meta");
        copy.remove("groups");
        copy.remove("password");
        JsonNode active = copy.get("active");
        if (active == null || active.isNull()) {
            copy.set("active", BooleanNode.TRUE);
        } else if (active.isTextual()) {
            copy.set("active", BooleanNode.valueOf(Boolean.parseBoolean(active.asText().trim())));
        }
        return copy;
    }
}
