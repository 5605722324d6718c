package dev.accesslists.scim.ingest.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.ingest.http.PatchRequest;
import dev.accesslists.scim.ingest.http.Scim;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.command.PatchOperation;
import dev.accesslists.scim.schemas.scim.Filter;
import dev.accesslists.scim.schemas.scim.FilterParser;
import dev.accesslists.scim.schemas.scim.Operator;
import dev.accesslists.scim.schemas.scim.ResourceSchema;
import dev.accesslists.scim.schemas.scim.ScimException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validation of Group request bodies and translation of Group PATCH operations (RFC 7644
 * §3.5.2) into edits. Accepts the dialects real IdPs send: Okta's path-less replace of
 * {@code {id, displayName}}, {@code members[value eq "id"]} removal, Entra's value-array removal on
 * path {@code members} (removes only those), capitalised ops, {@code "$ref": null}.
 */
public final class GroupRequests {
    private static final String CORE_PREFIX = Scim.GROUP_SCHEMA.toLowerCase(Locale.ROOT) + ":";

    private GroupRequests() {
    }

    /** A parsed POST or PUT body; {@code memberIds} is null when {@code members} was not sent. */
    public record GroupBody(String displayName, String externalId, List<String> memberIds) {
    }

    public static GroupBody body(ObjectNode body) {
        ResourceSchema.GROUP.checkResource(body);
        JsonNode displayName = Scim.field(body, "displayName");
        if (displayName == null || !displayName.isTextual() || displayName.asText().isBlank()) {
            throw ScimException.invalidValue("displayName is required: it must equal the title of an Access List"
                    + " of type scim");
        }
        JsonNode externalId = Scim.field(body, "externalId");
        JsonNode members = Scim.field(body, "members");
        return new GroupBody(displayName.asText(), textOrNull(externalId),
                members == null || members.isNull() ? null : memberIds(members));
    }

    /** {@code POST /Groups}: the command creating the group with the id ingest assigned. */
    public static Command.CreateGroup create(String groupId, ObjectNode json) {
        GroupBody body = body(json);
        return new Command.CreateGroup(groupId, body.displayName(), body.externalId(),
                body.memberIds() == null ? List.of() : body.memberIds());
    }

    /** {@code PUT /Groups/{id}}. */
    public static Command.ReplaceGroup replace(String groupId, ObjectNode json) {
        GroupBody body = body(json);
        return new Command.ReplaceGroup(groupId, body.displayName(), body.externalId(), body.memberIds());
    }

    /** {@code PATCH /Groups/{id}}. */
    public static Command.PatchGroup patch(String groupId, ObjectNode json) {
        return new Command.PatchGroup(groupId, edits(json));
    }

    public static List<GroupEdit> edits(ObjectNode body) {
        List<GroupEdit> edits = new ArrayList<>();
        for (PatchOperation op : PatchRequest.operations(body)) {
            if (op.path() == null) {
                pathless(op, edits);
            } else {
                withPath(op, edits);
            }
        }
        return edits;
    }

