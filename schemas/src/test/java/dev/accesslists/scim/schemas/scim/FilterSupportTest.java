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
}
