package dev.accesslists.scim.ingest.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.ingest.http.PatchRequest;
import dev.accesslists.scim.ingest.http.Scim;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.PatchOperation;
import dev.accesslists.scim.schemas.scim.PatchPath;
import dev.accesslists.scim.schemas.scim.ResourceSchema;
import dev.accesslists.scim.schemas.scim.ScimException;
import dev.accesslists.scim.schemas.scim.UserResources;
import java.util.List;

/** Validation of User request bodies, before anything is written. */
public final class UserRequests {
    private UserRequests() {
    }

    /**
     * A User body for POST or PUT, in its stored form: userName required, attribute names
     * canonical, no id, meta, groups or password (passwords never reach the command log).
     */
    public static ObjectNode resource(ObjectNode body) {
        ResourceSchema.USER.checkResource(body);
        JsonNode userName = Scim.field(body, "userName");
        if (userName == null || !userName.isTextual() || userName.asText().isBlank()) {
            throw ScimException.invalidValue("userName is required and must be a non-empty string");
        }
        JsonNode active = Scim.field(body, "active");
        if (active != null && !active.isNull() && !active.isBoolean()
                && !(active.isTextual() && (active.asText().equalsIgnoreCase("true")
                || active.asText().equalsIgnoreCase("false")))) {
            throw ScimException.invalidValue("active must be a boolean");
        }
        return UserResources.normalise(body);
    }

    /** {@code POST /Users}: the command creating the user with the id ingest assigned. */
    public static Command.CreateUser create(String userId, ObjectNode body) {
        return new Command.CreateUser(userId, resource(body));
    }

    /** {@code PUT /Users/{id}}. */
    public static Command.ReplaceUser replace(String userId, ObjectNode body) {
        return new Command.ReplaceUser(userId, resource(body));
    }

    /** {@code PATCH /Users/{id}}. */
    public static Command.PatchUser patch(String userId, ObjectNode body) {
        return new Command.PatchUser(userId, patchOperations(body));
    }

    public static List<PatchOperation> patchOperations(ObjectNode body) {
        List<PatchOperation> operations = PatchRequest.operations(body);
        for (PatchOperation op : operations) {
            if (op.path() != null) {
                PatchPath.parse(op.path());
            }
        }
        ResourceSchema.USER.checkPatch(operations);
        return UserResources.withoutSecrets(operations);
    }
}