    private static void pathless(PatchOperation op, List<GroupEdit> edits) {
        var fields = op.value().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = attribute(field.getKey());
            switch (name) {
                case "id", "schemas", "meta" -> {
                    // read-only; Okta re-sends id with every rename
                }
                case "displayname" -> edits.add(new GroupEdit.SetDisplayName(displayName(field.getValue())));
                case "externalid" -> edits.add(new GroupEdit.SetExternalId(textOrNull(field.getValue())));
                case "members" -> edits.add(op.op().equals("add")
                        ? new GroupEdit.AddMembers(memberIds(field.getValue()))
                        : new GroupEdit.ReplaceMembers(memberIds(field.getValue())));
                default -> throw ScimException.invalidPath("attribute \"" + field.getKey()
                        + "\" is not supported on a Group");
            }
        }
    }

    private static void withPath(PatchOperation op, List<GroupEdit> edits) {
        String path = op.path().trim();
        int bracket = path.indexOf('[');
        String attribute = attribute(bracket < 0 ? path : path.substring(0, bracket));
        if (bracket >= 0) {
            if (!attribute.equals("members") || !path.endsWith("]")) {
                throw ScimException.invalidPath("unsupported path \"" + op.path() + "\"");
            }
            if (!op.op().equals("remove")) {
                throw ScimException.invalidPath("only remove is supported on a filtered members path; use add"
                        + " or replace on \"members\"");
            }
            Filter filter = FilterParser.parse(path.substring(bracket + 1, path.length() - 1));
            edits.add(new GroupEdit.RemoveMembers(memberValues(filter, op.path())));
            return;
        }
        switch (attribute) {
            case "displayname" -> {
                if (op.op().equals("remove")) {
                    throw ScimException.mutability("displayName is required and cannot be removed");
                }
                edits.add(new GroupEdit.SetDisplayName(displayName(op.value())));
            }
            case "externalid" -> edits.add(new GroupEdit.SetExternalId(
                    op.op().equals("remove") ? null : textOrNull(op.value())));
            case "members" -> edits.add(switch (op.op()) {
                case "add" -> new GroupEdit.AddMembers(memberIds(op.value()));
                case "replace" -> new GroupEdit.ReplaceMembers(memberIds(op.value()));
                // RFC 7644 §3.5.2.2: no value removes every member; a value array (Entra) removes
                // only those, so an empty array removes nothing.
                default -> op.value() == null || op.value().isNull()
                        ? new GroupEdit.ReplaceMembers(List.of())
                        : new GroupEdit.RemoveMembers(memberIds(op.value()));
            });
            default -> throw ScimException.invalidPath("unsupported path \"" + op.path() + "\" on a Group");
        }
    }

    /** The ids named by {@code value eq "id"} terms joined with {@code or}. */
    private static List<String> memberValues(Filter filter, String path) {
        List<String> ids = new ArrayList<>();
        collect(filter, ids, path);
        return ids;
    }

    private static void collect(Filter filter, List<String> ids, String path) {
        if (filter instanceof Filter.Or or) {
            collect(or.left(), ids, path);
            collect(or.right(), ids, path);
        } else if (filter instanceof Filter.Compare compare
                && compare.op() == Operator.EQ
                && compare.path().attribute().equalsIgnoreCase("value")
                && compare.path().subAttribute() == null
                && compare.value() != null && compare.value().isTextual()) {
            if (Scim.plausibleId(compare.value().asText())) {
                ids.add(compare.value().asText());
            }
            // an id no user can have is no member: removing it changes nothing
        } else {
            throw ScimException.invalidFilter("unsupported member filter in \"" + path
                    + "\": use value eq \"id\" (optionally joined with or)");
        }
    }

    private static String attribute(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith(CORE_PREFIX) ? lower.substring(CORE_PREFIX.length()) : lower;
    }

    private static String displayName(JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ScimException.invalidValue("displayName must be a non-empty string");
        }
        return value.asText();
    }

    /** Member values: an array of {@code {value, display?, $ref?, type?}} or a single such object. */
    static List<String> memberIds(JsonNode members) {
        if (members == null || members.isNull()) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        if (members.isArray()) {
            members.forEach(items::add);
        } else {
            items.add(members);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw ScimException.invalidValue("each member must be an object with a \"value\"");
            }
            JsonNode value = Scim.field((ObjectNode) item, "value");
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw ScimException.invalidValue("each member needs a \"value\" holding a user id");
            }
            if (!Scim.plausibleId(value.asText())) {
                throw ScimException.invalidValue("member " + Scim.shorten(value.asText())
                        + " is not a user of this directory");
            }
            JsonNode type = Scim.field((ObjectNode) item, "type");
            if (type != null && type.isTextual() && !type.asText().equalsIgnoreCase("User")) {
                throw ScimException.invalidValue("only users can be members; nested groups are not supported");
            }
            ids.add(value.asText());
        }
        return ids;
    }

    /** A string attribute's value (externalId): null when unassigned, else it must be a string. */
    private static String textOrNull(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ScimException.invalidValue("externalId must be a string, not " + Scim.shorten(node.toString()));
        }
        return node.asText();
    }
}
