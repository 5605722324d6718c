package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.directory.RecentRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Safe retries. An IdP whose write timed out (a 503, a dropped connection) sends the same request
 * again; applying it again could answer with a conflict the first attempt caused (409 for the user
 * it created) or act twice. So the writer remembers each successful write of the last
 * {@link #WINDOW} by the request's fingerprint (method, path and body, computed by ingest), and
 * answers a repetition with the first attempt's outcome, without changing anything, as long as
 * the resource it wrote is still exactly as that attempt left it (same version, or still gone
 * after a delete). A repetition after the resource changed, or after the window, is applied as a
 * new request.
 *
 * <p>Everything here is a function of the command log: the window is measured in command time, and
 * expired entries are removed a few at a time as commands of the directory arrive, so a replay
 * remembers and forgets exactly the same.
 */
final class RecentRequests {
    /** How long a write is remembered, in command time. */
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** Expired entries removed per command, so the cleanup never makes one command expensive. */
    private static final int EXPIRE_PER_COMMAND = 8;

    private final String dir;
    private final StagedStore<RecentRequest> recent;
    private final StagedStore<String> expiry;
    private final DirectoryState state;

    RecentRequests(String dir, DirectoryState.Stores stores, DirectoryState state) {
        this.dir = dir;
        this.recent = stores.recentRequests();
        this.expiry = stores.recentRequestExpiry();
        this.state = state;
    }

    /** The first attempt's outcome, re-addressed to this request, when this command repeats it. */
    Optional<Outcome> repetition(CommandEnvelope envelope, Instant now) {
        if (envelope.fingerprint() == null) {
            return Optional.empty();
        }
        RecentRequest first = recent.get(StoreNames.key(dir, envelope.fingerprint()));
        if (first == null || now.toEpochMilli() - first.at() > WINDOW.toMillis()
                || version(first.resourceType(), first.resourceId()) != first.version()) {
            return Optional.empty();
        }
        Outcome outcome = first.outcome();
        return Optional.of(new Outcome(envelope.requestId(), outcome.status(), outcome.resource(), outcome.scimType(),
                outcome.detail()));
    }

    /** Remembers a successful write. */
    void remember(CommandEnvelope envelope, Outcome outcome, Instant now) {
        if (envelope.fingerprint() == null || !outcome.succeeded()) {
            return;
        }
        Target target = target(envelope.command());
        if (target == null) {
            return;
        }
        recent.put(StoreNames.key(dir, envelope.fingerprint()), new RecentRequest(now.toEpochMilli(), outcome,
                target.type(), target.id(), version(target.type(), target.id())));
        expiry.put(expiryKey(now.toEpochMilli(), envelope.fingerprint()), envelope.fingerprint());
    }

    /** Forgets a few entries older than the window. */
    void expire(Instant now) {
        long cutoff = now.toEpochMilli() - WINDOW.toMillis();
        List<String> expired = new ArrayList<>();
        expiry.scan(StoreNames.prefix(dir), (key, fingerprint) -> {
            long at = Long.parseLong(key.substring(dir.length() + 1, key.indexOf('/', dir.length() + 1)));
            if (at >= cutoff || expired.size() >= EXPIRE_PER_COMMAND) {
                return false;
            }
            expired.add(key);
            return true;
        });
        for (String key : expired) {
            String fingerprint = key.substring(key.lastIndexOf('/') + 1);
            long at = Long.parseLong(key.substring(dir.length() + 1, key.lastIndexOf('/')));
            expiry.delete(key);
            RecentRequest entry = recent.get(StoreNames.key(dir, fingerprint));
            // a later repetition of the same request may have replaced the entry; it expires by its own key
            if (entry != null && entry.at() == at) {
                recent.delete(StoreNames.key(dir, fingerprint));
            }
        }
    }

    private String expiryKey(long at, String fingerprint) {
        return StoreNames.key(dir, String.format("%013d", at), fingerprint);
    }

    private long version(String type, String id) {
        return state.version(type, id).orElse(-1L);
    }

    /** The resource a command writes: {@code User} or {@code Group}, and its id. */
    record Target(String type, String id) {
    }

    /** The resource a SCIM write targets, or null for any other command. */
    static Target target(Command command) {
        if (command instanceof Command.CreateUser c) {
            return new Target("User", c.userId());
        } else if (command instanceof Command.ReplaceUser c) {
            return new Target("User", c.userId());
        } else if (command instanceof Command.PatchUser c) {
            return new Target("User", c.userId());
        } else if (command instanceof Command.DeleteUser c) {
            return new Target("User", c.userId());
        } else if (command instanceof Command.CreateGroup c) {
            return new Target("Group", c.groupId());
        } else if (command instanceof Command.ReplaceGroup c) {
            return new Target("Group", c.groupId());
        } else if (command instanceof Command.PatchGroup c) {
            return new Target("Group", c.groupId());
        } else if (command instanceof Command.DeleteGroup c) {
            return new Target("Group", c.groupId());
        }
        return null;
    }
}
