package dev.accesslists.scim.schemas.scim;

import static dev.accesslists.scim.schemas.scim.JsonFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScimErrorTest {

    @Test
    void shouldRenderTheRfc7644ErrorBodyWithStatusAsString() {
        // Given
        ScimError error = new ScimError(409, "uniqueness", "userName \"bjensen\" is already taken");

        // When / Then
        assertThat(error.toJson()).isEqualTo(json("{'schemas':['urn:ietf:params:scim:api:messages:2.0:Error'],"
                + "'status':'409','scimType':'uniqueness','detail':'userName \"bjensen\" is already taken'}"));
    }

    @Test
    void shouldOmitScimTypeWhenNull() {
        assertThat(new ScimError(404, null, "User 1 not found").toJson()).isEqualTo(json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:Error'],'status':'404','detail':'User 1 not found'}"));
    }

    @Test
    void shouldReadBackWhatItWrites() {
        ScimError error = new ScimError(400, "invalidFilter", "bad");
        assertThat(ScimError.fromJson(error.toJson())).isEqualTo(error);
        assertThat(ScimError.fromJson(json("{'status':412}"))).isEqualTo(new ScimError(412, null, null));
    }

    static Stream<Arguments> factories() {
        return Stream.of(
                Arguments.of((Function<String, ScimException>) ScimException::invalidFilter, 400, "invalidFilter"),
                Arguments.of((Function<String, ScimException>) ScimException::invalidPath, 400, "invalidPath"),
                Arguments.of((Function<String, ScimException>) ScimException::invalidValue, 400, "invalidValue"),
                Arguments.of((Function<String, ScimException>) ScimException::invalidSyntax, 400, "invalidSyntax"),
                Arguments.of((Function<String, ScimException>) ScimException::noTarget, 400, "noTarget"),
                Arguments.of((Function<String, ScimException>) ScimException::mutability, 400, "mutability"),
                Arguments.of((Function<String, ScimException>) ScimException::tooMany, 400, "tooMany"),
                Arguments.of((Function<String, ScimException>) ScimException::uniqueness, 409, "uniqueness"),
                Arguments.of((Function<String, ScimException>) ScimException::notFound, 404, null),
                Arguments.of((Function<String, ScimException>) ScimException::preconditionFailed, 412, null),
                Arguments.of((Function<String, ScimException>) ScimException::notImplemented, 501, null),
                Arguments.of((Function<String, ScimException>) d -> ScimException.badRequest(null, d), 400, null));
    }

    @ParameterizedTest
    @MethodSource("factories")
    void shouldBuildEachErrorWithItsStatusAndScimType(Function<String, ScimException> factory, int status,
                                                      String scimType) {
        ScimException e = factory.apply("the detail");
        assertThat(e.error()).isEqualTo(new ScimError(status, scimType, "the detail"));
        assertThat(e.getMessage()).isEqualTo("the detail");
        assertThat(e.getStackTrace()).isEmpty();
    }
}
