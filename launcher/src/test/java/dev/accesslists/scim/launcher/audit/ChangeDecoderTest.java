package dev.accesslists.scim.launcher.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.schemas.event.MembershipChange.ChangeKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit's streaming decoder reads what the writer writes, as the data binding does. */
class ChangeDecoderTest {
    private static final Instant AT = Instant.parse("2026-03-14T09:26:53.589Z");

    @Test
    void shouldReadEveryKindAsTheDataBindingDoes() {
        for (ChangeKind kind : ChangeKind.values()) {
            MembershipChange written = new MembershipChange(new MembershipChange.ListRef("scim-group-requester",
                    "Group \"Requester\" é", "scim", new AccessList.Grants(List.of("requester"),
                    Map.of("logins", List.of("ubuntu", "root")))), "u-1", "bjensen@example.com", kind, "g-1",
                    new Cause("r-1", "okta-prod", "okta-prod", AT), kind == ChangeKind.UPDATED ? "bj@example.com" : null);
            byte[] json = Topics.MEMBERSHIP.valueSerde().serializer().serialize("t", written);
            assertThat(ChangeDecoder.decode(json, AT.toEpochMilli(), true)).isEqualTo(written);
            MembershipChange withoutGrants = ChangeDecoder.decode(json, AT.toEpochMilli(), false);
            assertThat(withoutGrants.accessList().grants()).isNull();
            assertThat(withoutGrants.accessList().title()).isEqualTo("Group \"Requester\" é");
            assertThat(withoutGrants.previousUserName()).isEqualTo(written.previousUserName());
        }
    }

    @Test
    void shouldIgnoreWhatItDoesNotKnowAndSkipWhatItCannotRead() {
        String newer = "{\"future\":{\"a\":[1,{\"b\":2}]},\"accessList\":{\"name\":\"n\",\"title\":\"T\",\"type\":\"scim\","
                + "\"grants\":{\"roles\":[\"r\"],\"traits\":{}},\"extra\":true},\"userId\":\"u\",\"change\":\"ADDED\","
                + "\"cause\":{\"requestId\":\"q\",\"timestamp\":\"2026-03-14T09:26:53.589Z\",\"more\":1}}";
        MembershipChange change = ChangeDecoder.decode(newer.getBytes(StandardCharsets.UTF_8), AT.toEpochMilli(), true);
        assertThat(change.accessList().grants().roles()).containsExactly("r");
        assertThat(change.change()).isEqualTo(ChangeKind.ADDED);
        assertThat(change.cause().timestamp()).isEqualTo(AT);

        assertThat(ChangeDecoder.decode(newer.replace("ADDED", "TRANSFERRED").getBytes(StandardCharsets.UTF_8), 0, false))
                .as("a kind added by a later version").isNull();
        assertThat(ChangeDecoder.decode("not json".getBytes(StandardCharsets.UTF_8), 0, false)).isNull();
        assertThat(ChangeDecoder.decode("[1,2]".getBytes(StandardCharsets.UTF_8), 0, false)).isNull();
        assertThat(ChangeDecoder.decode("{\"userId\":\"u\"}".getBytes(StandardCharsets.UTF_8), 0, false)).isNull();
        assertThat(ChangeDecoder.decode(null, 0, false)).isNull();
    }
}
