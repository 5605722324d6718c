package dev.accesslists.scim.schemas.scim;

import static dev.accesslists.scim.schemas.scim.JsonFixtures.object;
import static dev.accesslists.scim.schemas.scim.JsonFixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The patcher is not tied to users: a Group catalog gets the RFC and IdP member operations. */
class ResourcePatcherTest {

    private static final AttributeCatalog GROUP = new AttributeCatalog(
            List.of("displayName", "members", "value", "display", "type", "$ref", "externalId"),
            Set.of("members"), Set.of(), Set.of(), Set.of(), Set.of("id", "meta", "schemas"), Set.of("displayName"));

    private static final ResourcePatcher PATCHER = new ResourcePatcher(GROUP);

    private static final String GROUP_JSON =
            "{'displayName':'Tour Guides','members':[{'value':'u1','display':'Babs'},{'value':'u2'},{'value':'u3'}]}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Okta rename re-sending id            | [{'op':'replace','value':{'id':'g1','displayName':'Guides'}}]                | {'displayName':'Guides','members':[{'value':'u1','display':'Babs'},{'value':'u2'},{'value':'u3'}]}
            Okta remove one member by filter     | [{'op':'remove','path':'members[value eq "u2"]'}]                            | {'displayName':'Tour Guides','members':[{'value':'u1','display':'Babs'},{'value':'u3'}]}
            Okta add members                     | [{'op':'add','path':'members','value':[{'value':'u4','display':'Dan'}]}]       | {'displayName':'Tour Guides','members':[{'value':'u1','display':'Babs'},{'value':'u2'},{'value':'u3'},{'value':'u4','display':'Dan'}]}
            Okta replace members with none       | [{'op':'replace','path':'members','value':[]}]                                 | {'displayName':'Tour Guides','members':[]}
            Entra remove members by value array  | [{'op':'Remove','path':'members','value':[{'value':'u1'},{'value':'u3'}]}]     | {'displayName':'Tour Guides','members':[{'value':'u2'}]}
            Entra add member with a null ref     | [{'op':'Add','path':'members','value':[{'value':'u5'}]}]           | {'displayName':'Tour Guides','members':[{'value':'u1','display':'Babs'},{'value':'u2'},{'value':'u3'},{'value':'u5'}]}
            RFC remove all members then add one  | [{'op':'remove','path':'members'},{'op':'add','path':'members','value':[{'value':'u9'}]}] | {'displayName':'Tour Guides','members':[{'value':'u9'}]}
            RFC replace a member's display       | [{'op':'replace','path':'members[value eq "u1"].display','value':'Barbara'}]  | {'displayName':'Tour Guides','members':[{'value':'u1','display':'Barbara'},{'value':'u2'},{'value':'u3'}]}
            """)
    void shouldApplyGroupOperations(String name, String operations, String expected) {
        assertThat(PATCHER.apply(object(GROUP_JSON), ops(operations))).isEqualTo(object(expected));
    }
}
