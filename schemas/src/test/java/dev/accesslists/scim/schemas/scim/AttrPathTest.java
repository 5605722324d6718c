package dev.accesslists.scim.schemas.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttrPathTest {
    private static final String ENTERPRISE = ScimUrns.ENTERPRISE_USER;

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("userName", null, "userName", null),
                Arguments.of("name.familyName", null, "name", "familyName"),
                Arguments.of("meta.lastModified", null, "meta", "lastModified"),
                Arguments.of("members.$ref", null, "members", "$ref"),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:userName", null, "userName", null),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName", null, "name", "givenName"),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:Group:displayName", null, "displayName", null),
                Arguments.of(ENTERPRISE + ":employeeNumber", ENTERPRISE, "employeeNumber", null),
                Arguments.of(ENTERPRISE + ":manager.value", ENTERPRISE, "manager", "value"),
                Arguments.of(ENTERPRISE.toLowerCase() + ":manager", ENTERPRISE, "manager", null),
                Arguments.of(ENTERPRISE, null, ENTERPRISE, null),
                Arguments.of("urn:acme:scim:schemas:extension:acme:1.0:User:badge", "urn:acme:scim:schemas:extension:acme:1.0:User",
                        "badge", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void shouldParseAttributePaths(String text, String urn, String attribute, String sub) {
        AttrPath path = AttrPath.parse(text);
        assertThat(path.schemaUrn()).isEqualTo(urn);
        assertThat(path.attribute()).isEqualTo(attribute);
        assertThat(path.subAttribute()).isEqualTo(sub);
    }

    @Test
    void shouldCompareNamesIgnoringCase() {
        assertThat(AttrPath.parse("NAME.FamilyName")).isEqualTo(AttrPath.of("name", "familyName"))
                .hasSameHashCodeAs(AttrPath.of("name", "familyName"));
        assertThat(AttrPath.parse(ENTERPRISE.toUpperCase() + ":MANAGER")).isEqualTo(new AttrPath(ENTERPRISE, "manager", null));
        assertThat(AttrPath.of("name")).isNotEqualTo(AttrPath.of("name", "familyName"));
    }

    @Test
    void shouldRecogniseAWholeExtensionSchema() {
        assertThat(AttrPath.parse(ENTERPRISE).isSchema()).isTrue();
        assertThat(AttrPath.parse(ENTERPRISE + ":manager").isSchema()).isFalse();
        assertThat(AttrPath.parse("userName").is("USERNAME")).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "a.b.c", "1name", "name.", ".name", "na me", "urn:ietf:params:scim:schemas:core:2.0:User:",
            "emails[type eq \"work\"]"})
    void shouldRejectMalformedPathsWithInvalidPath(String text) {
        ScimException e = catchThrowableOfType(ScimException.class, () -> AttrPath.parse(text));
        assertThat(e).isNotNull();
        assertThat(e.error().scimType()).isEqualTo("invalidPath");
    }
}
