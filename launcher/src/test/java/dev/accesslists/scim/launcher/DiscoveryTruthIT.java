package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code /ServiceProviderConfig}, {@code /ResourceTypes} and {@code /Schemas} say, read from
 * the running server, compared with what the same server does.
 */
class DiscoveryTruthIT {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static ScimClient scim;

    @BeforeAll
    static void startStack() {
        scim = TestStack.get().newDirectoryClient("discovery-truth");
    }

    @Test
    void shouldDoWhatTheServiceProviderConfigSays() {
        JsonNode config = scim.get("/ServiceProviderConfig").body();
        String id = scim.post("/Users", "{\"userName\":\"spc@example.com\"}").body().get("id").asText();
        for (int i = 0; i < 3; i++) {
            scim.post("/Users", "{\"userName\":\"spc" + i + "@example.com\"}");
        }

        ScimClient.Response patch = scim.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"T\"}]}");
        assertThat(patch.status() == 200).isEqualTo(config.at("/patch/supported").asBoolean());

        ScimClient.Response read = scim.get("/Users/" + id);
        assertThat(read.raw().headers().firstValue("ETag").isPresent()).isEqualTo(config.at("/etag/supported").asBoolean());

        ScimClient.Response sorted = scim.get("/Users?sortBy=userName&sortOrder=descending&filter="
                + ScimClient.form("userName sw \"spc\""));
        List<String> names = new ArrayList<>();
        sorted.body().get("Resources").forEach(u -> names.add(u.get("userName").asText()));
        assertThat(config.at("/sort/supported").asBoolean()).isTrue();
        assertThat(names).hasSize(4).isSortedAccordingTo((a, b) -> b.compareTo(a));

        int maxResults = config.at("/filter/maxResults").asInt();
        assertThat(config.at("/filter/supported").asBoolean()).isTrue();
        assertThat(scim.get("/Users?count=" + (maxResults + 50)).body().get("itemsPerPage").asInt()).isLessThanOrEqualTo(maxResults);
        assertThat(scim.get("/Users?filter=" + ScimClient.form("userName sw \"spc\"")).body().get("totalResults").asInt())
                .isEqualTo(4);

