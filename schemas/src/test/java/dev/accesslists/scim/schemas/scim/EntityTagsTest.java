package dev.accesslists.scim.schemas.scim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
    @Test
    void shouldWriteTheVersionAsAWeakTag() {
        assertThat(EntityTags.of(7)).isEqualTo("W/\"7\"");
    }

    @Test
    void shouldMatchTheOpaquePartOfAnyTagInTheList() {
        assertThat(EntityTags.matches("W/\"7\"", 7)).isTrue();
        assertThat(EntityTags.matches("\"7\"", 7)).isTrue();
        assertThat(EntityTags.matches("W/\"6\", W/\"7\"", 7)).isTrue();
        assertThat(EntityTags.matches("*", 7)).isTrue();
        assertThat(EntityTags.matches("W/\"6\"", 7)).isFalse();
        assertThat(EntityTags.matches("W/\"70\"", 7)).isFalse();
        assertThat(EntityTags.matches("", 7)).isFalse();
        assertThat(EntityTags.matches(null, 7)).isFalse();
    }

    @Test
    void shouldTagDerivedAttributesWithoutChangingWhatIfMatchCompares() {
        String inGroups = EntityTags.of(4, "g1\u0000Sales\n");
        assertThat(inGroups).startsWith("W/\"4-").isNotEqualTo(EntityTags.of(4, "g2\u0000Sales\n"))
                .isEqualTo(EntityTags.of(4, "g1\u0000Sales\n"));
        assertThat(EntityTags.of(4, "")).isEqualTo("W/\"4\"");
        // If-Match: the resource's own version decides
        assertThat(EntityTags.matches(inGroups, 4)).isTrue();
        assertThat(EntityTags.matches(inGroups, 5)).isFalse();
        // If-None-Match: the whole tag of the representation
        assertThat(EntityTags.matchesTag(inGroups, inGroups)).isTrue();
        assertThat(EntityTags.matchesTag("W/\"4\"", inGroups)).isFalse();
        assertThat(EntityTags.matchesTag("*", inGroups)).isTrue();
    }

    @Test
    void shouldAnswer412NamingTheCurrentVersion() {
        ScimException e = EntityTags.preconditionFailed("User u1", 3);
        assertThat(e.status()).isEqualTo(412);
        assertThat(e.error().detail()).contains("User u1").contains("W/\"3\"");
    }
}
