package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The details strict SCIM clients check, over HTTP against the real stack: the headers of every
 * answer (Location, ETag, no Content-Type without content), preconditions, projections.
 */
class ScimStrictnessIT {
    private ScimClient scim;

    /** Each test its own directory, so that each can link the one scim list to a group of its own. */
    @BeforeEach
    void newDirectory(TestInfo test) {
        scim = TestStack.get().newDirectoryClient("strict-" + test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void shouldDescribeEveryResourceAnswerWithItsLocationAndVersion() {
        ScimClient.Response created = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"loc@example.com"}""");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertDescribed(created, "W/\"1\"");

        ScimClient.Response read = scim.get("/Users/" + id);
        assertDescribed(read, "W/\"1\"");
        ScimClient.Response replaced = scim.put("/Users/" + id, """
                {"userName":"loc@example.com","displayName":"Lo C"}""");
        assertThat(replaced.status()).isEqualTo(200);
        assertDescribed(replaced, "W/\"2\"");
        ScimClient.Response patched = scim.patch("/Users/" + id, """
                {"Operations":[{"op":"replace","path":"title","value":"Engineer"}]}""");
        assertThat(patched.status()).isEqualTo(200);
        assertDescribed(patched, "W/\"3\"");

        ScimClient.Response group = scim.post("/Groups", "{\"displayName\":\"GroupRequester\"}");
        assertThat(group.status()).isEqualTo(201);
        String groupId = group.body().get("id").asText();
        assertDescribed(group, group.body().at("/meta/version").asText());
        assertDescribed(scim.get("/Groups/" + groupId), group.body().at("/meta/version").asText());
        ScimClient.Response groupPut = scim.put("/Groups/" + groupId, "{\"displayName\":\"GroupRequester\"}");
        assertThat(groupPut.status()).isEqualTo(200);
        assertDescribed(groupPut, groupPut.body().at("/meta/version").asText());

        // a group PATCH without a projection: 204, no body, and no Content-Type for a body that is not there
        ScimClient.Response added = scim.patch("/Groups/" + groupId, """
                {"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(id));
        assertThat(added.status()).isEqualTo(204);
        assertThat(added.raw().body()).isEmpty();
        assertThat(added.raw().headers().firstValue("Content-Type")).isEmpty();
        ScimClient.Response deleted = scim.delete("/Groups/" + groupId);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.raw().headers().firstValue("Content-Type")).isEmpty();
    }

    @Test
    void shouldAnswerPreconditionsOnTheResourceVersion() {
        String id = scim.post("/Users", "{\"userName\":\"etag@example.com\"}").body().get("id").asText();
        ScimClient.Response first = scim.get("/Users/" + id);
        String v1 = first.raw().headers().firstValue("ETag").orElseThrow();

        ScimClient.Response notModified = scim.call("GET", "/Users/" + id, null, "If-None-Match", v1);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.raw().body()).isEmpty();
        assertThat(notModified.raw().headers().firstValue("Content-Type")).isEmpty();
        assertThat(notModified.raw().headers().firstValue("ETag")).contains(v1);

        ScimClient.Response changed = scim.call("PATCH", "/Users/" + id,
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"nickName\",\"value\":\"E\"}]}", "If-Match", v1);
        assertThat(changed.status()).isEqualTo(200);
        String v2 = changed.raw().headers().firstValue("ETag").orElseThrow();
        assertThat(v2).isNotEqualTo(v1).isEqualTo(changed.body().at("/meta/version").asText());
        assertThat(scim.call("GET", "/Users/" + id, null, "If-None-Match", v1).status()).isEqualTo(200);

        // a write on a version the client no longer holds changes nothing
        ScimClient.Response stale = scim.call("PATCH", "/Users/" + id,
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"nickName\",\"value\":\"stale\"}]}", "If-Match", v1);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("status").asText()).isEqualTo("412");
        assertThat(stale.body().get("detail").asText()).contains(v2);
        assertThat(scim.call("PUT", "/Users/" + id, "{\"userName\":\"etag@example.com\"}", "If-Match", v1).status())
                .isEqualTo(412);
        assertThat(scim.call("DELETE", "/Users/" + id, null, "If-Match", v1).status()).isEqualTo(412);
        JsonNode after = scim.get("/Users/" + id).body();
        assertThat(after.get("nickName").asText()).isEqualTo("E");
        assertThat(after.at("/meta/version").asText()).isEqualTo(v2);

