package dev.accesslists.scim.ingest.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verified tokens by token hash, each valid until its {@code exp}. Bounded: when full, expired
 * entries go first, then the oldest. Thread-safe; every operation is a hash map access under one
 * lock, which costs far less than the signature check it saves.
 */
final class VerifiedTokenCache {
    private final int maxSize;
    private final Clock clock;
    /** Insertion order, so the first entry is the oldest. */
    private final LinkedHashMap<String, VerifiedToken> entries = new LinkedHashMap<>();
    /** A lower bound of the earliest expiry in the cache, so a sweep runs only when it can free something. */
    private Instant earliestExpiry;

    VerifiedTokenCache(int maxSize, Clock clock) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive");
        }
        this.maxSize = maxSize;
        this.clock = clock;
    }

    /** The cached token for this key, or null if there is none or it has expired. */
    synchronized VerifiedToken get(String key) {
        VerifiedToken token = entries.get(key);
        if (token == null) {
            return null;
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            entries.remove(key);
            return null;
        }
        return token;
    }

    /** Caches a token unless it has already expired. */
    synchronized void put(String key, VerifiedToken token) {
        Instant now = clock.instant();
        if (!now.isBefore(token.expiresAt())) {
            return;
        }
        if (!entries.containsKey(key) && entries.size() >= maxSize) {
            makeRoom(now);
        }
        entries.put(key, token);
        if (earliestExpiry == null || token.expiresAt().isBefore(earliestExpiry)) {
            earliestExpiry = token.expiresAt();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private void makeRoom(Instant now) {
        if (earliestExpiry != null && !now.isBefore(earliestExpiry)) {
            removeExpired(now);
        }
        if (entries.size() >= maxSize) {
            Iterator<VerifiedToken> oldest = entries.values().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void removeExpired(Instant now) {
        Instant earliestLeft = null;
        for (Iterator<Map.Entry<String, VerifiedToken>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Instant expiresAt = it.next().getValue().expiresAt();
            if (!now.isBefore(expiresAt)) {
                it.remove();
            } else if (earliestLeft == null || expiresAt.isBefore(earliestLeft)) {
                earliestLeft = expiresAt;
            }
        }
        earliestExpiry = earliestLeft;
    }
}
