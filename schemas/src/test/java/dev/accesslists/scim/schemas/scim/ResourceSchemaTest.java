package dev.accesslists.scim.schemas.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.PatchOperation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSchemaTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode value(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void patch(String op, String path, String value) {
        ResourceSchema.USER.checkPatch(List.of(new PatchOperation(op, path, value == null ? null : value(value))));
    }

    private static void refusedPatch(String op, String path, String value, String scimType) {
        assertThatThrownBy(() -> patch(op, path, value)).isInstanceOf(ScimException.class)
                .satisfies(e -> {
                    assertThat(((ScimException) e).status()).isEqualTo(400);
                    assertThat(((ScimException) e).scimType()).isEqualTo(scimType);
                });
    }

    private static void refused(String body) {
        assertThatThrownBy(() -> ResourceSchema.USER.checkResource(json(body))).isInstanceOf(ScimException.class)
                .satisfies(e -> assertThat(((ScimException) e).scimType()).isEqualTo("invalidValue"));
    }

    @Test
    void shouldRefuseAnExtensionTheUserDoesNotDeclare() {
        refused("""
                {"userName":"a","urn:ietf:params:scim:schemas:extension:custom:2.0:User":{"badge":"7"}}""");
        refused("{\"userName\":\"a\",\"urn:example:custom:badge\":\"7\"}");
        assertThatCode(() -> ResourceSchema.USER.checkResource(json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"7","manager":{"value":"m"}}}""")))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldCheckTypesMultiValuednessAndSubAttributes() {
        refused("{\"userName\":\"a\",\"userType\":true}");
        refused("{\"userName\":\"a\",\"emails\":\"a@example.com\"}");
        refused("{\"userName\":\"a\",\"emails\":[\"a@example.com\"]}");
        refused("{\"userName\":\"a\",\"emails\":[{\"value\":\"a@example.com\",\"colour\":\"red\"}]}");
        refused("{\"userName\":\"a\",\"name\":\"Ann\"}");
        refused("{\"userName\":\"a\",\"name\":{\"givenName\":7}}");
        refused("{\"userName\":\"a\",\"active\":\"yes\"}");
        refused("{\"userName\":\"a\",\"favouriteColour\":\"red\"}");
        refused("{\"userName\":\"a\",\"emails\":[{\"value\":\"a@example.com\",\"type\":\"pigeon\"}]}");
    }

    @Test
    void shouldKeepTheLeniencyIdentityProvidersNeed() {
        assertThatCode(() -> ResourceSchema.USER.checkResource(json("""
                {"UserName":"a","ACTIVE":"False","Emails":[{"Value":"a@example.com","Type":"Work","Primary":"true"}],
                 "id":"ignored","meta":{"anything":1},"groups":[],"password":"Secr3t!",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":"m-1"}}"""))).doesNotThrowAnyException();
        assertThatCode(() -> ResourceSchema.GROUP.checkResource(json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"8aa1","displayName":"G","members":[{"value":"u1","$ref":null},{"value":"u2","display":"x","type":"User"}]}""")))
                .doesNotThrowAnyException();
        assertThatCode(() -> patch("Replace", "active", "\"False\"")).doesNotThrowAnyException();
        assertThatCode(() -> patch("replace", null, """
                {"id":"x","name.givenName":"A","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"7"}"""))
                .doesNotThrowAnyException();
        assertThatCode(() -> patch("Add", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "\"m-2\""))
                .doesNotThrowAnyException();
        assertThatCode(() -> patch("add", "emails[type eq \"work\"].value", "\"a@example.com\""))
                .doesNotThrowAnyException();
        assertThatCode(() -> patch("remove", "emails[type eq \"work\"]", null)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefusePatchPathsAndValuesTheSchemaDoesNotAllow() {
        refusedPatch("remove", "favouriteColour", null, "invalidPath");
        refusedPatch("remove", "name.nickName", null, "invalidPath");
        refusedPatch("replace", "userType", "true", "invalidValue");
        refusedPatch("add", "emails", "\"a@example.com\"", "invalidValue");
        refusedPatch("replace", "displayName", "{\"value\":\"x\"}", "invalidValue");
        refusedPatch("replace", "groups", "[]", "mutability");
        refusedPatch("add", "urn:ietf:params:scim:schemas:extension:custom:2.0:User:badge", "\"7\"", "invalidPath");
        refusedPatch("replace", null, "{\"nickname\":5}", "invalidValue");
        refusedPatch("replace", "title[type eq \"x\"]", "\"t\"", "invalidPath");
        // a filter that creates a value when it matches nothing must name allowed values
        refusedPatch("add", "emails[type eq \"office\"].value", "\"a@example.com\"", "invalidValue");
    }

    /**
     * What /Schemas publishes is what is checked: for every attribute and sub-attribute it declares
     * writable, a value of its type is accepted and a value of another type refused; every read-only
     * one is refused as a PATCH target.
     */
    @Test
    void shouldAcceptAndRefuseExactlyWhatThePublishedSchemasDescribe() {
        int checked = 0;
        for (ObjectNode schema : ResourceSchema.published()) {
            String id = schema.get("id").asText();
            ResourceSchema resource = id.endsWith(":Group") ? ResourceSchema.GROUP : ResourceSchema.USER;
            String prefix = id.contains(":extension:") ? id + ":" : "";
            for (JsonNode attribute : schema.get("attributes")) {
                List<JsonNode> targets = new ArrayList<>();
                if (attribute.has("subAttributes") && !attribute.path("multiValued").asBoolean()) {
                    attribute.get("subAttributes").forEach(targets::add);
                } else if (!attribute.get("type").asText().equals("complex")) {
                    targets.add(attribute);
                }
                for (JsonNode target : targets) {
                    String path = prefix + attribute.get("name").asText()
                            + (target == attribute ? "" : "." + target.get("name").asText());
                    String mutability = target.path("mutability").asText();
                    String parentMutability = attribute.path("mutability").asText();
                    if (mutability.equals("readOnly") || parentMutability.equals("readOnly")) {
                        assertThatThrownBy(() -> resource.checkPatch(List.of(
                                new PatchOperation("replace", path, good(target))))).as(path)
                                .satisfies(e -> assertThat(((ScimException) e).scimType()).isEqualTo("mutability"));
                    } else {
                        assertThatCode(() -> resource.checkPatch(List.of(
                                new PatchOperation("replace", path, good(target))))).as(path).doesNotThrowAnyException();
                        if (!mutability.equals("writeOnly")) {
                            assertThatThrownBy(() -> resource.checkPatch(List.of(
                                    new PatchOperation("replace", path, bad(target))))).as(path)
                                    .satisfies(e -> assertThat(((ScimException) e).scimType()).isEqualTo("invalidValue"));
                        }
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    private static JsonNode good(JsonNode attribute) {
        JsonNode canonical = attribute.path("canonicalValues");
        JsonNode one = switch (attribute.get("type").asText()) {
            case "boolean" -> F.booleanNode(true);
            case "integer" -> F.numberNode(3);
            case "decimal" -> F.numberNode(3.5);
            case "dateTime" -> F.textNode("2026-01-31T12:00:00Z");
            default -> F.textNode(canonical.isArray() && !canonical.isEmpty() ? canonical.get(0).asText() : "text");
        };
        return attribute.path("multiValued").asBoolean() ? F.arrayNode().add(one) : one;
    }

    private static JsonNode bad(JsonNode attribute) {
        return attribute.get("type").asText().equals("string") || attribute.get("type").asText().equals("reference")
                ? F.objectNode().put("nested", 1) : F.textNode("not-a-" + attribute.get("type").asText());
    }
}
