package dev.accesslists.scim.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void shouldBeTheSameForTheSameRequestWhateverTheWhiteSpaceAndFieldOrder() throws Exception {
        String first = Fingerprint.of("POST", "Users", null, json("{\"userName\":\"a\",\"name\":{\"givenName\":\"A\","
                + "\"familyName\":\"B\"},\"emails\":[{\"value\":\"a@x\",\"type\":\"work\"}]}"));
        String again = Fingerprint.of("POST", "Users", null, json(" { \"emails\" : [ {\"type\":\"work\",\"value\":\"a@x\"} ],"
                + "\"name\":{\"familyName\":\"B\",\"givenName\":\"A\"}, \"userName\":\"a\" } "));

        assertThat(again).isEqualTo(first).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void shouldDifferForAnyOtherValueOrderOfValuesPathOrMethod() throws Exception {
        JsonNode body = json("{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"}]}]}");
        String base = Fingerprint.of("PATCH", "Groups", "g1", body);

        assertThat(Fingerprint.of("PATCH", "Groups", "g2", body)).isNotEqualTo(base);
        assertThat(Fingerprint.of("PUT", "Groups", "g1", body)).isNotEqualTo(base);
        assertThat(Fingerprint.of("PATCH", "Users", "g1", body)).isNotEqualTo(base);
        assertThat(Fingerprint.of("PATCH", "Groups", "g1", json(body.toString().replace("u1", "u2"))))
                .isNotEqualTo(base);
        // the order of operations is meaning, not form
        assertThat(Fingerprint.of("PATCH", "Groups", "g1", json("{\"Operations\":[{\"op\":\"remove\",\"path\":"
                + "\"members\"},{\"op\":\"add\",\"path\":\"members\",\"value\":[]}]}")))
                .isNotEqualTo(Fingerprint.of("PATCH", "Groups", "g1", json("{\"Operations\":[{\"op\":\"add\",\"path\":"
                        + "\"members\",\"value\":[]},{\"op\":\"remove\",\"path\":\"members\"}]}")));
        assertThat(Fingerprint.of("DELETE", "Users", "u1", null)).isNotEqualTo(Fingerprint.of("DELETE", "Users", "u2",
                null));
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }
}
