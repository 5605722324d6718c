package dev.accesslists.scim.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerAuthTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln | eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
        "bearer abc                                     | abc",
        "BEARER abc                                     | abc",
        "Bearer   abc                                   | abc",
        "Bearer a-._~+/Z09==                            | a-._~+/Z09==",
    })
    void shouldExtractTheToken(String header, String expected) {
        assertThat(BearerAuth.extractBearer(header)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        " ",
        "Bearer",
        "Bearer ",
        "Bearerabc",
        "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
        "Bearer abc def",
        "Bearer ab$c",
        "Bearer =abc",
        "Token abc",
    })
    void shouldRejectMissingOrMalformedHeader(String header) {
        assertThatThrownBy(() -> BearerAuth.extractBearer(header))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageNotContaining("YWxhZGRpbjpvcGVuc2VzYW1l");
    }
}
