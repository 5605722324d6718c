package dev.accesslists.scim.schemas.scim;

import static dev.accesslists.scim.schemas.scim.Filters.and;
import static dev.accesslists.scim.schemas.scim.Filters.cmp;
import static dev.accesslists.scim.schemas.scim.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatchPathTest {
    private static final String ENTERPRISE = ScimUrns.ENTERPRISE_USER;

    static Stream<Arguments> paths() {
        return Stream.of(
                // RFC 7644 §3.5.2 examples
                Arguments.of("members", new PatchPath(AttrPath.of("members"), null)),
                Arguments.of("name.familyName", new PatchPath(AttrPath.of("name", "familyName"), null)),
                Arguments.of("addresses[type eq \"work\"]", new PatchPath(AttrPath.of("addresses"), eq("type", "work"))),
                Arguments.of("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]",
                        new PatchPath(AttrPath.of("members"), eq("value", "2819c223-7f76-453a-919d-413861904646"))),
                Arguments.of("members[value eq \"2819c223-7f76-453a-919d-413861904646\"].displayName",
                        new PatchPath(AttrPath.of("members", "displayName"),
                                eq("value", "2819c223-7f76-453a-919d-413861904646"))),
                Arguments.of("emails[type eq \"work\" and value ew \"example.com\"]",
                        new PatchPath(AttrPath.of("emails"),
                                and(eq("type", "work"), cmp("value", Operator.EW, "example.com")))),
                Arguments.of("addresses[type eq \"work\"].streetAddress",
                        new PatchPath(AttrPath.of("addresses", "streetAddress"), eq("type", "work"))),
                Arguments.of("x509Certificates[value eq \"MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx\"]",
                        new PatchPath(AttrPath.of("x509Certificates"),
                                eq("value", "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"))),
                // identity providers
                Arguments.of("emails[type eq \"work\"].value", new PatchPath(AttrPath.of("emails", "value"), eq("type", "work"))),
                Arguments.of("emails[type eq work].value", new PatchPath(AttrPath.of("emails", "value"), eq("type", "work"))),
                Arguments.of("active", new PatchPath(AttrPath.of("active"), null)),
                Arguments.of(" Active ", new PatchPath(AttrPath.of("active"), null)),
                Arguments.of(ENTERPRISE + ":manager", new PatchPath(new AttrPath(ENTERPRISE, "manager", null), null)),
                Arguments.of(ENTERPRISE + ":manager.value", new PatchPath(new AttrPath(ENTERPRISE, "manager", "value"), null)),
                Arguments.of(ENTERPRISE + ":employeeNumber",
                        new PatchPath(new AttrPath(ENTERPRISE, "employeeNumber", null), null)),
                Arguments.of(ENTERPRISE, new PatchPath(AttrPath.of(ENTERPRISE), null)),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName",
                        new PatchPath(AttrPath.of("name", "givenName"), null)),
                Arguments.of("emails[value eq \"a]b\"]", new PatchPath(AttrPath.of("emails"), eq("value", "a]b"))),
                Arguments.of("emails[value eq \"a\\\"]\"]", new PatchPath(AttrPath.of("emails"), eq("value", "a\"]"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void shouldParsePatchPaths(String text, PatchPath expected) {
        assertThat(PatchPath.parse(text)).isEqualTo(expected);
        assertThat(PatchPath.parse(expected.toScimString())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "",
            "  ",
            "a.b.c",
            "emails[type eq \"work\"",
            "emails[]",
            "emails[type eq]",
            "emails[type eq \"work\"]value",
            "emails[type eq \"work\"].value.x",
            "emails[type eq \"work\"].",
            "emails.value[type eq \"work\"]",
            "emails[type[value eq \"x\"] eq \"y\"]",
            "emails[type eq \"work\"][value eq \"x\"]",
            "1emails",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User[value eq \"x\"]",
            "emails[type eq \"work\"].urn:x:y",
    })
    void shouldRejectMalformedPathsWithInvalidPath(String text) {
        ScimException e = catchThrowableOfType(ScimException.class, () -> PatchPath.parse(text));
        assertThat(e).as("parsing <%s> should fail", text).isNotNull();
        assertThat(e.error().scimType()).isEqualTo("invalidPath");
        assertThat(e.error().status()).isEqualTo(400);
    }
}
