package dev.accesslists.scim.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {
    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private final MutableClock clock = new MutableClock(START);

    @Test
    void shouldEvictExpiredEntriesBeforeTheOldest() {
        // Given a full cache whose oldest entry is still valid and whose newer entry has expired
        VerifiedTokenCache cache = new VerifiedTokenCache(2, clock);
        cache.put("oldest", token("a", START.plusSeconds(3600)));
        cache.put("short-lived", token("b", START.plusSeconds(10)));
        clock.advance(Duration.ofSeconds(20));

        // When another token arrives
        cache.put("new", token("c", START.plusSeconds(3600)));

        // Then the expired entry made room, not the oldest
        assertThat(cache.get("oldest")).isNotNull();
        assertThat(cache.get("new")).isNotNull();
        assertThat(cache.get("short-lived")).isNull();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void shouldEvictTheOldestWhenNothingHasExpired() {
        // Given a full cache of valid entries
        VerifiedTokenCache cache = new VerifiedTokenCache(2, clock);
        cache.put("first", token("a", START.plusSeconds(3600)));
        cache.put("second", token("b", START.plusSeconds(3600)));

        // When another token arrives
        cache.put("third", token("c", START.plusSeconds(3600)));

        // Then the oldest went
        assertThat(cache.get("first")).isNull();
        assertThat(cache.get("second")).isNotNull();
        assertThat(cache.get("third")).isNotNull();
    }

    @Test
    void shouldNotServeAnEntryAtOrAfterItsExpiry() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, clock);
        cache.put("key", token("a", START.plusSeconds(60)));

        clock.advance(Duration.ofSeconds(60));

        assertThat(cache.get("key")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void shouldNotCacheATokenThatHasAlreadyExpired() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, clock);

        cache.put("key", token("a", START.minusSeconds(1)));

        assertThat(cache.size()).isZero();
    }

    private static VerifiedToken token(String clientId, Instant expiresAt) {
        return new VerifiedToken(clientId, "scim", expiresAt);
    }
}
