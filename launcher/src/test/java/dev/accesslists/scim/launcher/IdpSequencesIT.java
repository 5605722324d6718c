package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request sequences of real IdPs (Okta, Entra ID, JumpCloud, OneLogin), replayed over HTTP against the real stack. */
class IdpSequencesIT {
    private static ScimClient okta;
    private static ScimClient entra;

    @BeforeAll
    static void startStack() {
        TestStack env = TestStack.get();
        okta = env.newDirectoryClient("okta-sequences");
        entra = env.newDirectoryClient("entra-sequences");
    }

    @Test
    void shouldServeOktaProvisioningAndGroupPush() {
        // Test connection
        JsonNode empty = okta.get("/Users?startIndex=1&count=2").body();
        assertThat(empty.get("totalResults").asInt()).isZero();
        assertThat(empty.get("itemsPerPage").asInt()).isZero();
        assertThat(empty.get("startIndex").asInt()).isEqualTo(1);
        assertThat(empty.get("Resources")).isEmpty();
        assertThat(okta.get("/Groups?startIndex=1&count=100").status()).isEqualTo(200);

        // Existence check, then create
        assertThat(okta.get("/Users?filter=" + ScimClient.form("userName eq \"dana@example.com\"")
                + "&startIndex=1&count=100").body().get("totalResults").asInt()).isZero();
        ScimClient.Response created = okta.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"dana@example.com",
                 "name":{"givenName":"Dana","familyName":"Lee"},"emails":[{"primary":true,"value":"dana@example.com","type":"work"}],
                 "displayName":"Dana Lee","locale":"en-US","externalId":"00u1dana","groups":[],"password":"Secr3t!","active":true}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().has("password")).isFalse();
        String id = created.body().get("id").asText();
        assertThat(okta.post("/Users", "{\"userName\":\"DANA@example.com\"}").status()).isEqualTo(409);

        // GET then full PUT
        JsonNode current = okta.get("/Users/" + id).body();
        String replaced = current.toString().replace("\"Dana Lee\"", "\"Dana L.\"");
        ScimClient.Response put = okta.put("/Users/" + id, replaced);
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().get("displayName").asText()).isEqualTo("Dana L.");
        assertThat(put.body().at("/meta/created").asText()).isEqualTo(current.at("/meta/created").asText());

        // Push group, rename resent with every update, membership add / remove / replace
        String group = okta.post("/Groups", "{\"displayName\":\"GroupRequester\",\"members\":[]}").body().get("id").asText();
        ScimClient.Response add = okta.patch("/Groups/" + group, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","value":{"id":"%s","displayName":"GroupRequester"}},
                 {"op":"add","path":"members","value":[{"value":"%s","display":"dana@example.com"}]}]}""".formatted(group, id));
        assertThat(add.status()).isIn(200, 204);
        assertThat(okta.get("/Groups/" + group).body().get("members")).hasSize(1);
        assertThat(okta.patch("/Groups/" + group, """
                {"Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(id)).status())
                .isIn(200, 204);
        assertThat(okta.get("/Groups/" + group).body().get("members")).isEmpty();
        okta.patch("/Groups/" + group, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\""
                + id + "\"}]}]}");
        assertThat(okta.get("/Groups/" + group).body().get("members")).hasSize(1);
        // a PUT that does not assert members keeps them and answers with them (RFC 7644 §3.5.1)
        ScimClient.Response putGroup = okta.put("/Groups/" + group, "{\"displayName\":\"GroupRequester\"}");
        assertThat(putGroup.status()).isEqualTo(200);
        assertThat(putGroup.body().get("members")).hasSize(1);
        okta.patch("/Groups/" + group, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]}");
        assertThat(okta.get("/Groups/" + group).body().get("members")).isEmpty();

        // Deactivate by path-less PATCH; still returned by GET and filters; re-activation works
        assertThat(okta.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}")
                .body().get("active").asBoolean()).isFalse();
        assertThat(okta.get("/Users?filter=" + ScimClient.form("userName eq \"dana@example.com\""))
                .body().at("/Resources/0/active").asBoolean()).isFalse();
        assertThat(okta.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":true}}]}")
                .body().get("active").asBoolean()).isTrue();

        // Unlink
        assertThat(okta.delete("/Groups/" + group).status()).isEqualTo(204);
        assertThat(okta.get("/Groups/" + group).status()).isEqualTo(404);
    }

    @Test
    void shouldServeEntraFiltersPagingAndPatchDialects() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(entra.post("/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                     "userName":"e%d@contoso.com","externalId":"ext%d","active":true,
                     "emails":[{"type":"work","value":"e%d@contoso.com","primary":true}]}""".formatted(i, i, i))
                    .body().get("id").asText());
        }
        // Unquoted and value-path filters
        assertThat(entra.get("/Users?filter=" + ScimClient.form("externalId eq ext3")).body()
                .at("/Resources/0/id").asText()).isEqualTo(ids.get(3));
        assertThat(entra.get("/Users?filter=" + ScimClient.form("emails[type eq \"work\"].value eq \"e4@contoso.com\""))
                .body().at("/Resources/0/id").asText()).isEqualTo(ids.get(4));
        // Paging with count=5 across pages: every user once, stable order
        Set<String> seen = new HashSet<>();
        for (int start = 1; start <= 12; start += 5) {
            JsonNode page = entra.get("/Users?startIndex=" + start + "&count=5").body();
            assertThat(page.get("totalResults").asInt()).isEqualTo(12);
            page.get("Resources").forEach(r -> assertThat(seen.add(r.get("id").asText())).isTrue());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        JsonNode countZero = entra.get("/Users?count=0").body();
        assertThat(countZero.get("totalResults").asInt()).isEqualTo(12);
        assertThat(countZero.get("Resources")).isEmpty();

        // Capitalised ops, string booleans, dotted and URN keys, manager set / change / remove
        String id = ids.get(0);
        JsonNode patched = entra.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"active","value":"False"},
                 {"op":"replace","value":{"name.givenName":"Eve","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"7"}},
                 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"%s"}]}"""
                .formatted(ids.get(1))).body();
        assertThat(patched.get("active").asBoolean()).isFalse();
        assertThat(patched.at("/name/givenName").asText()).isEqualTo("Eve");
        String enterprise = "/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
        assertThat(patched.at(enterprise + "/employeeNumber").asText()).isEqualTo("7");
        assertThat(patched.at(enterprise + "/manager/value").asText()).isEqualTo(ids.get(1));
        assertThat(entra.patch("/Users/" + id, """
                {"Operations":[{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"%s"}]}"""
                .formatted(ids.get(2))).body().at(enterprise + "/manager/value").asText()).isEqualTo(ids.get(2));
        assertThat(entra.patch("/Users/" + id, """
                {"Operations":[{"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]}""")
                .body().at(enterprise + "/manager").isMissingNode()).isTrue();

        // Group with an extra schema URI, multi-member PATCH, value-array removal removes only those
        ScimClient.Response group = entra.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"8aa1","displayName":"GroupRequester","members":[]}""");
        assertThat(group.status()).isEqualTo(201);
        String groupId = group.body().get("id").asText();
        ScimClient.Response add = entra.patch("/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members",
                 "value":[{"$ref":null,"value":"%s"},{"$ref":null,"value":"%s"},{"$ref":null,"value":"%s"}]}]}"""
                .formatted(ids.get(5), ids.get(6), ids.get(7)));
        assertThat(add.status()).isEqualTo(204);
        assertThat(entra.patch("/Groups/" + groupId, """
                {"Operations":[{"op":"Remove","path":"members","value":[{"value":"%s"}]}]}""".formatted(ids.get(6)))
                .status()).isEqualTo(204);
        JsonNode read = entra.get("/Groups/" + groupId + "?excludedAttributes=members").body();
        assertThat(read.has("members")).isFalse();
        assertThat(entra.get("/Groups?filter=" + ScimClient.form("displayName eq \"GroupRequester\"")).body()
                .at("/Resources/0/members")).hasSize(2);
        assertThat(entra.get("/Users/no-such-id").status()).isEqualTo(404);
        entra.delete("/Groups/" + groupId);
    }

    @Test
    void shouldDescribeItselfTruthfully() {
        JsonNode config = okta.get("/ServiceProviderConfig").body();
        assertThat(config.at("/patch/supported").asBoolean()).isTrue();
        assertThat(config.at("/bulk/supported").asBoolean()).isTrue();
        assertThat(config.at("/filter/maxResults").asInt()).isEqualTo(200);
        assertThat(okta.get("/ResourceTypes/User").body().get("endpoint").asText()).isEqualTo("/Users");
        assertThat(okta.get("/ResourceTypes").body().get("totalResults").asInt()).isEqualTo(2);
        assertThat(okta.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group").body().get("name").asText())
                .isEqualTo("Group");
        assertThat(okta.get("/Schemas").body().get("Resources")).hasSize(3);
    }

    @Test
    void shouldAnswerBadInputWithScimErrors() {
        ScimClient.Response badJson = okta.post("/Users", "{not json");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.body().get("scimType").asText()).isEqualTo("invalidSyntax");
        ScimClient.Response badFilter = okta.get("/Users?filter=" + ScimClient.form("userName eq"));
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.body().get("scimType").asText()).isEqualTo("invalidFilter");
        ScimClient.Response noTarget = okta.patch("/Users/x", "{\"Operations\":[{\"op\":\"remove\"}]}");
        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(okta.get("/Nope").status()).isEqualTo(404);
        assertThat(okta.get("/Nope").body().get("schemas").get(0).asText())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    }

    @Test
    void shouldReadAttributeNamesInAnyCaseAndNeverKeepPasswords() {
        ScimClient.Response created = okta.post("/Users", """
                {"UserName":"casey@example.com","Active":"True","Password":"Hunter2!","Name":{"GivenName":"Casey"}}""");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(created.body().at("/name/givenName").asText()).isEqualTo("Casey");
        ScimClient.Response put = okta.put("/Users/" + id, "{\"userName\":\"casey@example.com\",\"Active\":false}");
        assertThat(put.body().get("active").asBoolean()).isFalse();
        assertThat(put.body().has("Active")).isFalse();
        okta.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"NewPass1\"}]}");
        assertThat(okta.get("/Users/" + id).raw().body()).doesNotContain("Hunter2!").doesNotContain("NewPass1");
        // PUT without active keeps it (not asserted, RFC 7644 §3.5.1)
        assertThat(okta.put("/Users/" + id, "{\"userName\":\"casey@example.com\"}").body().get("active").asBoolean())
                .isFalse();
        // and the command log holds no password either
        assertThat(TopicReader.readAll(TestStack.get().kafka.bootstrapServers(), "scim.commands.v1"))
                .allSatisfy(r -> assertThat(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                        .doesNotContain("Hunter2!").doesNotContain("NewPass1"));
    }

    @Test
    void shouldKeepMembersOnAnEmptyRemoveArrayAndTrackMemberChangesInMeta() {
        String user = okta.post("/Users", "{\"userName\":\"kept@example.com\"}").body().get("id").asText();
        JsonNode group = okta.post("/Groups", "{\"displayName\":\"GroupRequester\",\"members\":[{\"value\":\""
                + user + "\"}]}").body();
        String id = group.get("id").asText();
        try {
            assertThat(okta.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[]}]}")
                    .status()).isEqualTo(204);
            assertThat(okta.get("/Groups/" + id).body().get("members")).hasSize(1);
            okta.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + user
                    + "\\\"]\"}]}");
            JsonNode after = okta.get("/Groups/" + id).body();
            assertThat(after.get("members")).isEmpty();
            assertThat(after.at("/meta/lastModified").asText()).isNotEqualTo(group.at("/meta/lastModified").asText());
            // renaming an existing group to a title with no scim list is a bad value, not a missing group
            ScimClient.Response rename = okta.patch("/Groups/" + id,
                    "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"displayName\":\"NoSuchTitle\"}}]}");
            assertThat(rename.status()).isEqualTo(400);
            assertThat(rename.body().get("detail").asText()).contains("NoSuchTitle");
            // a filter on members sees the members
            okta.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + user + "\"}]}]}");
            assertThat(okta.get("/Groups?filter=" + ScimClient.form("members[value eq \"" + user + "\"]"))
                    .body().get("totalResults").asInt()).isEqualTo(1);
        } finally {
            okta.delete("/Groups/" + id);
        }
    }

    @Test
    void shouldStoreALargeUserAndKeepServingEveryone() {
        // A 1.5 MB userName is more than Kafka's default record size: it must neither be lost nor stop the writer
        String huge = "x".repeat(1_500_000) + "@example.com";
        ScimClient large = TestStack.get().newDirectoryClient("large-values");
        ScimClient.Response created = large.post("/Users", "{\"userName\":\"" + huge + "\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(okta.post("/Users", "{\"userName\":\"after-huge@example.com\"}").status()).isEqualTo(201);
        assertThat(large.get("/Users/" + created.body().get("id").asText()).body().get("userName").asText())
                .hasSize(huge.length());
        // out-of-range paging values are clamped, not refused
        assertThat(okta.get("/Users?startIndex=99999999999&count=1000000000000").status()).isEqualTo(200);
        assertThat(okta.get("/Schemas?filter=" + ScimClient.form("id eq \"x\"")).status()).isEqualTo(403);
    }
}
