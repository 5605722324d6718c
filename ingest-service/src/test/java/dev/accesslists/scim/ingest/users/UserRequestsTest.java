package dev.accesslists.scim.ingest.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.scim.ScimException;
import org.junit.jupiter.api.Test;

class UserRequestsTest {

    @Test
    void shouldKeepAnOktaCreateBodyButDropServerOwnedAttributesAndThePassword() throws Exception {
        ObjectNode body = json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bob@example.com",
                 "name":{"givenName":"Bob","familyName":"B"},"emails":[{"primary":true,"value":"bob@example.com","type":"work"}],
                 "displayName":"Bob","locale":"en-US","externalId":"00u1","groups":[],"password":"s3cret!","active":true,
                 "id":"client-chosen","meta":{"resourceType":"User"}}""");
        ObjectNode resource = UserRequests.resource(body);
        assertThat(resource.get("userName").asText()).isEqualTo("bob@example.com");
        assertThat(resource.has("password")).isFalse();
        assertThat(resource.has("id")).isFalse();
        assertThat(resource.has("meta")).isFalse();
        assertThat(resource.get("externalId").asText()).isEqualTo("00u1");
    }

    @Test
    void shouldRequireAUserNameAndABooleanActive() throws Exception {
        assertThatThrownBy(() -> UserRequests.resource(json("{\"displayName\":\"x\"}")))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(400);
                    assertThat(e.error().scimType()).isEqualTo("invalidValue");
                });
        assertThatThrownBy(() -> UserRequests.resource(json("{\"userName\":\"x\",\"active\":\"maybe\"}")))
                .isInstanceOf(ScimException.class);
        assertThat(UserRequests.resource(json("{\"UserName\":\"x\",\"active\":\"False\"}")).get("userName").asText())
                .isEqualTo("x");
    }

    @Test
    void shouldAcceptEntraPatchesAndRejectBadPaths() throws Exception {
        assertThat(UserRequests.patchOperations(json("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"active","value":"False"},
                 {"op":"replace","value":{"name.givenName":"A","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"7"}},
                 {"op":"Add","path":"emails[type eq \\"work\\"].value","value":"a@b.c"}]}""")))
                .extracting(op -> op.op()).containsExactly("replace", "replace", "add");
        assertThatThrownBy(() -> UserRequests.patchOperations(json(
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":1}]}")))
                .isInstanceOf(ScimException.class);
        assertThatThrownBy(() -> UserRequests.patchOperations(json("{\"Operations\":[{\"op\":\"remove\"}]}")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.error().scimType()).isEqualTo("noTarget"));
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.mapper().readTree(text);
    }
}
