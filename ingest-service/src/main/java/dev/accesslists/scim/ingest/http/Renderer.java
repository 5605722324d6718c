package dev.accesslists.scim.ingest.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.directory.GroupView;
import dev.accesslists.scim.schemas.directory.ResultPage;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.schemas.directory.UserView;
import java.time.Instant;
import java.util.function.Function;

/** Renders stored resources as SCIM resources (RFC 7643 §3 common attributes, §4 User and Group). */
public final class Renderer {
    private final String baseUrl;

    public Renderer(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String userLocation(String id) {
        return baseUrl + "/Users/" + id;
    }

    public String groupLocation(String id) {
        return baseUrl + "/Groups/" + id;
    }

    /** A user without its groups: a resource the directory answered without them. */
    public ObjectNode user(StoredUser user) {
        return user(new UserView(user, null));
    }

    /**
     * A user with the read-only {@code groups} attribute (RFC 7643 §4.1.2): one entry per group
     * the user is a direct member of, with {@code value}, {@code $ref}, {@code display} (the
     * group's displayName) and {@code type: "direct"}. The attribute is left out when the user is
     * in no group (or the groups were not read), rather than sent as an empty array.
     */
    public ObjectNode user(UserView view) {
        StoredUser user = view.user();
        ObjectNode node = Json.mapper().createObjectNode();
        ArrayNode schemas = node.putArray("schemas").add(Scim.USER_SCHEMA);
        if (user.attributes().has(Scim.ENTERPRISE_USER_SCHEMA)) {
            schemas.add(Scim.ENTERPRISE_USER_SCHEMA);
        }
        node.put("id", user.id());
        user.attributes().fields().forEachRemaining(e -> {
            if (!e.getKey().equals("schemas") && !e.getKey().equals("groups")) {
                node.set(e.getKey(), e.getValue());
            }
        });
        if (!view.groups().isEmpty()) {
            ArrayNode groups = node.putArray("groups");
            for (UserView.Group group : view.groups()) {
                ObjectNode g = groups.addObject();
                g.put("value", group.value());
                g.put("$ref", groupLocation(group.value()));
                if (group.display() != null) {
                    g.put("display", group.display());
                }
                g.put("type", "direct");
            }
        }
        meta(node, "User", user.created(), user.lastModified(), userLocation(user.id()), view.etag());
        return node;
    }

    public ObjectNode group(GroupView view) {
        StoredGroup group = view.group();
        ObjectNode node = Json.mapper().createObjectNode();
        node.putArray("schemas").add(Scim.GROUP_SCHEMA);
        node.put("id", group.id());
        node.put("displayName", group.displayName());
        if (group.externalId() != null) {
            node.put("externalId", group.externalId());
        }
        if (view.members() != null) {
            ArrayNode members = node.putArray("members");
            for (GroupView.MemberView member : view.members()) {
                members.add(member(member));
            }
        }
        meta(node, "Group", group.created(), group.lastModified(), groupLocation(group.id()),
                Renderer.etag(group.version()));
        return node;
    }

    /** One member of a group, as the group's {@code members} lists it. */
    public ObjectNode member(GroupView.MemberView member) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("value", member.userId());
        if (member.display() != null) {
            m.put("display", member.display());
        }
        m.put("$ref", userLocation(member.userId()));
        m.put("type", "User");
        return m;
    }

    /** RFC 7644 §3.4.2 ListResponse: every field present, also when empty. */
    public <T> ObjectNode list(ResultPage<T> page, int startIndex, Function<T, ObjectNode> render) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.putArray("schemas").add(Scim.LIST_RESPONSE);
        node.put("totalResults", page.totalResults());
        node.put("startIndex", startIndex);
        node.put("itemsPerPage", page.resources().size());
        ArrayNode resources = node.putArray("Resources");
        page.resources().forEach(r -> resources.add(render.apply(r)));
        return node;
    }

    /** RFC 7644 §3.14: the version as a weak entity tag, as {@code meta.version} and the ETag header carry it. */
    public static String etag(long version) {
        return dev.accesslists.scim.schemas.scim.EntityTags.of(version);
    }

    private static void meta(ObjectNode node, String type, Instant created, Instant lastModified, String location,
                             String version) {
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", type);
        meta.put("created", created.toString());
        meta.put("lastModified", lastModified.toString());
        meta.put("location", location);
        meta.put("version", version);
    }
}
