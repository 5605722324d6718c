package dev.accesslists.scim.token.oauth;

import dev.accesslists.scim.schemas.runtime.KeyedRateLimits;
import java.time.Duration;

/**
 * Slows down guessing of client secrets at the token endpoint: failed client authentications are
 * counted per client id and address, and per address; once either has used up its allowance, the
 * token endpoint answers 429 with {@code Retry-After} without checking the secret, until the
 * allowance refills. Successful authentications cost nothing, and a client id is never locked
 * for every address, so failures from elsewhere cannot lock a working IdP out.
 */
public final class FailedAuthThrottle {
    private final KeyedRateLimits perClientAndAddress;
    private final KeyedRateLimits perAddress;

    /**
     * @param perClientPerMinute failures allowed per client id and address per minute (0: no limit)
     * @param perAddressPerMinute failures allowed per address per minute, whatever the client id (0: no limit)
     */
    public FailedAuthThrottle(int perClientPerMinute, int perAddressPerMinute) {
        this.perClientAndAddress = new KeyedRateLimits(perClientPerMinute, perClientPerMinute, Duration.ofMinutes(1),
                100_000);
        this.perAddress = new KeyedRateLimits(perAddressPerMinute, perAddressPerMinute, Duration.ofMinutes(1), 100_000);
    }

    /** No throttling at all. */
    public static FailedAuthThrottle off() {
        return new FailedAuthThrottle(0, 0);
    }

    /** Seconds to wait before this client id may try again from this address, or 0 when it may now. */
    long retryAfterSeconds(String clientId, String address) {
        KeyedRateLimits.Decision client = perClientAndAddress.check(key(clientId, address));
        KeyedRateLimits.Decision any = perAddress.check(address);
        long wait = 0;
        if (!client.allowed()) {
            wait = client.retryAfterSeconds();
        }
        if (!any.allowed()) {
            wait = Math.max(wait, any.retryAfterSeconds());
        }
        return wait;
    }

    void failed(String clientId, String address) {
        perClientAndAddress.charge(key(clientId, address));
        perAddress.charge(address);
    }

    private static String key(String clientId, String address) {
        return clientId + "@" + address;
    }
}
