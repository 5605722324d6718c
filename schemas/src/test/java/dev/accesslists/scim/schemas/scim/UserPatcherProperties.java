package dev.accesslists.scim.schemas.scim;

import static dev.accesslists.scim.schemas.scim.JsonFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.command.PatchOperation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Purity of the patcher, which runs inside a replayed Kafka Streams processor. */
class UserPatcherProperties {

    private static final String ENT = ScimUrns.ENTERPRISE_USER;

    @Property
    void shouldNeverModifyItsInputs(@ForAll("users") ObjectNode user, @ForAll("operations") List<PatchOperation> ops) {
        // Given
        ObjectNode userBefore = user.deepCopy();
        List<JsonNode> valuesBefore = ops.stream().map(op -> op.value() == null ? null : (JsonNode) op.value().deepCopy()).toList();

        // When
        Object outcome = outcome(user, ops);

        // Then
        assertThat(user).isEqualTo(userBefore);
        assertThat(ops.stream().map(PatchOperation::value).toList()).isEqualTo(valuesBefore);
        if (outcome instanceof ObjectNode patched) {
            assertThat(patched).isNotSameAs(user);
        }
    }

    @Property
    void shouldReturnAnEqualResourceForNoOperations(@ForAll("users") ObjectNode user) {
        assertThat(UserPatcher.apply(user, List.of())).isEqualTo(user);
    }

    @Property
    void shouldGiveEqualResultsForEqualInputs(@ForAll("users") ObjectNode user,
                                              @ForAll("operations") List<PatchOperation> ops) {
        assertThat(outcome(user, ops)).isEqualTo(outcome(user.deepCopy(), ops));
    }

    @Property
    void shouldKeepServerOwnedAttributesOutAndUserNameValid(@ForAll("users") ObjectNode user,
                                                           @ForAll("operations") List<PatchOperation> ops) {
        if (outcome(user, ops) instanceof ObjectNode patched) {
            assertThat(patched.has("id")).isFalse();
            assertThat(patched.has("meta")).isFalse();
            assertThat(patched.get("userName").isTextual()).isTrue();
            assertThat(patched.get("userName").asText()).isNotBlank();
            JsonNode active = patched.get("active");
            assertThat(active == null || active.isBoolean() || user.get("active").equals(active)).isTrue();
        }
    }

    @Property
    void shouldChangeNothingMoreWhenAReplaceOrRemoveIsRepeated(@ForAll("users") ObjectNode user,
                                                              @ForAll("replaceOrRemove") PatchOperation op) {
        if (outcome(user, List.of(op)) instanceof ObjectNode once) {
            assertThat(outcome(once, List.of(op))).isEqualTo(once);
        }
    }

    /** The patched JSON, or the SCIM error. */
    private static Object outcome(ObjectNode user, List<PatchOperation> ops) {
        try {
            return UserPatcher.apply(user, ops);
        } catch (ScimException e) {
            return e.error();
        }
    }

    @Provide
    Arbitrary<ObjectNode> users() {
        Arbitrary<String> userName = Arbitraries.of("bjensen", "jyoung", "a@b.c");
        Arbitrary<String> name = Arbitraries.of("", ",'name':{'givenName':'Barbara','familyName':'Jensen'}",
                ",'NAME':{'GivenName':'B'}");
        Arbitrary<String> emails = Arbitraries.of("", ",'emails':[]",
                ",'emails':[{'value':'w@x.com','type':'work','primary':true}]",
                ",'emails':[{'value':'w@x.com','type':'work'},{'value':'h@x.org','type':'home','primary':true}]",
                ",'Emails':[{'Value':'w@x.com','Type':'Work'}]");
        Arbitrary<String> active = Arbitraries.of("", ",'active':true", ",'active':false", ",'active':'True'");
        Arbitrary<String> extension = Arbitraries.of("", ",'" + ENT + "':{'employeeNumber':'7'}",
                ",'" + ENT + "':{'manager':{'value':'m1','displayName':'Boss'}}", ",'" + ENT + "':{}");
        Arbitrary<String> schemas = Arbitraries.of("", "'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],",
                "'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','" + ENT + "'],");
        return Combinators.combine(schemas, userName, name, emails, active, extension)
                .as((s, u, n, e, a, x) -> (ObjectNode) json("{" + s + "'userName':'" + u + "'" + n + e + a + x + "}"));
    }

    @Provide
    Arbitrary<List<PatchOperation>> operations() {
        Arbitrary<String> op = Arbitraries.of("add", "Add", "replace", "Replace", "remove", "REMOVE");
        Arbitrary<String> path = Arbitraries.of(null, "", "title", "active", "userName", "emails", "name", "name.givenName",
                "emails[type eq \"work\"]", "emails[type eq \"work\"].value", "emails[type eq \"home\"].primary",
                "emails[value co \"x\"]", "emails.type", ENT, ENT + ":manager", ENT + ":manager.value",
                ENT + ":employeeNumber", "id", "meta.created", "schemas", "emails[type eq", "phoneNumbers",
                "urn:ietf:params:scim:schemas:core:2.0:User:displayName");
        Arbitrary<JsonNode> value = Arbitraries.of(Arrays.asList(null, "null", "'x'", "'False'", "'true'", "true", "42", "''",
                "{'givenName':'A'}", "{'value':'m2'}", "[{'value':'a@b.c','type':'work','primary':true}]",
                "[{'value':'w@x.com'}]", "[]",
                "{'active':false,'name.givenName':'Z','" + ENT + ":employeeNumber':'9','id':'1','meta':{}}",
                "{'" + ENT + "':{'manager':'m3','department':'D'}}", "{'emails':[{'value':'n@x.com','type':'other'}]}",
                "{'userName':'renamed'}"))
                .map(text -> text == null ? null : json(text));
        return Combinators.combine(op, path, value).as(PatchOperation::new).list().ofMaxSize(6)
                .map(ArrayList::new);
    }

    /** Operations whose second application changes nothing more. */
    @Provide
    Arbitrary<PatchOperation> replaceOrRemove() {
        Arbitrary<String> path = Arbitraries.of("title", "active", "emails", "name", "name.givenName",
                "emails[type eq \"work\"].value", ENT + ":manager", ENT + ":employeeNumber", ENT);
        Arbitrary<JsonNode> value = Arbitraries.of("'x'", "'False'", "true", "{'givenName':'A'}", "{'value':'m2'}",
                "[{'value':'a@b.c','type':'work','primary':true}]").map(JsonFixtures::json);
        Arbitrary<PatchOperation> replace = Combinators.combine(path, value).as((p, v) -> new PatchOperation("replace", p, v));
        Arbitrary<PatchOperation> remove = Arbitraries.oneOf(path, Arbitraries.of("emails[type eq \"home\"]"))
                .map(p -> new PatchOperation("remove", p, null));
        return Arbitraries.oneOf(replace, remove);
    }
}
