package dev.accesslists.scim.schemas.scim;

import static dev.accesslists.scim.schemas.scim.Filters.and;
import static dev.accesslists.scim.schemas.scim.Filters.cmp;
import static dev.accesslists.scim.schemas.scim.Filters.eq;
import static dev.accesslists.scim.schemas.scim.Filters.not;
import static dev.accesslists.scim.schemas.scim.Filters.or;
import static dev.accesslists.scim.schemas.scim.Filters.pr;
import static dev.accesslists.scim.schemas.scim.Filters.vp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {

    private static final String ENTERPRISE = ScimUrns.ENTERPRISE_USER;

    /** Every example filter of RFC 7644 §3.4.2.2. */
    static Stream<Arguments> rfc7644Examples() {
        Filter emailsOr = or(cmp("emails", Operator.CO, "example.com"), cmp("emails.value", Operator.CO, "example.org"));
        return Stream.of(
                Arguments.of("userName eq \"bjensen\"", eq("userName", "bjensen")),
                Arguments.of("name.familyName co \"O'Malley\"", cmp("name.familyName", Operator.CO, "O'Malley")),
                Arguments.of("userName sw \"J\"", cmp("userName", Operator.SW, "J")),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
                        cmp("userName", Operator.SW, "J")),
                Arguments.of("title pr", pr("title")),
                Arguments.of("meta.lastModified gt \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", Operator.GT, "2011-05-13T04:42:34Z")),
                Arguments.of("meta.lastModified ge \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", Operator.GE, "2011-05-13T04:42:34Z")),
                Arguments.of("meta.lastModified lt \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", Operator.LT, "2011-05-13T04:42:34Z")),
                Arguments.of("meta.lastModified le \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", Operator.LE, "2011-05-13T04:42:34Z")),
                Arguments.of("title pr and userType eq \"Employee\"", and(pr("title"), eq("userType", "Employee"))),
                Arguments.of("title pr or userType eq \"Intern\"", or(pr("title"), eq("userType", "Intern"))),
                Arguments.of("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
                        eq("schemas", ENTERPRISE)),
                Arguments.of("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
                        and(eq("userType", "Employee"), emailsOr)),
                Arguments.of("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
                        and(cmp("userType", Operator.NE, "Employee"), not(emailsOr))),
                Arguments.of("userType eq \"Employee\" and (emails.type eq \"work\")",
                        and(eq("userType", "Employee"), eq("emails.type", "work"))),
                Arguments.of("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
                        and(eq("userType", "Employee"),
                                vp("emails", and(eq("type", "work"), cmp("value", Operator.CO, "@example.com"))))),
                Arguments.of("emails[type eq \"work\" and value co \"@example.com\"] or "
                                + "ims[type eq \"xmpp\" and value co \"@foo.com\"]",
                        or(vp("emails", and(eq("type", "work"), cmp("value", Operator.CO, "@example.com"))),
                                vp("ims", and(eq("type", "xmpp"), cmp("value", Operator.CO, "@foo.com"))))));
    }

    /** Filters real identity providers send (Okta, Entra ID, SailPoint). */
    static Stream<Arguments> identityProviderFilters() {
        return Stream.of(
                Arguments.of("userName eq \"x\"", eq("userName", "x")),
                Arguments.of("externalId eq \"x\"", eq("externalId", "x")),
                Arguments.of("externalId eq jyoung", eq("externalId", "jyoung")),
                Arguments.of("userName eq a@b.c", eq("userName", "a@b.c")),
                Arguments.of("externalId eq 0123", eq("externalId", "0123")),
                Arguments.of("emails[type eq \"work\"].value eq \"x\"",
                        vp("emails", and(eq("type", "work"), eq("value", "x")))),
                Arguments.of("emails[type eq work].value eq x@y.z",
                        vp("emails", and(eq("type", "work"), eq("value", "x@y.z")))),
                Arguments.of("displayName eq \"GroupRequester\"", eq("displayName", "GroupRequester")),
                Arguments.of("externalId eq \"x\" and userName eq \"y\"", and(eq("externalId", "x"), eq("userName", "y"))),
                Arguments.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"7\"",
                        new Filter.Compare(new AttrPath(ENTERPRISE, "employeeNumber", null), Operator.EQ,
                                Filters.node("7"))),
                Arguments.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"m1\"",
                        new Filter.Compare(new AttrPath(ENTERPRISE, "manager", "value"), Operator.EQ,
                                Filters.node("m1"))));
    }

    /** Keywords, precedence, literals. */
    static Stream<Arguments> grammar() {
        Filter a = eq("a", "1");
        Filter b = eq("b", "2");
        Filter c = eq("c", "3");
        return Stream.of(
                Arguments.of("USERNAME EQ \"x\"", eq("userName", "x")),
                Arguments.of("title pr And userType Eq \"Employee\"", and(pr("title"), eq("userType", "Employee"))),
                Arguments.of("title PR OR NOT (userType eq \"Employee\")", or(pr("title"), not(eq("userType", "Employee")))),
                Arguments.of("not(title pr)", not(pr("title"))),
                Arguments.of("a eq \"1\" or b eq \"2\" and c eq \"3\"", or(a, and(b, c))),
                Arguments.of("a eq \"1\" and b eq \"2\" or c eq \"3\"", or(and(a, b), c)),
                Arguments.of("a eq \"1\" and (b eq \"2\" or c eq \"3\")", and(a, or(b, c))),
                Arguments.of("a eq \"1\" and b eq \"2\" and c eq \"3\"", and(and(a, b), c)),
                Arguments.of("((a eq \"1\"))", a),
                Arguments.of("  a   eq   \"1\"  ", a),
                Arguments.of("displayName eq \"a\\\"b\\\\c\\u00e9\\/\\n\"", eq("displayName", "a\"b\\cé/\n")),
                Arguments.of("displayName eq \"with ) and ] inside\"", eq("displayName", "with ) and ] inside")),
                Arguments.of("active eq true", eq("active", true)),
                Arguments.of("active eq False", eq("active", false)),
                Arguments.of("title eq null", eq("title", null)),
                Arguments.of("x.y eq 42", eq("x.y", 42)),
                Arguments.of("n gt -1.5", cmp("n", Operator.GT, new java.math.BigDecimal("-1.5"))),
                Arguments.of("emails[type eq \"work\"]", vp("emails", eq("type", "work"))),
                Arguments.of("emails[not (type eq \"work\")]", vp("emails", not(eq("type", "work")))),
                Arguments.of("emails[type eq \"work\"].primary pr", vp("emails", and(eq("type", "work"), pr("primary")))),
                Arguments.of("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]",
                        vp("members", eq("value", "2819c223-7f76-453a-919d-413861904646"))),
                Arguments.of("members.$ref pr", pr("members.$ref")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"rfc7644Examples", "identityProviderFilters", "grammar"})
    void shouldParseToTheExpectedTree(String text, Filter expected) {
        assertThat(FilterParser.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"rfc7644Examples", "identityProviderFilters", "grammar"})
    void shouldRenderFiltersThatParseBackToTheSameTree(String text, Filter expected) {
        assertThat(FilterParser.parse(expected.toScimString())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "",
            "   ",
            "userName",
            "userName eq",
            "userName foo \"x\"",
            "userName eq \"x\" and",
            "userName eq \"x\" or",
            "(userName eq \"x\"",
            "userName eq \"x\")",
            "userName eq \"unterminated",
            "userName eq \"bad \\q escape\"",
            "userName eq \"bad \\u12 escape\"",
            "emails[type eq \"work\"",
            "emails[type eq \"work\"]]",
            "emails[type[value eq \"x\"] eq \"y\"]",
            "emails.value[type eq \"work\"]",
            "emails[type eq \"work\"].value",
            "emails[type eq \"work\"].value.x eq \"y\"",
            "\"userName\" eq \"x\"",
            "userName eq \"x\" \"y\"",
            "userName eq \"x\" userType eq \"y\"",
            "meta.lastModified gt true",
            "title lt null",
            "a.b.c eq \"x\"",
            "1abc eq \"x\"",
            "userName eq (",
            "userName eq ]",
            "()",
            "not title pr",
            "displayName eq Group Requester",
            "and",
    })
    void shouldRejectInvalidFiltersWithInvalidFilter(String text) {
        ScimException e = catchThrowableOfType(ScimException.class, () -> FilterParser.parse(text));
        assertThat(e).as("parsing <%s> should fail", text).isNotNull();
        assertThat(e.error().status()).isEqualTo(400);
        assertThat(e.error().scimType()).isEqualTo("invalidFilter");
        assertThat(e.error().detail()).startsWith("invalid filter: ");
    }

    @Test
    void shouldPointAtTheColumnOfTheProblem() {
        ScimException e = catchThrowableOfType(ScimException.class, () -> FilterParser.parse("title foo \"x\""));
        assertThat(e.error().detail()).contains("expected an operator").contains("'foo'").contains("column 7");
    }

    @Test
    void shouldRejectHostileNesting() {
        String deep = "(".repeat(10_000) + "title pr" + ")".repeat(10_000);
        ScimException e = catchThrowableOfType(ScimException.class, () -> FilterParser.parse(deep));
        assertThat(e.error().scimType()).isEqualTo("invalidFilter");
    }

    @Test
    void shouldRejectANullFilter() {
        ScimException e = catchThrowableOfType(ScimException.class, () -> FilterParser.parse(null));
        assertThat(e.error().scimType()).isEqualTo("invalidFilter");
    }
}
