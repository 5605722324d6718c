package dev.accesslists.scim.schemas.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.PatchOperation;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserResourcesTest {

    @Test
    void shouldSpellAttributesCanonicallyWhateverTheClientsCase() throws Exception {
        ObjectNode stored = UserResources.normalise((ObjectNode) Json.mapper().readTree("""
                {"UserName":"rv@example.com","Active":"False","Name":{"GivenName":"R"},
                 "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER":{"manager":"m-1","EmployeeNumber":"7"}}"""));
        assertThat(stored.get("userName").asText()).isEqualTo("rv@example.com");
        assertThat(stored.get("active").isBoolean()).isTrue();
        assertThat(stored.get("active").asBoolean()).isFalse();
        assertThat(stored.at("/name/givenName").asText()).isEqualTo("R");
        ObjectNode enterprise = (ObjectNode) stored.get(ScimUrns.ENTERPRISE_USER);
        assertThat(enterprise.at("/manager/value").asText()).isEqualTo("m-1");
        assertThat(enterprise.get("employeeNumber").asText()).isEqualTo("7");
        assertThat(stored.get("schemas")).extracting(n -> n.asText()).contains(ScimUrns.ENTERPRISE_USER);
    }

    @Test
    void shouldNeverKeepPasswordsOrServerOwnedAttributes() throws Exception {
        ObjectNode stored = UserResources.normalise((ObjectNode) Json.mapper().readTree("""
                {"userName":"p","Password":"Hunter2!","ID":"x","Meta":{"resourceType":"User"},"Groups":[{"value":"g"}]}"""));
        assertThat(stored.toString()).doesNotContain("Hunter2!").doesNotContainIgnoringCase("\"id\"")
                .doesNotContainIgnoringCase("meta").doesNotContainIgnoringCase("groups");
        List<PatchOperation> ops = UserResources.withoutSecrets(List.of(
                new PatchOperation("replace", "password", TextNode.valueOf("NewPass1")),
                new PatchOperation("replace", null, Json.mapper().createObjectNode().put("Password", "x")),
                new PatchOperation("replace", null, Json.mapper().createObjectNode().put("password", "y")
                        .put("displayName", "D"))));
        assertThat(ops).hasSize(1);
        assertThat(ops.get(0).value().toString()).isEqualTo("{\"displayName\":\"D\"}");
    }
}
