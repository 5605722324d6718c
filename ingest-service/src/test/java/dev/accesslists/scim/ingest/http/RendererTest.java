package dev.accesslists.scim.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.schemas.directory.UserView;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RendererTest {
    private static final Renderer RENDERER = new Renderer("https://scim.example/scim/v2");

    private static StoredUser alice() {
        ObjectNode attributes = Json.mapper().createObjectNode().put("userName", "alice").put("active", true);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new StoredUser("u1", attributes, at, at, 1);
    }

    @Test
    void shouldRenderTheUsersGroupsAsReadOnlyReferences() {
        ObjectNode user = RENDERER.user(new UserView(alice(), List.of(new UserView.Group("g1", "Admins"),
                new UserView.Group("g2", "Readers"))));
        assertThat(user.get("groups")).hasSize(2);
        assertThat(user.at("/groups/0/value").asText()).isEqualTo("g1");
        assertThat(user.at("/groups/0/$ref").asText()).isEqualTo("https://scim.example/scim/v2/Groups/g1");
        assertThat(user.at("/groups/0/display").asText()).isEqualTo("Admins");
        assertThat(user.at("/groups/0/type").asText()).isEqualTo("direct");
        assertThat(user.at("/groups/1/display").asText()).isEqualTo("Readers");

        // projections still apply to it
        assertThat(new Projection(Set.of(), Set.of("groups")).apply(user.deepCopy()).has("groups")).isFalse();
        assertThat(new Projection(Set.of("username"), Set.of()).apply(user.deepCopy()).has("groups")).isFalse();
        assertThat(new Projection(Set.of("groups"), Set.of()).apply(user.deepCopy()).get("groups")).hasSize(2);
    }

    @Test
    void shouldLeaveGroupsOutForAUserInNoGroup() {
        assertThat(RENDERER.user(new UserView(alice(), List.of())).has("groups")).isFalse();
        assertThat(RENDERER.user(alice()).has("groups")).isFalse();
    }

    @Test
    void shouldReadAWriteOutcomeWithAndWithoutGroups() {
        ObjectNode plain = Json.mapper().valueToTree(alice());
        assertThat(Json.mapper().convertValue(plain, UserView.class).groups()).isEmpty();
        ObjectNode withGroups = Json.mapper().valueToTree(new UserView(alice(), List.of(new UserView.Group("g1", "A"))));
        UserView read = Json.mapper().convertValue(withGroups, UserView.class);
        assertThat(read.groups()).containsExactly(new UserView.Group("g1", "A"));
        assertThat(read.user()).isEqualTo(alice());
    }
}