        assertThat(scim.call("PATCH", "/Users/" + id,
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"nickName\",\"value\":\"any\"}]}", "If-Match", "*")
                .status()).isEqualTo(200);
        String group = scim.post("/Groups", "{\"displayName\":\"GroupRequester\"}").body().get("id").asText();
        String gv = scim.get("/Groups/" + group).raw().headers().firstValue("ETag").orElseThrow();
        assertThat(scim.call("PATCH", "/Groups/" + group, "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\","
                + "\"value\":[{\"value\":\"" + id + "\"}]}]}", "If-Match", gv).status()).isEqualTo(204);
        assertThat(scim.call("PATCH", "/Groups/" + group, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members\"}]}",
                "If-Match", gv).status()).isEqualTo(412);
        assertThat(scim.get("/Groups/" + group).body().get("members")).hasSize(1);
        // the user's tag follows its groups, which change without its own version changing
        ScimClient.Response member = scim.call("GET", "/Users/" + id, null, "If-None-Match", v2);
        assertThat(member.status()).isEqualTo(200);
        String tagWithGroup = member.raw().headers().firstValue("ETag").orElseThrow();
        assertThat(tagWithGroup).isNotEqualTo(v2).isEqualTo(member.body().at("/meta/version").asText());
        assertThat(member.body().at("/groups/0/value").asText()).isEqualTo(group);
        assertThat(scim.call("GET", "/Users/" + id, null, "If-None-Match", tagWithGroup).status()).isEqualTo(304);
        // a failed PATCH that asked for a projection answers the writer's error
        assertThat(scim.call("PATCH", "/Groups/" + group + "?excludedAttributes=members",
                "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members\"}]}", "If-Match", gv).status())
                .isEqualTo(412);
        assertThat(scim.call("DELETE", "/Users/" + id, null, "If-Match", "W/\"999\", " + scim.get("/Users/" + id)
                .raw().headers().firstValue("ETag").orElseThrow()).status()).isEqualTo(204);
        assertThat(scim.delete("/Groups/" + group).status()).isEqualTo(204);
    }

    @Test
    void shouldReturnTheValuesAValueFilterInAttributesSelects() {
        String id = scim.post("/Users", """
                {"userName":"mail@example.com","displayName":"Mail",
                 "emails":[{"type":"work","value":"w@example.com","primary":true},{"type":"home","value":"h@example.com"}]}""")
                .body().get("id").asText();
        JsonNode only = scim.get("/Users/" + id + "?attributes=" + ScimClient.form("emails[type eq \"work\"]")).body();
        assertThat(only.get("id").asText()).isEqualTo(id);
        assertThat(only.has("displayName")).isFalse();
        assertThat(only.get("emails")).hasSize(1);
        assertThat(only.at("/emails/0/value").asText()).isEqualTo("w@example.com");
        // a malformed value filter is refused before anything is written
        ScimClient.Response malformed = scim.post("/Users?attributes=" + ScimClient.form("emails[type eq]"),
                "{\"userName\":\"never@example.com\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(scim.get("/Users?filter=" + ScimClient.form("userName eq \"never@example.com\"")).body()
                .get("totalResults").asInt()).isZero();
        JsonNode whole = scim.get("/Users/" + id + "?attributes=" + ScimClient.form("emails[type eq \"work\"],emails,userName"))
                .body();
        assertThat(whole.get("emails")).hasSize(2);
        assertThat(whole.get("userName").asText()).isEqualTo("mail@example.com");
    }

    @Test
    void shouldAnswerAGroupPatchWithTheProjectionAskedFor() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(scim.post("/Users", "{\"userName\":\"pm" + i + "@example.com\"}").body().get("id").asText());
        }
        String group = scim.post("/Groups", "{\"displayName\":\"GroupRequester\",\"members\":[{\"value\":\""
                + users.get(0) + "\"}]}").body().get("id").asText();
        ScimClient.Response withoutMembers = scim.patch("/Groups/" + group + "?excludedAttributes=members", """
                {"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(users.get(1)));
        assertThat(withoutMembers.status()).isEqualTo(200);
        assertThat(withoutMembers.body().get("displayName").asText()).isEqualTo("GroupRequester");
        assertThat(withoutMembers.body().has("members")).isFalse();
        assertThat(withoutMembers.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("application/scim+json");
        assertDescribed(withoutMembers, withoutMembers.body().at("/meta/version").asText());

        ScimClient.Response members = scim.patch("/Groups/" + group + "?attributes=members", """
                {"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(users.get(2)));
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.body().has("displayName")).isFalse();
        List<String> ids = new ArrayList<>();
        members.body().get("members").forEach(m -> ids.add(m.get("value").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(users);
        // a value filter on the members selects those members, in a GET as in a PATCH answer
        JsonNode one = scim.get("/Groups/" + group + "?attributes=" + ScimClient.form("members[value eq \"" + users.get(1)
                + "\"]")).body();
        assertThat(one.get("members")).hasSize(1);
        assertThat(one.at("/members/0/value").asText()).isEqualTo(users.get(1));
        // a failed PATCH asked for a projection is still a SCIM error
        ScimClient.Response failed = scim.patch("/Groups/" + group + "?attributes=members",
                "{\"Operations\":[{\"op\":\"frobnicate\",\"path\":\"members\"}]}");
        assertThat(failed.status()).isEqualTo(400);
        assertThat(scim.delete("/Groups/" + group).status()).isEqualTo(204);
    }

    @Test
    void shouldCheckValuesAgainstThePublishedSchemasAndLoseNothing() {
        ScimClient.Response custom = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:custom:2.0:User"],
                 "userName":"custom@example.com","urn:ietf:params:scim:schemas:extension:custom:2.0:User":{"badge":"7"}}""");
        assertError(custom, 400, "invalidValue", "urn:ietf:params:scim:schemas:extension:custom:2.0:User");
        assertThat(scim.get("/Users?filter=" + ScimClient.form("userName eq \"custom@example.com\"")).body()
                .get("totalResults").asInt()).isZero();

        String id = scim.post("/Users", """
                {"userName":"typed@example.com","userType":"Employee","emails":[{"value":"t@example.com","type":"work"}]}""")
                .body().get("id").asText();
        assertError(scim.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"favouriteColour\"}]}"),
                400, "invalidPath", "favouriteColour");
        assertError(scim.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"userType\",\"value\":true}]}"),
                400, "invalidValue", "userType");
        assertError(scim.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"add\",\"path\":\"emails\",\"value\":\"x@example.com\"}]}"),
                400, "invalidValue", "emails");
        assertError(scim.put("/Users/" + id, "{\"userName\":\"typed@example.com\",\"emails\":[{\"value\":\"t@example.com\",\"type\":\"pigeon\"}]}"),
                400, "invalidValue", "pigeon");
        JsonNode unchanged = scim.get("/Users/" + id).body();
        assertThat(unchanged.get("userType").asText()).isEqualTo("Employee");
        assertThat(unchanged.get("emails")).hasSize(1);
        assertThat(unchanged.at("/meta/version").asText()).isEqualTo("W/\"1\"");
        // Entra ID's string booleans and capitalised names still pass
        ScimClient.Response lenient = scim.patch("/Users/" + id, """
                {"Operations":[{"op":"Replace","path":"active","value":"False"},{"op":"Add","path":"Emails[Type eq \\"home\\"].Value","value":"h@example.com"}]}""");
        assertThat(lenient.status()).isEqualTo(200);
        assertThat(lenient.body().get("active").asBoolean()).isFalse();
        assertThat(lenient.body().get("emails")).hasSize(2);
        assertThat(lenient.body().get("schemas")).hasSize(1);
    }

    @Test
    void shouldApplyABulkInOrderWithBulkIdReferencesAndLimits() {
        ScimClient.Response bulk = scim.post("/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                 {"method":"POST","path":"/Users","bulkId":"ann","data":{"userName":"ann@bulk.example","displayName":"Ann"}},
                 {"method":"POST","path":"/Users","bulkId":"bob","data":{"userName":"bob@bulk.example"}},
                 {"method":"POST","path":"/Groups","bulkId":"g","data":{"displayName":"GroupRequester",
                   "members":[{"value":"bulkId:ann"},{"value":"bulkId:bob"}]}},
                 {"method":"PATCH","path":"/Users/bulkId:bob","data":{"Operations":[{"op":"replace","path":"title","value":"Ops"}]}},
                 {"method":"POST","path":"/Users","bulkId":"dup","data":{"userName":"ANN@bulk.example"}},
                 {"method":"PATCH","path":"/Users/bulkId:nobody","data":{"Operations":[{"op":"remove","path":"title"}]}},
                 {"method":"DELETE","path":"/Users/bulkId:bob","version":"W/\\"1\\""},
                 {"method":"GET","path":"/Users"},
                 {"method":"POST","path":"/Users","bulkId":"ann","data":{"userName":"ann2@bulk.example"}}]}""");
        assertThat(bulk.status()).as(bulk.raw().body()).isEqualTo(200);
        assertThat(bulk.body().get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:BulkResponse");
        JsonNode ops = bulk.body().get("Operations");
        List<String> statuses = new ArrayList<>();
        ops.forEach(op -> statuses.add(op.get("status").asText()));
        assertThat(statuses).containsExactly("201", "201", "201", "200", "409", "409", "412", "400", "400");
        assertThat(ops.get(8).at("/response/detail").asText()).contains("bulkId ann");
        assertThat(ops.get(0).get("bulkId").asText()).isEqualTo("ann");
        String ann = ops.get(0).get("location").asText();
        assertThat(scim.get(ann.substring(ann.indexOf("/Users/"))).body().get("displayName").asText()).isEqualTo("Ann");
        assertThat(ops.get(3).get("version").asText()).isEqualTo("W/\"2\"");
        assertThat(ops.get(4).at("/response/scimType").asText()).isEqualTo("uniqueness");
        assertThat(ops.get(4).has("location")).isFalse();
        assertThat(ops.get(6).at("/response/status").asText()).isEqualTo("412");
        String group = ops.get(2).get("location").asText();
        JsonNode members = scim.get(group.substring(group.indexOf("/Groups/"))).body().get("members");
        assertThat(members).hasSize(2);

        // failOnErrors: the operations after the first failure are not applied
        ScimClient.Response stopped = scim.post("/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"failOnErrors":1,"Operations":[
                 {"method":"DELETE","path":"/Users/no-such-user"},
                 {"method":"POST","path":"/Users","bulkId":"late","data":{"userName":"late@bulk.example"}}]}""");
        assertThat(stopped.body().get("Operations")).hasSize(1);
        assertThat(stopped.body().at("/Operations/0/status").asText()).isEqualTo("404");
        assertThat(scim.get("/Users?filter=" + ScimClient.form("userName eq \"late@bulk.example\"")).body()
                .get("totalResults").asInt()).isZero();

        // the advertised limits are enforced
        JsonNode config = scim.get("/ServiceProviderConfig").body().get("bulk");
        assertThat(config.get("supported").asBoolean()).isTrue();
        int maxOperations = config.get("maxOperations").asInt();
        StringBuilder many = new StringBuilder("{\"Operations\":[");
        for (int i = 0; i <= maxOperations; i++) {
            many.append(i == 0 ? "" : ",").append("{\"method\":\"DELETE\",\"path\":\"/Users/x").append(i).append("\"}");
        }
        assertError(scim.post("/Bulk", many.append("]}").toString()), 413, "tooMany", String.valueOf(maxOperations));
        String padding = "x".repeat(config.get("maxPayloadSize").asInt());
        assertError(scim.post("/Bulk", "{\"Operations\":[],\"pad\":\"" + padding + "\"}"), 413, "tooLarge",
                "maxPayloadSize");
    }

    private static void assertError(ScimClient.Response response, int status, String scimType, String mention) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body().get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(response.body().get("status").asText()).isEqualTo(String.valueOf(status));
        assertThat(response.body().get("scimType").asText()).isEqualTo(scimType);
        assertThat(response.body().get("detail").asText()).contains(mention);
    }

    private static void assertDescribed(ScimClient.Response response, String version) {
        assertThat(response.raw().headers().firstValue("Location")).contains(response.body().at("/meta/location").asText());
        assertThat(response.body().at("/meta/location").asText()).isNotEmpty();
        assertThat(response.body().at("/meta/version").asText()).isEqualTo(version);
        assertThat(response.raw().headers().firstValue("ETag")).contains(version);
    }
}
