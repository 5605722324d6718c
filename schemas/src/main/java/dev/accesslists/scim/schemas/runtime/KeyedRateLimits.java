package dev.accesslists.scim.schemas.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket per key (an integration, a client address): {@code burst} requests at once, then
 * {@code perSecond} on average. The table of buckets is bounded and forgets idle keys, so keys an
 * attacker makes up cannot exhaust memory; a forgotten key starts again with a full bucket.
 */
public final class KeyedRateLimits {
    private final long burst;
    private final long refillTokens;
    private final Duration refillPeriod;
    private final Cache<String, Bucket> buckets;

    /**
     * What a check found.
     *
     * @param allowed whether the request may go on
     * @param limit the bucket's capacity (for {@code X-Rate-Limit-Limit})
     * @param remaining tokens left after this request
     * @param retryAfter when refused: how long until one token is back
     */
    public record Decision(boolean allowed, long limit, long remaining, Duration retryAfter) {
        /** {@code Retry-After} in whole seconds, at least 1 (RFC 9110 §10.2.3 has no fractions). */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /**
     * @param burst how many requests a key may make at once (at least 1)
     * @param refillTokens how many tokens come back per {@code refillPeriod}; 0 or less turns limiting off
     * @param maxKeys how many keys are tracked at most
     */
    public KeyedRateLimits(long burst, long refillTokens, Duration refillPeriod, int maxKeys) {
        this.burst = Math.max(1, burst);
        this.refillTokens = refillTokens;
        this.refillPeriod = refillPeriod;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys)
                .expireAfterAccess(Duration.ofMinutes(10).plus(refillPeriod)).build();
    }

    /** {@code perSecond} per key on average (0 or less: no limit), bursts of {@code burst}. */
    public static KeyedRateLimits perSecond(long perSecond, long burst, int maxKeys) {
        return new KeyedRateLimits(burst, perSecond, Duration.ofSeconds(1), maxKeys);
    }

    public boolean enabled() {
        return refillTokens > 0;
    }

    /** The sustained rate, in requests per second. */
    public double ratePerSecond() {
        return refillTokens * 1e9 / refillPeriod.toNanos();
    }

    public long burst() {
        return burst;
    }

    /** Takes one token for {@code key} if there is one. */
    public Decision tryAcquire(String key) {
        if (!enabled()) {
            return new Decision(true, 0, 0, Duration.ZERO);
        }
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), burst, probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Whether {@code key} has a token left, without taking it. */
    public Decision check(String key) {
        if (!enabled()) {
            return new Decision(true, 0, 0, Duration.ZERO);
        }
        Bucket bucket = buckets.getIfPresent(Objects.requireNonNull(key, "key"));
        if (bucket == null) {
            return new Decision(true, burst, burst, Duration.ZERO);
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return new Decision(probe.canBeConsumed(), burst, probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Takes one token for {@code key} whether or not there is one (the bucket may go empty). */
    public void charge(String key) {
        if (enabled()) {
            bucket(key).tryConsume(1);
        }
    }

    private Bucket bucket(String key) {
        return buckets.get(Objects.requireNonNull(key, "key"), k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(refillTokens, refillPeriod).build())
                .build());
    }
}
