package dev.accesslists.scim.streams.query;

import dev.accesslists.scim.schemas.event.MembershipChange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.directory.GroupJob;
import dev.accesslists.scim.schemas.directory.GroupView;
import dev.accesslists.scim.schemas.directory.MemberPage;
import dev.accesslists.scim.schemas.directory.Member;
import dev.accesslists.scim.schemas.directory.ResultPage;
import dev.accesslists.scim.schemas.directory.SortSpec;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.schemas.directory.UserView;
import dev.accesslists.scim.schemas.scim.Filter;
import dev.accesslists.scim.schemas.scim.FilterEvaluator;
import dev.accesslists.scim.schemas.scim.FilterSupport;
import dev.accesslists.scim.streams.directory.StoreNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of directory state through interactive queries, with read-your-writes: a caller passes the
 * command-log position it must see (a partition and offset), and the read waits, with a deadline,
 * until the directory's task has applied that command (the README's consistency point 4, read your writes).
 */
public final class DirectoryQueries {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DirectoryQueries.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final Supplier<KafkaStreams> streams;
    private final Duration maxWait;

    /** @param streams the running instance; a supplier because the HTTP side starts first */
    public DirectoryQueries(Supplier<KafkaStreams> streams, Duration maxWait) {
        this(streams, maxWait, null);
    }

    /** Where reads find a store by name; the running instance's stores unless a test gives its own. */
    public interface StoreLookup {
        ReadOnlyKeyValueStore<String, ?> store(String name);
    }

    private final StoreLookup lookup;

    /** @param lookup the stores to read, or null for the running instance's */
    public DirectoryQueries(Supplier<KafkaStreams> streams, Duration maxWait, StoreLookup lookup) {
        this.streams = streams;
        this.maxWait = maxWait;
        this.lookup = lookup;
    }

    /** Thrown when the state cannot answer in time: not running, rebalancing, or behind the bound. */
    public static final class NotReadyException extends RuntimeException {
        public NotReadyException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Completes once the command at {@code offset} of commands partition {@code partition} has been
     * applied, or fails with {@link NotReadyException} at the deadline. Most reads find it applied
     * already and get a completed future without waiting; the others are checked again every
     * millisecond by one scheduler thread, so no request thread waits. (IQv2 answers
     * {@code NOT_UP_TO_BOUND} at once instead of waiting.)
     */
    public CompletableFuture<Void> applied(String directoryId, int partition, long offset) {
        if (offset < 0) {
            return CompletableFuture.completedFuture(null);
        }
        Position bound = Position.emptyPosition().withComponent(Topics.COMMANDS.name(), partition, offset);
        StateQueryRequest<Long> request = StateQueryRequest.inStore(StoreNames.PROGRESS)
                .withQuery(KeyQuery.<String, Long>withKey(directoryId))
                .withPositionBound(PositionBound.at(bound))
                .withPartitions(Set.of(partition));
        Waiter waiter = new Waiter(request, partition, offset, System.nanoTime() + maxWait.toNanos());
        if (waiter.check()) {
            return CompletableFuture.completedFuture(null);
        }
        if (waiter.future.isDone()) {
            return waiter.future;
        }
        waiters.add(waiter);
        ensureScheduled();
        return waiter.future;
    }

    /** A read waiting for its bound. */
    private final class Waiter {
        final StateQueryRequest<Long> request;
        final int partition;
        final long offset;
        final long deadline;
        final long since = System.nanoTime();
        final CompletableFuture<Void> future = new CompletableFuture<>();
        String last = "not queried";

        Waiter(StateQueryRequest<Long> request, int partition, long offset, long deadline) {
            this.request = request;
            this.partition = partition;
            this.offset = offset;
            this.deadline = deadline;
        }

        /** True when the bound is reached; fails the future when it never will be or time is up. */
        boolean check() {
            KafkaStreams streams = DirectoryQueries.this.streams.get();
            if (streams != null && streams.state() == KafkaStreams.State.RUNNING) {
                QueryResult<Long> result = streams.query(request).getPartitionResults().get(partition);
                if (result != null && result.isSuccess()) {
                    return true;
                }
                if (result != null && result.getFailureReason() == FailureReason.NOT_UP_TO_BOUND
                        && System.nanoTime() - since > MARKER_CHECK_AFTER_NANOS
                        && committedPast(streams, partition, offset)) {
                    // the bound is a transaction marker (the last entry of a transactional write),
                    // which no store position ever names: the task consumed and committed past it
                    return true;
                }
                last = result == null ? "partition " + partition + " is not hosted here"
                        : result.getFailureReason() + ": " + result.getFailureMessage();
                if (result != null && result.getFailureReason() == FailureReason.UNKNOWN_QUERY_TYPE) {
                    fail();
                }
            } else {
                last = "streams state " + (streams == null ? "NOT_STARTED" : streams.state());
            }
            if (System.nanoTime() >= deadline) {
                fail();
            }
            return false;
        }

