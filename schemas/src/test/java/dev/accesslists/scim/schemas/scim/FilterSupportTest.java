package dev.accesslists.scim.schemas.scim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterSupportTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            userName eq "bjensen"                                       | userName    | bjensen
            USERNAME eq "BJensen"                                       | userName    | BJensen
            urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"  | userName    | x
            userName eq a@b.c                                           | userName    | a@b.c
            externalId eq 123                                           | externalId  | 123
            displayName eq "GroupRequester"                             | displayName | GroupRequester
            userName eq "bjensen"                                       | displayName | NONE
            userName ne "bjensen"                                       | userName    | NONE
            userName co "bjensen"                                       | userName    | NONE
            userName eq "a" and title pr                                | userName    | NONE
            userName eq "a" or userName eq "b"                          | userName    | NONE
            userName eq null                                            | userName    | NONE
            userName eq true                                            | userName    | NONE
            name.givenName eq "a"                                       | name        | NONE
            name.givenName eq "a"                                       | name.givenName | a
            emails[value eq "a"]                                        | emails      | NONE
            """)
    void shouldRecogniseExactlyASimpleEquality(String filter, String attribute, String expected) {
        assertThat(FilterSupport.simpleEquality(FilterParser.parse(filter), attribute).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            userName eq "a"                                   | userName=a
            externalId eq "e1" and userName eq "a"            | userName=a
            title pr and (externalId eq "e1")                 | externalId=e1
            externalId eq "e1" or userName eq "a"             | NONE
            not (userName eq "a")                             | NONE
            members[value eq "u1"]                            | members.value=u1
            members.value eq "u1"                             | members.value=u1
            displayName eq "G" and members[value eq "u1"]     | displayName=G
            members[value eq "u1" and type eq "User"]         | members.value=u1
            members[display eq "u1"]                          | NONE
            emails[value eq "a"]                              | NONE
            userName sw "a"                                   | NONE
            """)
    void shouldFindAnIndexableTermOfAConjunction(String filter, String expected) {
        var found = FilterSupport.indexable(FilterParser.parse(filter),
                java.util.List.of("userName", "displayName", "externalId", "members.value"));
        assertThat(found.map(e -> e.attribute() + "=" + e.value()).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            members[value eq "u1"]                                   | [u1]
            members.value eq "u1" or members[value eq "u2"]          | [u1, u2]
            displayName eq "G" and not (members[value eq "u1"])      | [u1]
            members[value eq "u1" or value eq "u2"]                  | [u1, u2]
            displayName eq "G"                                       | []
            members pr                                               | NONE
            members[display eq "alice"]                              | NONE
            members.value co "u"                                     | NONE
            members[value eq "u1" and type eq "User"]                | NONE
            """)
    void shouldNameTheMembersAFilterLooksAtWhenItOnlyComparesTheirValues(String filter, String expected) {
        assertThat(FilterSupport.memberValues(FilterParser.parse(filter)).map(Object::toString).orElse(null))
                .isEqualTo(expected);
    }
}
