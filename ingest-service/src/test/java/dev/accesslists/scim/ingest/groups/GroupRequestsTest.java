package dev.accesslists.scim.ingest.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.scim.ScimException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Group PATCH bodies as real IdPs send them (Okta, Entra ID, JumpCloud, OneLogin) and the edits they must become. */
class GroupRequestsTest {

    static Stream<Arguments> idpPatches() {
        return Stream.of(
                Arguments.of("Okta rename: path-less replace with id and displayName",
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\","
                                + "\"value\":{\"id\":\"g1\",\"displayName\":\"Admins\"}}]}",
                        List.of(new GroupEdit.SetDisplayName("Admins"))),
                Arguments.of("Okta add members with path members",
                        "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\",\"display\":\"a\"}]}]}",
                        List.of(new GroupEdit.AddMembers(List.of("u1")))),
                Arguments.of("Okta remove with a filtered path",
                        "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u2\\\"]\"}]}",
                        List.of(new GroupEdit.RemoveMembers(List.of("u2")))),
                Arguments.of("Okta replace members with the whole list",
                        "{\"Operations\":[{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"},{\"value\":\"u3\"}]}]}",
                        List.of(new GroupEdit.ReplaceMembers(List.of("u1", "u3")))),
                Arguments.of("Okta replace members with an empty list empties the group",
                        "{\"Operations\":[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]}",
                        List.of(new GroupEdit.ReplaceMembers(List.of()))),
                Arguments.of("Entra capitalised Remove with a value array removes only those",
                        "{\"Operations\":[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"}]}]}",
                        List.of(new GroupEdit.RemoveMembers(List.of("u1")))),
                Arguments.of("Entra Add with $ref null",
                        "{\"Operations\":[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"u9\"}]}]}",
                        List.of(new GroupEdit.AddMembers(List.of("u9")))),
                Arguments.of("Remove with an empty value array removes nothing",
                        "{\"Operations\":[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[]}]}",
                        List.of(new GroupEdit.RemoveMembers(List.of()))),
                Arguments.of("remove on members without a value removes all (RFC 7644 §3.5.2.2)",
                        "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members\"}]}",
                        List.of(new GroupEdit.ReplaceMembers(List.of()))),
                Arguments.of("several values joined with or",
                        "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"a\\\" or value eq \\\"b\\\"]\"}]}",
                        List.of(new GroupEdit.RemoveMembers(List.of("a", "b")))),
                Arguments.of("URN-qualified displayName path and externalId",
                        "{\"Operations\":[{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:core:2.0:Group:displayName\","
                                + "\"value\":\"Admins\"},{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"ext\"}]}",
                        List.of(new GroupEdit.SetDisplayName("Admins"), new GroupEdit.SetExternalId("ext"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idpPatches")
    void shouldTranslateIdpPatchDialects(String name, String body, List<GroupEdit> expected) throws Exception {
        assertThat(GroupRequests.edits((ObjectNode) Json.mapper().readTree(body))).isEqualTo(expected);
    }

    @Test
    void shouldRejectUnknownAttributesAndNestedGroups() {
        assertThatThrownBy(() -> GroupRequests.edits(json(
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"owner\",\"value\":\"x\"}]}")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.error().scimType()).isEqualTo("invalidPath"));
        assertThatThrownBy(() -> GroupRequests.edits(json(
                "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"g\",\"type\":\"Group\"}]}]}")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.error().scimType()).isEqualTo("invalidValue"));
        assertThatThrownBy(() -> GroupRequests.edits(json("{\"Operations\":[{\"op\":\"move\",\"path\":\"members\"}]}")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.error().status()).isEqualTo(400));
    }

    @Test
    void shouldRequireADisplayNameAndKeepMembersUnassertedWhenOmitted() throws Exception {
        assertThatThrownBy(() -> GroupRequests.body(json("{\"members\":[]}")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.error().detail()).contains("displayName"));
        assertThat(GroupRequests.body(json("{\"displayName\":\"A\"}")).memberIds()).isNull();
        assertThat(GroupRequests.body(json("{\"displayName\":\"A\",\"members\":[{\"value\":\"u\"}]}")).memberIds())
                .containsExactly("u");
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.mapper().readTree(text);
    }
}