        private void fail() {
            future.completeExceptionally(new NotReadyException("directory state not up to date within "
                    + maxWait.toMillis() + " ms (" + last + ")"));
        }
    }

    /** A read waits this long for its bound before the marker check below is made. */
    private static final long MARKER_CHECK_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private volatile Map<Integer, Long> committed = Map.of();
    private volatile long committedRead;

    /**
     * Whether an active task here has committed command-log partition {@code partition} past
     * {@code offset}: everything up to it is processed, although no store position names it (an
     * offset held by a transaction marker). Read at most every 10 ms.
     */
    private boolean committedPast(KafkaStreams streams, int partition, long offset) {
        long now = System.nanoTime();
        if (now - committedRead > TimeUnit.MILLISECONDS.toNanos(10)) {
            Map<Integer, Long> offsets = new java.util.HashMap<>();
            for (org.apache.kafka.streams.ThreadMetadata thread : streams.metadataForLocalThreads()) {
                for (org.apache.kafka.streams.TaskMetadata task : thread.activeTasks()) {
                    task.committedOffsets().forEach((tp, committedOffset) -> {
                        if (tp.topic().equals(Topics.COMMANDS.name()) && committedOffset != null) {
                            offsets.merge(tp.partition(), committedOffset, Math::max);
                        }
                    });
                }
            }
            committed = offsets;
            committedRead = now;
        }
        Long position = committed.get(partition);
        return position != null && position > offset;
    }