        // changePassword: not supported, so a password is never kept (or shown)
        assertThat(config.at("/changePassword/supported").asBoolean()).isFalse();
        scim.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"S3cret!x\"}]}");
        assertThat(scim.get("/Users/" + id).raw().body()).doesNotContain("S3cret!x");

        // bulk: supported, and exactly maxOperations operations are accepted
        assertThat(config.at("/bulk/supported").asBoolean()).isTrue();
        int maxOperations = config.at("/bulk/maxOperations").asInt();
        StringBuilder ops = new StringBuilder("{\"Operations\":[");
        for (int i = 0; i < maxOperations; i++) {
            ops.append(i == 0 ? "" : ",").append("{\"method\":\"DELETE\",\"path\":\"/Users/none-").append(i).append("\"}");
        }
        ScimClient.Response full = scim.post("/Bulk", ops.append("]}").toString());
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body().get("Operations")).hasSize(maxOperations);
        assertThat(config.at("/authenticationSchemes/0/type").asText()).isEqualTo("oauthbearertoken");
        assertThat(scim.getWithToken("/Users", "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void shouldServeEveryResourceTypeAtItsEndpointWithItsSchemas() {
        JsonNode types = scim.get("/ResourceTypes").body();
        assertThat(types.get("totalResults").asInt()).isEqualTo(types.get("Resources").size()).isEqualTo(2);
        for (JsonNode type : types.get("Resources")) {
            ScimClient.Response list = scim.get(type.get("endpoint").asText() + "?count=1");
            assertThat(list.status()).as(type.get("name").asText()).isEqualTo(200);
            assertThat(scim.get("/Schemas/" + type.get("schema").asText()).status()).isEqualTo(200);
            for (JsonNode extension : type.path("schemaExtensions")) {
                assertThat(scim.get("/Schemas/" + extension.get("schema").asText()).status()).isEqualTo(200);
            }
        }
        // the User's declared extension is accepted and listed; another is refused
        JsonNode user = types.get("Resources").get(0).get("name").asText().equals("User")
                ? types.get("Resources").get(0) : types.get("Resources").get(1);
        String extension = user.at("/schemaExtensions/0/schema").asText();
        ScimClient.Response created = scim.post("/Users", "{\"userName\":\"ext@example.com\",\"" + extension
                + "\":{\"department\":\"R&D\"}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("schemas").toString()).contains(extension);
        assertThat(scim.post("/Users", "{\"userName\":\"other@example.com\",\"urn:example:params:scim:schemas:extension:acme:2.0:User\":{\"x\":\"y\"}}")
                .status()).isEqualTo(400);
    }

    /**
     * Every attribute /Schemas declares for the User, written through PATCH on a live user: a value
     * of its declared type and shape is accepted, one of another type is refused (invalidValue),
     * a read-only one cannot be targeted (mutability), and an attribute it does not declare is
     * no path at all (invalidPath).
     */
    @Test
    void shouldAcceptAndRefuseUserValuesExactlyAsTheSchemasDeclare() {
        String id = scim.post("/Users", "{\"userName\":\"schema@example.com\"}").body().get("id").asText();
        int checked = 0;
        for (JsonNode schema : scim.get("/Schemas").body().get("Resources")) {
            String schemaId = schema.get("id").asText();
            if (schemaId.endsWith(":Group")) {
                continue;
            }
            String prefix = schemaId.contains(":extension:") ? schemaId + ":" : "";
            for (JsonNode attribute : schema.get("attributes")) {
                String name = attribute.get("name").asText();
                if (name.equals("userName")) {
                    continue;
                }
                List<JsonNode> targets = new ArrayList<>();
                if (attribute.get("type").asText().equals("complex") && !attribute.path("multiValued").asBoolean()) {
                    attribute.get("subAttributes").forEach(targets::add);
                } else {
                    targets.add(attribute);
                }
                for (JsonNode target : targets) {
                    String path = prefix + name + (target == attribute ? "" : "." + target.get("name").asText());
                    boolean readOnly = target.path("mutability").asText().equals("readOnly")
                            || attribute.path("mutability").asText().equals("readOnly");
                    ScimClient.Response good = patch(id, path, good(attribute, target));
                    if (readOnly) {
                        assertThat(good.status()).as(path).isEqualTo(400);
                        assertThat(good.body().get("scimType").asText()).as(path).isEqualTo("mutability");
                        continue;
                    }
                    assertThat(good.status()).as(path + " " + good.raw().body()).isEqualTo(200);
                    if (!target.path("mutability").asText().equals("writeOnly")) {
                        ScimClient.Response bad = patch(id, path, bad(target));
                        assertThat(bad.status()).as(path).isEqualTo(400);
                        assertThat(bad.body().get("scimType").asText()).as(path).isEqualTo("invalidValue");
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(25);
        ScimClient.Response undeclared = patch(id, "favouriteColour", F.textNode("red"));
        assertThat(undeclared.status()).isEqualTo(400);
        assertThat(undeclared.body().get("scimType").asText()).isEqualTo("invalidPath");
    }

    private static ScimClient.Response patch(String id, String path, JsonNode value) {
        return scim.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":"
                + value + "}]}");
    }

    /** A value of the declared type; for a multi-valued complex attribute, one value with every writable sub-attribute. */
    private static JsonNode good(JsonNode attribute, JsonNode target) {
        if (target == attribute && attribute.get("type").asText().equals("complex")) {
            var element = F.objectNode();
            for (JsonNode sub : attribute.get("subAttributes")) {
                if (!sub.path("mutability").asText().equals("readOnly") && !sub.get("name").asText().equals("primary")) {
                    element.set(sub.get("name").asText(), scalar(sub));
                }
            }
            return F.arrayNode().add(element);
        }
        JsonNode one = scalar(target);
        return target.path("multiValued").asBoolean() ? F.arrayNode().add(one) : one;
    }

    private static JsonNode scalar(JsonNode attribute) {
        JsonNode canonical = attribute.path("canonicalValues");
        return switch (attribute.get("type").asText()) {
            case "boolean" -> F.booleanNode(true);
            case "integer" -> F.numberNode(3);
            case "decimal" -> F.numberNode(3.5);
            case "dateTime" -> F.textNode("2026-01-31T12:00:00Z");
            default -> F.textNode(canonical.isArray() && !canonical.isEmpty() ? canonical.get(0).asText() : "v");
        };
    }

    private static JsonNode bad(JsonNode attribute) {
        String type = attribute.get("type").asText();
        return type.equals("string") || type.equals("reference") || type.equals("complex")
                ? F.numberNode(42) : F.textNode("not-a-" + type);
    }
}
