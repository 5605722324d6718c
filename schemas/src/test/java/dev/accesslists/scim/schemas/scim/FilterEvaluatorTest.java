package dev.accesslists.scim.schemas.scim;

import static dev.accesslists.scim.schemas.scim.JsonFixtures.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterEvaluatorTest {

    /** After the full User representation of RFC 7643 §8.2, trimmed. */
    private static final ObjectNode BJENSEN = object("""
            {'schemas': ['urn:ietf:params:scim:schemas:core:2.0:User',
                         'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
             'id': '2819c223-7f76-453a-919d-413861904646',
             'externalId': 'Bjensen-701984',
             'userName': 'bjensen@example.com',
             'name': {'formatted': 'Ms. Barbara J Jensen, III', 'familyName': "O'Malley", 'givenName': 'Barbara'},
             'displayName': 'Babs Jensen',
             'title': 'Tour Guide',
             'userType': 'Employee',
             'active': true,
             'emails': [{'value': 'bjensen@example.com', 'type': 'work', 'primary': true},
                        {'value': 'babs@jensen.org', 'type': 'home'}],
             'ims': [{'value': 'someaimhandle', 'type': 'aim'}],
             'groups': [],
             'loginCount': 42,
             'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
                 'employeeNumber': '701984',
                 'manager': {'value': '26118915-6090-4610-87e4-49d8ca9f808d', 'displayName': 'John Smith'}},
             'meta': {'resourceType': 'User', 'created': '2010-01-23T04:56:22Z',
                      'lastModified': '2011-05-13T04:42:34.125Z'}}
            """);

    private static final ObjectNode ENTRA_STYLE = object("""
            {'userName': 'jyoung', 'externalId': 'jyoung', 'active': 'True', 'emails': [{'value': 'JY@x.com', 'type': 'Work'}]}
            """);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            userName eq "bjensen@example.com"                                              | true
            userName eq "BJensen@Example.com"                                              | true
            USERNAME EQ "bjensen@example.com"                                              | true
            userName eq "bjensen"                                                          | false
            userName ne "bjensen"                                                          | true
            userName sw "BJ"                                                               | true
            userName ew "EXAMPLE.COM"                                                      | true
            urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b"                     | true
            name.familyName co "O'Malley"                                                  | true
            name.familyName co "malley"                                                    | true
            name.givenName eq "Barbara"                                                    | true
            title pr                                                                       | true
            nickName pr                                                                    | false
            groups pr                                                                      | false
            emails pr                                                                      | true
            externalId eq "Bjensen-701984"                                                 | true
            externalId eq "bjensen-701984"                                                 | false
            id eq "2819C223-7F76-453A-919D-413861904646"                                   | false
            id eq "2819c223-7f76-453a-919d-413861904646"                                   | true
            meta.lastModified gt "2011-05-13T04:42:34Z"                                    | true
            meta.lastModified ge "2011-05-13T04:42:34Z"                                    | true
            meta.lastModified lt "2011-05-13T04:42:34Z"                                    | false
            meta.lastModified le "2011-05-13T04:42:35Z"                                    | true
            meta.lastModified eq "2011-05-13T06:42:34.125+02:00"                           | true
            meta.created lt "2011-01-01T00:00:00Z"                                         | true
            title pr and userType eq "Employee"                                            | true
            title pr and userType eq "Intern"                                              | false
            title pr or userType eq "Intern"                                               | true
            nickName pr or userType eq "Intern"                                            | false
            schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"        | true
            schemas eq "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER"        | true
            userType eq "Employee" and (emails co "example.com" or emails.value co "example.org") | true
            userType eq "Employee" and (emails co "nowhere.com" or emails.value co "example.org") | false
            userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org") | false
            userType ne "Intern" and not (emails co "nowhere.com" or emails.value co "example.org") | true
            userType eq "Employee" and (emails.type eq "work")                             | true
            userType eq "Employee" and emails[type eq "work" and value co "@example.com"]  | true
            userType eq "Employee" and emails[type eq "home" and value co "@example.com"]  | false
            emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"] | true
            emails[type eq "home" and value co "@example.com"] or ims[type eq "aim"]       | true
            emails[type eq "work"].value eq "bjensen@example.com"                          | true
            emails[type eq "home"].value eq "bjensen@example.com"                          | false
            emails[primary eq true].type eq "work"                                         | true
            emails[not (primary eq true)].type eq "home"                                   | true
            active eq true                                                                 | true
            active eq "true"                                                               | true
            active eq false                                                                | false
            loginCount eq 42                                                               | true
            loginCount gt 41.5                                                             | true
            loginCount le 41                                                               | false
            loginCount eq "42"                                                             | true
            title eq null                                                                  | false
            nickName eq null                                                               | true
            nickName ne "x"                                                                | true
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"  | true
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:EMPLOYEENUMBER eq "701984"  | true
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d" | true
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq "26118915-6090-4610-87e4-49d8ca9f808d" | true
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter pr       | false
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User pr                  | true
            employeeNumber eq "701984"                                                     | false
            displayName eq "babs jensen"                                                   | true
            title gt "S"                                                                   | true
            title lt "s"                                                                   | false
            """)
    void shouldEvaluateFiltersAgainstAFullUser(String filter, boolean expected) {
        assertThat(FilterEvaluator.matches(FilterParser.parse(filter), BJENSEN)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            externalId eq jyoung                       | true
            externalId eq JYOUNG                       | false
            userName eq JYoung                         | true
            active eq true                             | true
            active eq True                             | true
            active eq false                            | false
            emails[type eq "work"].value eq "jy@x.com" | true
            emails[type eq "home"].value eq "jy@x.com" | false
            """)
    void shouldEvaluateIdentityProviderFiltersAgainstLooselyTypedValues(String filter, boolean expected) {
        assertThat(FilterEvaluator.matches(FilterParser.parse(filter), ENTRA_STYLE)).isEqualTo(expected);
    }

    @Test
    void shouldMatchPrimitiveMultiValuedAttributesThroughAValueFilter() {
        ObjectNode group = object("{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Group'], 'displayName': 'Admins'}");
        assertThat(FilterEvaluator.matches(FilterParser.parse("schemas[value sw \"urn:ietf\"]"), group)).isTrue();
        assertThat(FilterEvaluator.matches(FilterParser.parse("displayName eq \"admins\""), group)).isTrue();
    }

    @Test
    void shouldNotModifyTheResource() {
        ObjectNode copy = BJENSEN.deepCopy();
        FilterEvaluator.matches(FilterParser.parse("emails[type eq \"work\"] and schemas[value pr]"), BJENSEN);
        assertThat(BJENSEN).isEqualTo(copy);
    }
}
