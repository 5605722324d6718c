package dev.accesslists.scim.schemas.scim;

import static dev.accesslists.scim.schemas.scim.JsonFixtures.object;
import static dev.accesslists.scim.schemas.scim.JsonFixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.command.PatchOperation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserPatcherTest {

    private static final String CORE = "'urn:ietf:params:scim:schemas:core:2.0:User'";
    private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static final String BASE = "{'schemas':[" + CORE + "],'userName':'bjensen',"
            + "'name':{'givenName':'Barbara','familyName':'Jensen'},"
            + "'emails':[{'value':'bjensen@example.com','type':'work','primary':true}],'active':true}";

    private static final String TWO_EMAILS = "{'schemas':[" + CORE + "],'userName':'bjensen',"
            + "'emails':[{'value':'bjensen@example.com','type':'work','primary':true},"
            + "{'value':'babs@jensen.org','type':'home'}]}";

    private static final String WITH_MANAGER = "{'schemas':[" + CORE + ",'" + ENT + "'],'userName':'bjensen',"
            + "'" + ENT + "':{'employeeNumber':'7','manager':{'value':'m1','displayName':'Old Boss'}}}";

    private static final String ONLY_MANAGER = "{'schemas':[" + CORE + ",'" + ENT + "'],'userName':'bjensen',"
            + "'" + ENT + "':{'manager':{'value':'m1'}}}";

    private static final String WITH_ADDRESSES = "{'userName':'bjensen','addresses':["
            + "{'type':'work','streetAddress':'100 Universal City Plaza','locality':'Hollywood','primary':true},"
            + "{'type':'home','streetAddress':'456 Hollywood Blvd','locality':'Hollywood'}]}";

    private static final String MINIMAL = "{'userName':'jyoung','active':true}";

    static Stream<Arguments> rfc7644Examples() {
        return Stream.of(
                Arguments.of("§3.5.2.1 path-less add of emails and nickname", BASE,
                        "[{'op':'add','value':{'emails':[{'value':'babs@jensen.org','type':'home'}],'nickname':'Babs'}}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','name':{'givenName':'Barbara','familyName':'Jensen'},"
                                + "'emails':[{'value':'bjensen@example.com','type':'work','primary':true},"
                                + "{'value':'babs@jensen.org','type':'home'}],'active':true,'nickName':'Babs'}"),
                Arguments.of("§3.5.2.1 add to a multi-valued attribute appends", BASE,
                        "[{'op':'add','path':'emails','value':[{'value':'babs@jensen.org','type':'home'}]}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','name':{'givenName':'Barbara','familyName':'Jensen'},"
                                + "'emails':[{'value':'bjensen@example.com','type':'work','primary':true},"
                                + "{'value':'babs@jensen.org','type':'home'}],'active':true}"),
                Arguments.of("§3.5.2.1 add of a value already present changes nothing", BASE,
                        "[{'op':'add','path':'emails','value':[{'value':'bjensen@example.com','type':'work','primary':true}]}]",
                        BASE),
                Arguments.of("§3.5.2.1 add of a new primary value clears the old primary", BASE,
                        "[{'op':'add','path':'emails','value':{'value':'b@x.org','type':'home','primary':'true'}}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','name':{'givenName':'Barbara','familyName':'Jensen'},"
                                + "'emails':[{'value':'bjensen@example.com','type':'work','primary':false},"
                                + "{'value':'b@x.org','type':'home','primary':true}],'active':true}"),
                Arguments.of("§3.5.2.1 add of a simple attribute sets it", MINIMAL,
                        "[{'op':'add','path':'title','value':'Tour Guide'}]",
                        "{'userName':'jyoung','active':true,'title':'Tour Guide'}"),
                Arguments.of("§3.5.2.1 add to a complex attribute merges", BASE,
                        "[{'op':'add','path':'name','value':{'middleName':'J'}}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','name':{'givenName':'Barbara','familyName':'Jensen',"
                                + "'middleName':'J'},'emails':[{'value':'bjensen@example.com','type':'work','primary':true}],"
                                + "'active':true}"),
                Arguments.of("§3.5.2.2 remove through a filter drops matching values", TWO_EMAILS,
                        "[{'op':'remove','path':'emails[type eq \"work\" and value ew \"example.com\"]'}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','emails':[{'value':'babs@jensen.org','type':'home'}]}"),
                Arguments.of("§3.5.2.2 removing the last value drops the attribute", BASE,
                        "[{'op':'remove','path':'emails[type eq \"work\"]'}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','name':{'givenName':'Barbara','familyName':'Jensen'},"
                                + "'active':true}"),
                Arguments.of("§3.5.2.2 remove of a sub-attribute", BASE,
                        "[{'op':'remove','path':'name.givenName'}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','name':{'familyName':'Jensen'},"
                                + "'emails':[{'value':'bjensen@example.com','type':'work','primary':true}],'active':true}"),
                Arguments.of("§3.5.2.2 remove of a sub-attribute of filtered values", TWO_EMAILS,
                        "[{'op':'remove','path':'emails[type eq \"work\"].primary'}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','emails':[{'value':'bjensen@example.com','type':'work'},"
                                + "{'value':'babs@jensen.org','type':'home'}]}"),
                Arguments.of("§3.5.2.2 remove of a whole multi-valued attribute", TWO_EMAILS,
                        "[{'op':'remove','path':'emails'}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen'}"),
                Arguments.of("§3.5.2.3 replace of a multi-valued attribute replaces all values", TWO_EMAILS,
                        "[{'op':'replace','path':'emails','value':[{'value':'new@example.com','type':'work'}]}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','emails':[{'value':'new@example.com','type':'work'}]}"),
                Arguments.of("§3.5.2.3 replace through a filter replaces the matching values", WITH_ADDRESSES,
                        "[{'op':'replace','path':'addresses[type eq \"work\"]','value':{'type':'work',"
                                + "'streetAddress':'911 Universal City Plaza','locality':'Hollywood','primary':true}}]",
                        "{'userName':'bjensen','addresses':[{'type':'work','streetAddress':'911 Universal City Plaza',"
                                + "'locality':'Hollywood','primary':true},"
                                + "{'type':'home','streetAddress':'456 Hollywood Blvd','locality':'Hollywood'}]}"),
                Arguments.of("§3.5.2.3 replace of a sub-attribute of filtered values", WITH_ADDRESSES,
                        "[{'op':'replace','path':'addresses[type eq \"work\"].streetAddress','value':'1010 Broadway Ave'}]",
                        "{'userName':'bjensen','addresses':[{'type':'work','streetAddress':'1010 Broadway Ave',"
                                + "'locality':'Hollywood','primary':true},"
                                + "{'type':'home','streetAddress':'456 Hollywood Blvd','locality':'Hollywood'}]}"),
                Arguments.of("§3.5.2.3 path-less replace", TWO_EMAILS,
                        "[{'op':'replace','value':{'emails':[{'value':'bjensen@example.com','type':'work','primary':true},"
                                + "{'value':'babs@jensen.org','type':'home'}],'nickName':'Babs'}}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','emails':[{'value':'bjensen@example.com','type':'work',"
                                + "'primary':true},{'value':'babs@jensen.org','type':'home'}],'nickName':'Babs'}"),
                Arguments.of("§3.5.2.3 replace of a complex attribute keeps the sub-attributes not given", BASE,
                        "[{'op':'replace','path':'name','value':{'givenName':'Babs'}}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','name':{'givenName':'Babs','familyName':'Jensen'},"
                                + "'emails':[{'value':'bjensen@example.com','type':'work','primary':true}],'active':true}"),
                Arguments.of("§3.5.2.3 replace of an absent attribute adds it", MINIMAL,
                        "[{'op':'replace','path':'name.familyName','value':'Young'}]",
                        "{'userName':'jyoung','active':true,'name':{'familyName':'Young'}}"),
                Arguments.of("§3.5.2.2 remove of an absent attribute is a no-op", MINIMAL,
                        "[{'op':'remove','path':'title'},{'op':'remove','path':'emails[type eq \"home\"]'},"
                                + "{'op':'remove','path':'" + ENT + ":manager'}]",
                        MINIMAL),
                Arguments.of("an empty operation list is a no-op", BASE, "[]", BASE),
                Arguments.of("replace with null unassigns (RFC 7643 §2.5)", BASE,
                        "[{'op':'replace','path':'name','value':null}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen',"
                                + "'emails':[{'value':'bjensen@example.com','type':'work','primary':true}],'active':true}"));
    }

    static Stream<Arguments> identityProviderRequests() {
        return Stream.of(
                Arguments.of("Okta deactivation: path-less replace of active", MINIMAL,
                        "[{'op':'replace','value':{'active':false}}]",
                        "{'userName':'jyoung','active':false}"),
                Arguments.of("Entra deactivation: capitalised op and a string boolean", MINIMAL,
                        "[{'op':'Replace','path':'active','value':'False'}]",
                        "{'userName':'jyoung','active':false}"),
                Arguments.of("Entra reactivation", "{'userName':'jyoung','active':false}",
                        "[{'op':'Replace','path':'active','value':'True'}]",
                        "{'userName':'jyoung','active':true}"),
                Arguments.of("Entra path-less replace with dotted and URN keys", BASE,
                        "[{'op':'replace','value':{'name.givenName':'A','" + ENT + ":employeeNumber':'7'}}]",
                        "{'schemas':[" + CORE + ",'" + ENT + "'],'userName':'bjensen','name':{'givenName':'A','familyName':'Jensen'},"
                                + "'emails':[{'value':'bjensen@example.com','type':'work','primary':true}],'active':true,"
                                + "'" + ENT + "':{'employeeNumber':'7'}}"),
                Arguments.of("Entra manager set with a bare id", "{'schemas':[" + CORE + "],'userName':'bjensen'}",
                        "[{'op':'Add','path':'" + ENT + ":manager','value':'m1'}]",
                        ONLY_MANAGER),
                Arguments.of("Entra manager change replaces the whole reference", WITH_MANAGER,
                        "[{'op':'Replace','path':'" + ENT + ":manager','value':'m2'}]",
                        "{'schemas':[" + CORE + ",'" + ENT + "'],'userName':'bjensen',"
                                + "'" + ENT + "':{'employeeNumber':'7','manager':{'value':'m2'}}}"),
                Arguments.of("manager given as an object", WITH_MANAGER,
                        "[{'op':'replace','path':'" + ENT + ":manager','value':{'value':'m3'}}]",
                        "{'schemas':[" + CORE + ",'" + ENT + "'],'userName':'bjensen',"
                                + "'" + ENT + "':{'employeeNumber':'7','manager':{'value':'m3'}}}"),
                Arguments.of("manager.value replaced on its own", WITH_MANAGER,
                        "[{'op':'replace','path':'" + ENT + ":manager.value','value':'m4'}]",
                        "{'schemas':[" + CORE + ",'" + ENT + "'],'userName':'bjensen',"
                                + "'" + ENT + "':{'employeeNumber':'7','manager':{'value':'m4','displayName':'Old Boss'}}}"),
                Arguments.of("Entra manager remove keeps the other extension attributes", WITH_MANAGER,
                        "[{'op':'Remove','path':'" + ENT + ":manager'}]",
                        "{'schemas':[" + CORE + ",'" + ENT + "'],'userName':'bjensen','" + ENT + "':{'employeeNumber':'7'}}"),
                Arguments.of("Entra manager remove drops an emptied extension", ONLY_MANAGER,
                        "[{'op':'Remove','path':'" + ENT + ":manager'}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen'}"),
                Arguments.of("manager replaced by an empty id is removed", ONLY_MANAGER,
                        "[{'op':'Replace','path':'" + ENT + ":manager','value':''}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen'}"),
                Arguments.of("Entra replace of the work email", BASE,
                        "[{'op':'Replace','path':'emails[type eq \"work\"].value','value':'babs@example.com'}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','name':{'givenName':'Barbara','familyName':'Jensen'},"
                                + "'emails':[{'value':'babs@example.com','type':'work','primary':true}],'active':true}"),
                Arguments.of("Entra add of a work email when only a home email exists",
                        "{'userName':'jyoung','emails':[{'value':'jy@home.org','type':'home'}]}",
                        "[{'op':'Add','path':'emails[type eq \"work\"].value','value':'jy@work.com'}]",
                        "{'userName':'jyoung','emails':[{'value':'jy@home.org','type':'home'},"
                                + "{'type':'work','value':'jy@work.com'}]}"),
                Arguments.of("Entra add of a work email when there are no emails", MINIMAL,
                        "[{'op':'Add','path':'emails[type eq \"work\"].value','value':'jy@work.com'}]",
                        "{'userName':'jyoung','active':true,'emails':[{'type':'work','value':'jy@work.com'}]}"),
                Arguments.of("Entra add of a work email when one exists updates it", BASE,
                        "[{'op':'Add','path':'emails[type eq \"Work\"].value','value':'b@example.com'}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen','name':{'givenName':'Barbara','familyName':'Jensen'},"
                                + "'emails':[{'value':'b@example.com','type':'work','primary':true}],'active':true}"),
                Arguments.of("Entra add through a filter with a string boolean", MINIMAL,
                        "[{'op':'Add','path':'emails[type eq \"work\" and primary eq true].value','value':'jy@work.com'}]",
                        "{'userName':'jyoung','active':true,'emails':[{'type':'work','primary':true,'value':'jy@work.com'}]}"),
                Arguments.of("Entra remove with a value array removes only those values", TWO_EMAILS,
                        "[{'op':'Remove','path':'emails','value':[{'value':'babs@jensen.org'}]}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen',"
                                + "'emails':[{'value':'bjensen@example.com','type':'work','primary':true}]}"),
                Arguments.of("Okta path-less replace re-sending id: id is ignored", MINIMAL,
                        "[{'op':'replace','value':{'id':'00u1','displayName':'Jane Young','meta':{'version':'x'},"
                                + "'schemas':['" + ENT + "']}}]",
                        "{'userName':'jyoung','active':true,'displayName':'Jane Young'}"),
                Arguments.of("Entra request of several capitalised operations", MINIMAL,
                        "[{'op':'Replace','path':'displayName','value':'Jane Young'},"
                                + "{'op':'Add','path':'title','value':'Engineer'},"
                                + "{'op':'Add','path':'externalId','value':'jy-1'},"
                                + "{'op':'Replace','path':'active','value':'False'}]",
                        "{'userName':'jyoung','active':false,'displayName':'Jane Young','title':'Engineer','externalId':'jy-1'}"),
                Arguments.of("path-less add of a whole extension object", "{'schemas':[" + CORE + "],'userName':'bjensen'}",
                        "[{'op':'add','value':{'" + ENT + "':{'department':'Tours','manager':'m1'}}}]",
                        "{'schemas':[" + CORE + ",'" + ENT + "'],'userName':'bjensen',"
                                + "'" + ENT + "':{'department':'Tours','manager':{'value':'m1'}}}"),
                Arguments.of("add at the extension URN path merges into the extension", WITH_MANAGER,
                        "[{'op':'add','path':'" + ENT + "','value':{'costCenter':'4130'}}]",
                        "{'schemas':[" + CORE + ",'" + ENT + "'],'userName':'bjensen',"
                                + "'" + ENT + "':{'employeeNumber':'7','manager':{'value':'m1','displayName':'Old Boss'},"
                                + "'costCenter':'4130'}}"),
                Arguments.of("remove at the extension URN path drops the extension", WITH_MANAGER,
                        "[{'op':'remove','path':'" + ENT + "'}]",
                        "{'schemas':[" + CORE + "],'userName':'bjensen'}"),
                Arguments.of("a core URN-qualified path is the plain attribute", MINIMAL,
                        "[{'op':'replace','path':'urn:ietf:params:scim:schemas:core:2.0:User:displayName','value':'X'}]",
                        "{'userName':'jyoung','active':true,'displayName':'X'}"),
                Arguments.of("path-less value keyed by the core URN", MINIMAL,
                        "[{'op':'replace','value':{'urn:ietf:params:scim:schemas:core:2.0:User':{'displayName':'X'}}}]",
                        "{'userName':'jyoung','active':true,'displayName':'X'}"),
                Arguments.of("names match ignoring case and keep the existing spelling",
                        "{'userName':'jyoung','DisplayName':'old'}",
                        "[{'op':'replace','path':'USERNAME','value':'jy'},{'op':'replace','path':'displayname','value':'new'}]",
                        "{'userName':'jy','DisplayName':'new'}"),
                Arguments.of("new names take the RFC 7643 spelling, unknown ones stay as sent", MINIMAL,
                        "[{'op':'add','path':'NICKNAME','value':'J'},{'op':'add','path':'fooBar','value':1},"
                                + "{'op':'add','path':'PhoneNumbers','value':[{'VALUE':'555','Type':'work'}]}]",
                        "{'userName':'jyoung','active':true,'nickName':'J','fooBar':1,"
                                + "'phoneNumbers':[{'value':'555','type':'work'}]}"),
                Arguments.of("a bare value of a complex multi-valued attribute is its value sub-attribute", MINIMAL,
                        "[{'op':'add','path':'emails','value':'jy@x.com'}]",
                        "{'userName':'jyoung','active':true,'emails':[{'value':'jy@x.com'}]}"),
                Arguments.of("a no-op on a listed but absent extension leaves schemas alone",
                        "{'schemas':[" + CORE + ",'" + ENT + "'],'userName':'bjensen'}",
                        "[{'op':'Replace','path':'" + ENT + ":manager','value':''},"
                                + "{'op':'Remove','path':'" + ENT + ":employeeNumber'}]",
                        "{'schemas':[" + CORE + ",'" + ENT + "'],'userName':'bjensen'}"),
                Arguments.of("an extension created and emptied in one request leaves no trace", BASE,
                        "[{'op':'add','path':'" + ENT + ":employeeNumber','value':'7'},"
                                + "{'op':'remove','path':'" + ENT + ":employeeNumber'}]",
                        BASE),
                Arguments.of("a blank path is treated as absent", MINIMAL,
                        "[{'op':'replace','path':'','value':{'title':'T'}}]",
                        "{'userName':'jyoung','active':true,'title':'T'}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"rfc7644Examples", "identityProviderRequests"})
    void shouldApplyPatch(String name, String before, String operations, String expected) {
        // Given
        ObjectNode user = object(before);
        ObjectNode untouched = user.deepCopy();

        // When
        ObjectNode patched = UserPatcher.apply(user, ops(operations));

        // Then
        assertThat(patched).isEqualTo(object(expected));
        assertThat(user).isEqualTo(untouched);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("remove without a path", BASE, "[{'op':'remove'}]", "noTarget"),
                Arguments.of("replace through a filter that matches nothing", BASE,
                        "[{'op':'replace','path':'emails[type eq \"home\"].value','value':'x@y.z'}]", "noTarget"),
                Arguments.of("replace of a whole value through a filter that matches nothing", BASE,
                        "[{'op':'replace','path':'emails[type eq \"home\"]','value':{'value':'x@y.z'}}]", "noTarget"),
                Arguments.of("add through a filter that matches nothing and is not made of eq", BASE,
                        "[{'op':'add','path':'emails[type co \"ho\"].value','value':'x@y.z'}]", "noTarget"),
                Arguments.of("a path targeting id", BASE, "[{'op':'replace','path':'id','value':'x'}]", "mutability"),
                Arguments.of("a path targeting meta", BASE,
                        "[{'op':'add','path':'meta.lastModified','value':'2020-01-01T00:00:00Z'}]", "mutability"),
                Arguments.of("a path targeting schemas", BASE, "[{'op':'remove','path':'schemas'}]", "mutability"),
                Arguments.of("remove of userName", BASE, "[{'op':'remove','path':'userName'}]", "invalidValue"),
                Arguments.of("userName replaced by an empty string", BASE,
                        "[{'op':'replace','path':'userName','value':'  '}]", "invalidValue"),
                Arguments.of("userName replaced by a number", BASE,
                        "[{'op':'replace','value':{'userName':42}}]", "invalidValue"),
                Arguments.of("active that is not a boolean", BASE,
                        "[{'op':'replace','path':'active','value':'maybe'}]", "invalidValue"),
                Arguments.of("active given an object", BASE,
                        "[{'op':'add','path':'active','value':{'givenName':'A'}}]", "invalidValue"),
                Arguments.of("active given an array", BASE, "[{'op':'replace','path':'active','value':[]}]", "invalidValue"),
                Arguments.of("a simple attribute given an object", BASE,
                        "[{'op':'replace','path':'title','value':{'value':'T'}}]", "invalidValue"),
                Arguments.of("a sub-attribute of a simple attribute", BASE,
                        "[{'op':'add','path':'active.value','value':true}]", "invalidPath"),
                Arguments.of("a complex value selected by a filter replaced by a string", BASE,
                        "[{'op':'replace','path':'emails[type eq \"work\"]','value':'x'}]", "invalidValue"),
                Arguments.of("a complex attribute given a string", BASE,
                        "[{'op':'replace','path':'name','value':'Barbara'}]", "invalidValue"),
                Arguments.of("add without a value", BASE, "[{'op':'add','path':'title'}]", "invalidValue"),
                Arguments.of("add of null", BASE, "[{'op':'add','path':'title','value':null}]", "invalidValue"),
                Arguments.of("path-less replace of a non-object", BASE, "[{'op':'replace','value':[1,2]}]", "invalidValue"),
                Arguments.of("path-less replace with an extension that is not an object", BASE,
                        "[{'op':'replace','value':{'" + ENT + "':'x'}}]", "invalidValue"),
                Arguments.of("a malformed path", BASE, "[{'op':'replace','path':'emails[type eq','value':'x'}]", "invalidPath"),
                Arguments.of("a malformed key in a path-less value", BASE,
                        "[{'op':'replace','value':{'name..givenName':'x'}}]", "invalidPath"),
                Arguments.of("remove of the whole resource", BASE,
                        "[{'op':'remove','path':'urn:ietf:params:scim:schemas:core:2.0:User'}]", "invalidPath"),
                Arguments.of("the second operation fails", BASE,
                        "[{'op':'replace','path':'title','value':'T'},{'op':'replace','path':'id','value':'x'}]",
                        "mutability"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void shouldRejectWithTheRightScimTypeAndChangeNothing(String name, String before, String operations,
                                                         String scimType) {
        // Given
        ObjectNode user = object(before);
        ObjectNode untouched = user.deepCopy();

        // When
        ScimException e = catchThrowableOfType(ScimException.class, () -> UserPatcher.apply(user, ops(operations)));

        // Then
        assertThat(e).as(name).isNotNull();
        assertThat(e.error().status()).isEqualTo(400);
        assertThat(e.error().scimType()).isEqualTo(scimType);
        assertThat(user).isEqualTo(untouched);
    }

    @Test
    void shouldNameTheFailingOperationInTheDetail() {
        ScimException e = catchThrowableOfType(ScimException.class, () -> UserPatcher.apply(object(BASE),
                ops("[{'op':'replace','path':'title','value':'T'},"
                        + "{'op':'Replace','path':'emails[type eq \"home\"].value','value':'x'}]")));
        assertThat(e.error().detail())
                .isEqualTo("operation 2 (replace emails[type eq \"home\"].value): no value of 'emails' matches"
                        + " [type eq \"home\"]");
    }

    @Test
    void shouldNotShareNodesWithTheOperations() {
        // Given
        List<PatchOperation> operations =
                ops("[{'op':'add','path':'name','value':{'givenName':'A'}},{'op':'add','path':'name.familyName','value':'B'}]");
        String valueBefore = operations.get(0).value().toString();

        // When
        ObjectNode patched = UserPatcher.apply(object(MINIMAL), operations);

        // Then
        assertThat(patched.get("name")).isEqualTo(object("{'givenName':'A','familyName':'B'}"));
        assertThat(operations.get(0).value()).hasToString(valueBefore);
    }
}