    private final java.util.Queue<Waiter> waiters = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "query-bound-waiters");
        t.setDaemon(true);
        return t;
    });
    /** Runs the reads whose bound was reached, off the scheduler thread. */
    private final ExecutorService completions = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "query-bound-completion");
        t.setDaemon(true);
        return t;
    });

    private void ensureScheduled() {
        if (scheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::checkWaiters, 1, TimeUnit.MILLISECONDS);
        }
    }

    private void checkWaiters() {
        try {
            for (java.util.Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (waiter.check()) {
                    it.remove();
                    completions.execute(() -> waiter.future.complete(null));
                } else if (waiter.future.isDone()) {
                    it.remove();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("checking read bounds failed", e);
        } finally {
            scheduled.set(false);
            if (!waiters.isEmpty()) {
                ensureScheduled();
            }
        }
    }

    /** Stops the threads that complete waiting reads. */
    public void close() {
        scheduler.shutdownNow();
        completions.shutdownNow();
    }

    public Optional<StoredUser> user(String directoryId, String userId) {
        return Optional.ofNullable(users().get(StoreNames.key(directoryId, userId)));
    }

    /** The user with its groups (when {@code withGroups}): O(groups of the user). */
    public Optional<UserView> userView(String directoryId, String userId, boolean withGroups) {
        return user(directoryId, userId).map(u -> view(directoryId, u, withGroups));
    }

    private UserView view(String directoryId, StoredUser user, boolean withGroups) {
        return new UserView(user, withGroups ? userGroups(directoryId, user.id()) : List.of());
    }

    /**
     * The groups the user is a direct member of, in group id order, from the reverse membership
     * index: O(groups of the user). A membership that a change of the whole group still being
     * carried out removes is no longer one.
     */
    public List<UserView.Group> userGroups(String directoryId, String userId) {
        ReadOnlyKeyValueStore<String, StoredGroup> groups = groups();
        ReadOnlyKeyValueStore<String, Member> members = store(StoreNames.MEMBERS, Member.class);
        ReadOnlyKeyValueStore<String, GroupJob> jobs = store(StoreNames.GROUP_JOBS, GroupJob.class);
        List<UserView.Group> found = new ArrayList<>();
        for (String groupId : indexed(StoreNames.USER_GROUPS, StoreNames.prefix(directoryId, userId))) {
            StoredGroup group = groups.get(StoreNames.key(directoryId, groupId));
            Member member = members.get(StoreNames.key(directoryId, groupId, userId));
            if (group == null || member == null) {
                continue;
            }
            GroupJob job = jobs.get(StoreNames.key(directoryId, groupId));
            if (job != null && !job.keep() && member.epoch() < job.epoch()) {
                continue;
            }
            found.add(new UserView.Group(groupId, group.displayName()));
        }
        return found;
    }

    /** The ids of a group's members, as {@link #memberViews} counts them: O(group). */
    private List<String> memberIds(String directoryId, String groupId) {
        GroupJob job = store(StoreNames.GROUP_JOBS, GroupJob.class).get(StoreNames.key(directoryId, groupId));
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, Member> it = store(StoreNames.MEMBERS, Member.class)
                .prefixScan(StoreNames.prefix(directoryId, groupId), KEYS)) {
            it.forEachRemaining(kv -> {
                if (job == null || job.keep() || kv.value.epoch() >= job.epoch()) {
                    ids.add(kv.value.userId());
                }
            });
        }
        return ids;
    }

    /** Filter terms answered from an index, for users, in order of preference. */
    private static final List<String> USER_INDEXES = List.of("userName", "externalId", "groups.value",
            "groups.display");
    /** Filter terms answered from an index, for groups, in order of preference. */
    private static final List<String> GROUP_INDEXES = List.of("displayName", "members.value");

    /**
     * Where the previous page of an unfiltered list ended: {@code dir, kind, startIndex} → the key
     * of the last entry before that index. Sequential pages continue from it instead of skipping
     * every entry before them. When entries were created or deleted in between, the page starts
     * after the last entry the client saw, which is what a client walking the list wants.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, String> cursors =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                    .expireAfterAccess(Duration.ofMinutes(10)).build();

    /**
     * A filtered page of users in id order. Unfiltered, the total is the writer's count and a page
     * costs O(page) when it follows the previous one; {@code userName eq} and
     * {@code externalId eq} (alone or in an {@code and}) use their indexes; other filters scan.
     */
    public ResultPage<StoredUser> users(String directoryId, Filter filter, int startIndex, int count) {
        return users(directoryId, filter, startIndex, count, null);
    }

    /**
     * A filtered page of users in id order, or sorted by {@code sort}; the filter applies first.
     * Unfiltered, the total is the writer's count and a page costs O(page) when it follows the
     * previous one; {@code userName eq}, {@code externalId eq}, {@code groups.value eq} /
     * {@code groups[value eq]} and {@code groups.display eq} (alone or in an {@code and}) use
     * indexes; other filters scan. Sorted by userName, a page walks the userName index from its
     * start (or where the previous page ended); sorted by another attribute, the matches are
     * collected and sorted in memory.
     */
    public ResultPage<StoredUser> users(String directoryId, Filter filter, int startIndex, int count, SortSpec sort) {
        boolean indexed = indexed(directoryId);
        boolean byUserName = sort != null && sort.attribute().equals(SortSpec.USER_NAME);
        if (filter == null && indexed && (sort == null || byUserName)) {
            if (sort == null) {
                return unfilteredPage(users(), directoryId, "users", startIndex, count, Function.identity());
            }
            return unfilteredPage(userNameOrder(directoryId, sort.descending()), directoryId,
                    "users-by-userName-" + sort.descending(), "users", startIndex, count,
                    id -> user(directoryId, id).orElse(null));
        }
        boolean withGroups = filter != null && names(filter, "groups");
        java.util.function.Predicate<StoredUser> test = u -> filter == null
                || matches(filter, withGroups ? scimView(u, userGroups(directoryId, u.id())) : scimView(u));
        Optional<FilterSupport.Equality> term = filter == null ? Optional.empty()
                : FilterSupport.indexable(filter, USER_INDEXES)
                        .filter(t -> indexed || t.attribute().equals("userName") || t.attribute().equals("groups.value"));
        if (term.isPresent()) {
            List<String> ids = new ArrayList<>();
            String value = term.get().value();
            switch (term.get().attribute()) {
                case "userName" -> Optional.ofNullable(store(StoreNames.USER_NAMES, String.class)
                        .get(StoreNames.key(directoryId, value.toLowerCase(Locale.ROOT)))).ifPresent(ids::add);
                case "externalId" -> ids.addAll(indexed(StoreNames.USER_EXTERNAL_IDS,
                        StoreNames.prefix(directoryId, value)));
                case "groups.value" -> ids.addAll(memberIds(directoryId, value));
                default -> indexed(StoreNames.GROUP_NAMES, StoreNames.prefix(directoryId, StoreNames.foldName(value)))
                        .forEach(groupId -> ids.addAll(memberIds(directoryId, groupId)));
            }
            List<StoredUser> found = ids.stream().sorted().distinct()
                    .map(id -> user(directoryId, id)).flatMap(Optional::stream)
                    .filter(test).toList();
            return sort == null ? page(found, startIndex, count) : sortedPage(found, u -> Ordering.key(u, sort),
                    sort, startIndex, count, Function.identity());
        }
        if (byUserName) {
            return walk(userNameOrder(directoryId, sort.descending()), id -> user(directoryId, id).orElse(null), test,
                    Function.identity(), startIndex, count);
        }
        if (sort != null) {
            return sortedScan(users(), directoryId, test, u -> Ordering.key(u, sort), sort,
                    id -> user(directoryId, id).orElse(null), Function.identity(), startIndex, count);
        }
        return scan(users(), directoryId, test, Function.identity(), startIndex, count);
    }

    /** Users as a page of views, with their groups when {@code withGroups}: O(groups of each user on the page). */
    public ResultPage<UserView> userViews(String directoryId, Filter filter, int startIndex, int count, SortSpec sort,
                                          boolean withGroups) {
        ResultPage<StoredUser> page = users(directoryId, filter, startIndex, count, sort);
        return new ResultPage<>(page.totalResults(),
                page.resources().stream().map(u -> view(directoryId, u, withGroups)).toList());
    }

    /** Where an index walk starts: after the given key, or at the first entry when it is null. */
    private interface IndexWalk extends Function<String, KeyValueIterator<String, String>> {
    }

    /**
     * The userName index ({@code dir/lower(userName)} → id), from the start or the end: folded
     * userName order, which is SCIM's order for a case-insensitive string. The walk may start
     * at the entry it is given, which the caller skips.
     */
    private IndexWalk userNameOrder(String directoryId, boolean descending) {
        ReadOnlyKeyValueStore<String, String> names = store(StoreNames.USER_NAMES, String.class);
        String prefix = StoreNames.prefix(directoryId);
        String end = directoryId + "0";
        return after -> descending ? names.reverseRange(prefix, after == null ? end : after)
                : names.range(after == null ? prefix : after, end);
    }

    /** The displayName index in displayName order ({@link Ordering.NameOrder}); always from the start. */
    private IndexWalk displayNameOrder(String directoryId, boolean descending) {
        ReadOnlyKeyValueStore<String, String> names = store(StoreNames.GROUP_NAMES, String.class);
        String prefix = StoreNames.prefix(directoryId);
        String end = directoryId + "0";
        return after -> new Ordering.NameOrder(descending ? names.reverseRange(prefix, end)
                : names.range(prefix, end), directoryId, descending);
    }

    public Optional<GroupView> group(String directoryId, String groupId, boolean withMembers) {
        return Optional.ofNullable(groups().get(StoreNames.key(directoryId, groupId)))
                .map(g -> view(directoryId, g, withMembers));
    }

    /**
     * A filtered page of groups in id order: {@code displayName eq} and {@code members[value eq]}
     * (alone or in an {@code and}) use indexes, the unfiltered total is the writer's count, other
     * filters scan.
     */
    public ResultPage<GroupView> groups(String directoryId, Filter filter, int startIndex, int count,
                                        boolean withMembers) {
        return groups(directoryId, filter, startIndex, count, withMembers, null);
    }

    /**
     * As {@link #groups(String, Filter, int, int, boolean)}, sorted by {@code sort} (null: id
     * order) after filtering. Sorted by displayName, a page walks the displayName index from its
     * start: O(startIndex + count) unfiltered; sorted by another attribute, the matches are
     * collected and sorted in memory.
     */
    public ResultPage<GroupView> groups(String directoryId, Filter filter, int startIndex, int count,
                                        boolean withMembers, SortSpec sort) {
        boolean indexed = indexed(directoryId);
        boolean byName = sort != null && sort.attribute().equals(SortSpec.DISPLAY_NAME) && indexed;
        if (filter == null && indexed && sort == null) {
            return unfilteredPage(groups(), directoryId, "groups", startIndex, count,
                    g -> view(directoryId, g, withMembers));
        }
        if (filter == null && byName) {
            return unfilteredPage(displayNameOrder(directoryId, sort.descending()), directoryId, null, "groups",
                    startIndex, count, id -> {
                        StoredGroup g = groups().get(StoreNames.key(directoryId, id));
                        return g == null ? null : view(directoryId, g, withMembers);
                    });
        }
        boolean filterOnMembers = filter != null && names(filter, "members");
        // a filter that only compares member values needs those members only: O(1) per group
        Optional<java.util.Set<String>> named = filterOnMembers ? FilterSupport.memberValues(filter) : Optional.empty();
        java.util.function.Predicate<StoredGroup> test = g -> filter == null || matches(filter, filterOnMembers
                ? withMembers(scimView(g), new GroupView(g, memberViews(directoryId, g, named.orElse(null))))
                : scimView(g));
        Optional<FilterSupport.Equality> term = filter == null ? Optional.empty()
                : FilterSupport.indexable(filter, GROUP_INDEXES)
                        .filter(t -> indexed || t.attribute().equals("members.value"));
        if (term.isPresent()) {
            String value = term.get().value();
            List<String> ids = term.get().attribute().equals("displayName")
                    ? indexed(StoreNames.GROUP_NAMES, StoreNames.prefix(directoryId, StoreNames.foldName(value)))
                    : indexed(StoreNames.USER_GROUPS, StoreNames.prefix(directoryId, value));
            List<StoredGroup> found = ids.stream().sorted().distinct()
                    .map(id -> groups().get(StoreNames.key(directoryId, id))).filter(java.util.Objects::nonNull)
                    .filter(test).toList();
            if (sort != null) {
                return sortedPage(found, g -> Ordering.key(g, sort), sort, startIndex, count,
                        g -> view(directoryId, g, withMembers));
            }
            ResultPage<StoredGroup> page = page(found, startIndex, count);
            return new ResultPage<>(page.totalResults(),
                    page.resources().stream().map(g -> view(directoryId, g, withMembers)).toList());
        }
        Function<String, StoredGroup> byId = id -> groups().get(StoreNames.key(directoryId, id));
        if (byName) {
            return walk(displayNameOrder(directoryId, sort.descending()), byId, test,
                    g -> view(directoryId, g, withMembers), startIndex, count);
        }
        if (sort != null) {
            return sortedScan(groups(), directoryId, test, g -> Ordering.key(g, sort), sort, byId,
                    g -> view(directoryId, g, withMembers), startIndex, count);
        }
        return scan(groups(), directoryId, test, g -> view(directoryId, g, withMembers), startIndex, count);
    }

    /** Whether the writer keeps counts and indexes for this directory (see {@link StoreNames#COUNTS}). */
    private boolean indexed(String directoryId) {
        return store(StoreNames.COUNTS, Long.class).get(StoreNames.countKey(directoryId, "indexed")) != null;
    }

    /** The values of an index's entries under a prefix: the ids it points to. */
    private List<String> indexed(String store, String prefix) {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store(store, String.class).prefixScan(prefix, KEYS)) {
            it.forEachRemaining(kv -> ids.add(kv.value));
        }
        return ids;
    }

    /** A page of a whole directory's users or groups, in id order; O(page) after the previous page. */
    private <S, T> ResultPage<T> unfilteredPage(ReadOnlyKeyValueStore<String, S> store, String directoryId,
                                                String kind, int startIndex, int count, Function<S, T> map) {
        Long total = store(StoreNames.COUNTS, Long.class).get(StoreNames.countKey(directoryId, kind));
        int start = Math.max(startIndex, 1);
        List<T> page = new ArrayList<>();
        if (count <= 0) {
            return new ResultPage<>(total == null ? 0 : total.intValue(), page);
        }
        String cursorKey = directoryId + "\u0000" + kind + "\u0000" + start;
        String after = cursors.getIfPresent(cursorKey);
        String last = null;
        // the key just above every key of the directory: '/' + 1
        String end = directoryId + "0";
        try (KeyValueIterator<String, S> it = after != null ? store.range(after + "\u0000", end)
                : store.prefixScan(StoreNames.prefix(directoryId), KEYS)) {
            int skip = after != null ? 0 : start - 1;
            while (it.hasNext() && page.size() < count) {
                var entry = it.next();
                if (!entry.key.startsWith(StoreNames.prefix(directoryId))) {
                    break;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                page.add(map.apply(entry.value));
                last = entry.key;
            }
        }
        if (last != null && page.size() == count) {
            cursors.put(directoryId + "\u0000" + kind + "\u0000" + (start + count), last);
        }
        return new ResultPage<>(total == null ? 0 : total.intValue(), page);
    }

    /**
     * A page of a whole directory in the order of an index walk: the total is the writer's count,
     * and a page that follows the previous one continues where it ended when {@code cursorKind}
     * is given (the walk can start after a key); otherwise the entries before the page are skipped.
     *
     * @param load the resource an index entry's value (an id) names, or null when it is gone
     */
    private <T> ResultPage<T> unfilteredPage(IndexWalk index, String directoryId, String cursorKind, String countKind,
                                             int startIndex, int count, Function<String, T> load) {
        Long total = store(StoreNames.COUNTS, Long.class).get(StoreNames.countKey(directoryId, countKind));
        int start = Math.max(startIndex, 1);
        List<T> page = new ArrayList<>();
        if (count <= 0) {
            return new ResultPage<>(total == null ? 0 : total.intValue(), page);
        }
        String after = cursorKind == null ? null
                : cursors.getIfPresent(directoryId + "\u0000" + cursorKind + "\u0000" + start);
        String last = null;
        String prefix = StoreNames.prefix(directoryId);
        try (KeyValueIterator<String, String> it = index.apply(after)) {
            int skip = after != null ? 0 : start - 1;
            while (it.hasNext() && page.size() < count) {
                var entry = it.next();
                if (!entry.key.startsWith(prefix) || entry.key.equals(after)) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                T resource = load.apply(entry.value);
                if (resource != null) {
                    page.add(resource);
                    last = entry.key;
                }
            }
        }
        if (cursorKind != null && last != null && page.size() == count) {
            cursors.put(directoryId + "\u0000" + cursorKind + "\u0000" + (start + count), last);
        }
        return new ResultPage<>(total == null ? 0 : total.intValue(), page);
    }

    /**
     * A filtered page in the order of an index walk: every entry is read to count the matches
     * (as a scan does), the page is kept, nothing else is held.
     */
    private static <S, T> ResultPage<T> walk(IndexWalk index, Function<String, S> load,
                                             java.util.function.Predicate<S> filter, Function<S, T> map,
                                             int startIndex, int count) {
        int skip = Math.max(startIndex, 1) - 1;
        int total = 0;
        List<T> page = new ArrayList<>();
        try (KeyValueIterator<String, String> it = index.apply(null)) {
            while (it.hasNext()) {
                S value = load.apply(it.next().value);
                if (value == null || !filter.test(value)) {
                    continue;
                }
                if (total >= skip && page.size() < count) {
                    page.add(map.apply(value));
                }
                total++;
            }
        }
        return new ResultPage<>(total, page);
    }

    /** A page of resources already in memory, sorted. */
    private static <S, T> ResultPage<T> sortedPage(List<S> found, Function<S, Ordering.Keyed> key, SortSpec sort,
                                                   int startIndex, int count, Function<S, T> map) {
        java.util.Comparator<Ordering.Keyed> order = Ordering.comparator(sort);
        List<S> sorted = new ArrayList<>(found);
        sorted.sort((a, b) -> order.compare(key.apply(a), key.apply(b)));
        ResultPage<S> page = page(sorted, startIndex, count);
        return new ResultPage<>(page.totalResults(), page.resources().stream().map(map).toList());
    }

    /**
     * One pass over the directory that keeps the sort value and id of every match, then sorts
     * them in memory and reads the page's resources again: for attributes without an index,
     * O(matches) memory of small entries.
     */
    private static <S, T> ResultPage<T> sortedScan(ReadOnlyKeyValueStore<String, S> store, String directoryId,
                                                   java.util.function.Predicate<S> filter,
                                                   Function<S, Ordering.Keyed> key, SortSpec sort,
                                                   Function<String, S> load, Function<S, T> map,
                                                   int startIndex, int count) {
        List<Ordering.Keyed> matches = new ArrayList<>();
        try (KeyValueIterator<String, S> it = store.prefixScan(StoreNames.prefix(directoryId), KEYS)) {
            while (it.hasNext()) {
                S value = it.next().value;
                if (filter.test(value)) {
                    matches.add(key.apply(value));
                }
            }
        }
        matches.sort(Ordering.comparator(sort));
        ResultPage<Ordering.Keyed> page = page(matches, startIndex, count);
        return new ResultPage<>(page.totalResults(), page.resources().stream()
                .map(k -> load.apply(k.id())).filter(java.util.Objects::nonNull).map(map).toList());
    }

    /** Whether the filter refers to the attribute {@code attribute} anywhere. */
    private static boolean names(Filter filter, String attribute) {
        if (filter instanceof Filter.Compare c) {
            return c.path().attribute().equalsIgnoreCase(attribute);
        } else if (filter instanceof Filter.Present p) {
            return p.path().attribute().equalsIgnoreCase(attribute);
        } else if (filter instanceof Filter.ValuePath v) {
            return v.path().attribute().equalsIgnoreCase(attribute);
        } else if (filter instanceof Filter.And a) {
            return names(a.left(), attribute) || names(a.right(), attribute);
        } else if (filter instanceof Filter.Or o) {
            return names(o.left(), attribute) || names(o.right(), attribute);
        } else if (filter instanceof Filter.Not n) {
            return names(n.filter(), attribute);
        }
        return false;
    }

    /** Members as a filter sees them; only built when the filter names members (O(group)). */
    private static ObjectNode withMembers(ObjectNode node, GroupView view) {
        var members = node.putArray("members");
        view.members().forEach(m -> members.addObject().put("value", m.userId()).put("display", m.display())
                .put("type", "User"));
        return node;
    }

    private GroupView view(String directoryId, StoredGroup group, boolean withMembers) {
        return new GroupView(group, withMembers ? memberViews(directoryId, group, null) : null);
    }

    /**
     * The group's members as clients see them, all of them or those of {@code only}: a member
     * that a change of the whole group still being carried out removes is no longer one.
     */
    private List<GroupView.MemberView> memberViews(String directoryId, StoredGroup group, java.util.Set<String> only) {
        GroupJob job = store(StoreNames.GROUP_JOBS, GroupJob.class).get(StoreNames.key(directoryId, group.id()));
        ReadOnlyKeyValueStore<String, StoredUser> users = users();
        ReadOnlyKeyValueStore<String, Member> members = store(StoreNames.MEMBERS, Member.class);
        List<GroupView.MemberView> views = new ArrayList<>();
        java.util.function.Consumer<Member> add = member -> {
            if (job != null && !job.keep() && member.epoch() < job.epoch()) {
                return;
            }
            StoredUser user = users.get(StoreNames.key(directoryId, member.userId()));
            views.add(new GroupView.MemberView(member.userId(), user == null ? null : user.display(),
                    member.suspended()));
        };
        if (only != null) {
            for (String id : only) {
                Member member = members.get(StoreNames.key(directoryId, group.id(), id));
                if (member != null) {
                    add.accept(member);
                }
            }
            return views;
        }
        try (KeyValueIterator<String, Member> it = members.prefixScan(StoreNames.prefix(directoryId, group.id()), KEYS)) {
            it.forEachRemaining(kv -> add.accept(kv.value));
        }
        return views;
    }

    /**
     * Up to {@code limit} members of a group after member {@code after} (from the first when null),
     * in id order, with the id to continue after; null when there are no more. A group's members
     * are read this way in bounded pieces, whatever its size.
     */
    public Optional<MemberPage> members(String directoryId, String groupId, String after, int limit) {
        StoredGroup group = groups().get(StoreNames.key(directoryId, groupId));
        if (group == null) {
            return Optional.empty();
        }
        GroupJob job = store(StoreNames.GROUP_JOBS, GroupJob.class).get(StoreNames.key(directoryId, groupId));
        ReadOnlyKeyValueStore<String, StoredUser> users = users();
        String prefix = StoreNames.prefix(directoryId, groupId);
        List<GroupView.MemberView> views = new ArrayList<>();
        String last = null;
        boolean more = false;
        try (KeyValueIterator<String, Member> it = after == null
                ? store(StoreNames.MEMBERS, Member.class).prefixScan(prefix, KEYS)
                : store(StoreNames.MEMBERS, Member.class).range(prefix + after + "\u0000",
                        prefix.substring(0, prefix.length() - 1) + "0")) {
            while (it.hasNext()) {
                var kv = it.next();
                if (views.size() == limit) {
                    more = true;
                    break;
                }
                last = kv.value.userId();
                if (job != null && !job.keep() && kv.value.epoch() < job.epoch()) {
                    continue;
                }
                StoredUser user = users.get(StoreNames.key(directoryId, kv.value.userId()));
                views.add(new GroupView.MemberView(kv.value.userId(), user == null ? null : user.display(),
                        kv.value.suspended()));
            }
        }
        return Optional.of(new MemberPage(views, more ? last : null));
    }

    /** One pass over the directory's entries: counts every match, keeps the requested page. */
    private static <S, T> ResultPage<T> scan(ReadOnlyKeyValueStore<String, S> store, String directoryId,
                                             java.util.function.Predicate<S> filter, Function<S, T> map,
                                             int startIndex, int count) {
        int skip = Math.max(startIndex, 1) - 1;
        int total = 0;
        List<T> page = new ArrayList<>();
        try (KeyValueIterator<String, S> it = store.prefixScan(StoreNames.prefix(directoryId), KEYS)) {
            while (it.hasNext()) {
                S value = it.next().value;
                if (!filter.test(value)) {
                    continue;
                }
                if (total >= skip && page.size() < count) {
                    page.add(map.apply(value));
                }
                total++;
            }
        }
        return new ResultPage<>(total, page);
    }

    private static <T> ResultPage<T> page(List<T> all, int startIndex, int count) {
        int from = Math.min(Math.max(startIndex, 1) - 1, all.size());
        int to = Math.min(from + Math.max(count, 0), all.size());
        return new ResultPage<>(all.size(), all.subList(from, to));
    }

    private static boolean matches(Filter filter, ObjectNode resource) {
        return FilterEvaluator.matches(filter, resource);
    }

    /** The attributes a filter can see: the stored ones plus id and meta. */
    static ObjectNode scimView(StoredUser user) {
        ObjectNode node = user.attributes().deepCopy();
        node.put("id", user.id());
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", user.created().toString());
        meta.put("lastModified", user.lastModified().toString());
        return node;
    }

    /** The user as a filter sees it with its groups: only built when the filter names groups. */
    static ObjectNode scimView(StoredUser user, List<UserView.Group> groups) {
        ObjectNode node = scimView(user);
        if (!groups.isEmpty()) {
            var array = node.putArray("groups");
            groups.forEach(g -> array.addObject().put("value", g.value()).put("display", g.display())
                    .put("type", "direct"));
        }
        return node;
    }

    static ObjectNode scimView(StoredGroup group) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", group.id());
        node.put("displayName", group.displayName());
        if (group.externalId() != null) {
            node.put("externalId", group.externalId());
        }
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", group.created().toString());
        meta.put("lastModified", group.lastModified().toString());
        return node;
    }

    /** The directory's latest membership changes, newest first, at most {@code limit}. */
    public List<MembershipChange> recentChanges(String directoryId, int limit) {
        List<MembershipChange> changes = new ArrayList<>();
        String prefix = StoreNames.prefix(directoryId);
        try (KeyValueIterator<String, MembershipChange> it = store(StoreNames.RECENT_CHANGES, MembershipChange.class)
                .reverseRange(prefix, prefix + "~")) {
            while (it.hasNext() && changes.size() < limit) {
                changes.add(it.next().value);
            }
        }
        return changes;
    }

    /** A list a user is in, through one of the directory's groups. */
    public record UserList(String title, String accessList, String groupId, String group, boolean suspended) {
    }

    /** A user with the lists they are in. */
    public record UserWithLists(String id, String userName, boolean active, List<UserList> lists) {
    }

    /**
     * A page of users, as {@link #users}, each with the Access Lists they are in (through the
     * reverse membership index: O(groups of the user) per user).
     */
    public ResultPage<UserWithLists> usersWithLists(String directoryId, Filter filter, int startIndex, int count) {
        ResultPage<StoredUser> page = users(directoryId, filter, startIndex, count);
        ReadOnlyKeyValueStore<String, StoredGroup> groups = groups();
        ReadOnlyKeyValueStore<String, Member> members = store(StoreNames.MEMBERS, Member.class);
        ReadOnlyKeyValueStore<String, dev.accesslists.scim.schemas.accesslist.AccessList> lists =
                store(StoreNames.ACCESS_LISTS, dev.accesslists.scim.schemas.accesslist.AccessList.class);
        List<UserWithLists> users = new ArrayList<>();
        for (StoredUser user : page.resources()) {
            List<UserList> in = new ArrayList<>();
            for (String groupId : indexed(StoreNames.USER_GROUPS, StoreNames.prefix(directoryId, user.id()))) {
                StoredGroup group = groups.get(StoreNames.key(directoryId, groupId));
                Member member = members.get(StoreNames.key(directoryId, groupId, user.id()));
                if (group == null || member == null) {
                    continue;
                }
                var list = group.accessListName() == null ? null : lists.get(group.accessListName());
                in.add(new UserList(list == null ? group.displayName() : list.spec().title(), group.accessListName(),
                        group.id(), group.displayName(), member.suspended()));
            }
            users.add(new UserWithLists(user.id(), user.userName(), user.active(), in));
        }
        return new ResultPage<>(page.totalResults(), users);
    }

    /** The directory's group linked to the Access List named {@code accessListName}, if any. */
    public Optional<StoredGroup> linkedGroup(String directoryId, String accessListName) {
        String groupId = store(StoreNames.GROUP_LISTS, String.class).get(StoreNames.key(directoryId, accessListName));
        return groupId == null ? Optional.empty() : Optional.ofNullable(groups().get(StoreNames.key(directoryId, groupId)));
    }

    private ReadOnlyKeyValueStore<String, StoredUser> users() {
        return store(StoreNames.USERS, StoredUser.class);
    }

    private ReadOnlyKeyValueStore<String, StoredGroup> groups() {
        return store(StoreNames.GROUPS, StoredGroup.class);
    }

    @SuppressWarnings("unchecked")
    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type) {
        if (lookup != null) {
            return (ReadOnlyKeyValueStore<String, V>) lookup.store(name);
        }
        try {
            KafkaStreams streams = this.streams.get();
            if (streams == null) {
                throw new NotReadyException("streams not started");
            }
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            throw new NotReadyException("store " + name + " is not queryable now: " + e.getMessage());
        }
    }
}
