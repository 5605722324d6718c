package dev.accesslists.scim.launcher.drill;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mixed SCIM load for one integration, as an IdP's provisioning produces it: users are created,
 * added to the integration's group, renamed, deactivated and re-activated, removed from the group
 * or deleted. Every write is repeated until it gets a definite answer, and the state each user
 * must end in is kept from the answers, to be checked afterwards.
 */
final class Workload implements Runnable {
    /** What a user must look like once the load is over. */
    record Expected(String id, String userName, boolean exists, boolean active, boolean member) {
    }

    private final ScimCalls scim;
    private final String groupId;
    private final String prefix;
    private final SplittableRandom random;
    private final AtomicLong acknowledged;
    private final List<String> problems;
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private int sequence;

    Workload(ScimCalls scim, String groupId, String prefix, long seed, AtomicLong acknowledged, List<String> problems) {
        this.scim = scim;
        this.groupId = groupId;
        this.prefix = prefix;
        this.random = new SplittableRandom(seed);
        this.acknowledged = acknowledged;
        this.problems = problems;
    }

    void stop() {
        stopping = true;
    }

    Map<String, Expected> expected() {
        return expected;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                oneUser();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            problems.add(prefix + ": " + e.getMessage());
        }
    }

    private void oneUser() throws InterruptedException {
        String userName = prefix + "-" + (++sequence) + "@example.com";
        ScimCalls.Answer created = write("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"" + userName + "\",\"externalId\":\"" + prefix + "-" + sequence + "\",\"active\":true}",
                201);
        if (created == null) {
            return;
        }
        String id = created.body().get("id").asText();
        Expected state = new Expected(id, userName, true, true, false);
        expected.put(id, state);
        if (write("PATCH", "/Groups/" + groupId, "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{"
                + "\"value\":\"" + id + "\"}]}]}", 204) != null) {
            state = new Expected(id, userName, true, true, true);
            expected.put(id, state);
        }
        if (random.nextInt(10) < 4) {
            String renamed = "renamed-" + userName;
            if (write("PATCH", "/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\""
                    + renamed + "\"}]}", 200) != null) {
                state = new Expected(id, renamed, true, state.active(), state.member());
                expected.put(id, state);
            }
        }
        if (random.nextInt(10) < 5) {
            if (active(id, false)) {
                state = new Expected(id, state.userName(), true, false, state.member());
                expected.put(id, state);
            }
            if (random.nextBoolean() && active(id, true)) {
                state = new Expected(id, state.userName(), true, true, state.member());
                expected.put(id, state);
            }
        }
        int last = random.nextInt(10);
        if (last < 3) {
            if (write("PATCH", "/Groups/" + groupId, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\""
                    + id + "\\\"]\"}]}", 204) != null) {
                expected.put(id, new Expected(id, state.userName(), true, state.active(), false));
            }
        } else if (last < 6) {
            if (write("DELETE", "/Users/" + id, null, 204) != null) {
                expected.put(id, new Expected(id, state.userName(), false, false, false));
            }
        }
    }

    private boolean active(String id, boolean active) throws InterruptedException {
        return write("PATCH", "/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":" + active
                + "}}]}", 200) != null;
    }

    /** The answer when it is the one expected; otherwise the problem is recorded and null returned. */
    private ScimCalls.Answer write(String method, String path, String body, int expectedStatus)
            throws InterruptedException {
        ScimCalls.Answer answer = scim.send(method, path, body);
        if (answer.status() != expectedStatus) {
            problems.add(method + " " + path + " answered " + answer.status() + " (expected " + expectedStatus + "): "
                    + answer.body().path("detail").asText(""));
            return null;
        }
        acknowledged.incrementAndGet();
        return answer;
    }

    /** Compares what the service holds with what the answers said; returns one line per difference. */
    List<String> verify() throws InterruptedException {
        List<String> lost = new ArrayList<>();
        Set<String> members = new HashSet<>();
        ScimCalls.Answer group = scim.send("GET", "/Groups/" + groupId, null);
        for (JsonNode member : group.body().path("members")) {
            members.add(member.path("value").asText());
        }
        for (Expected user : expected.values()) {
            ScimCalls.Answer read = scim.send("GET", "/Users/" + user.id(), null);
            if (user.exists() != (read.status() == 200)) {
                lost.add(user.id() + ": exists " + (read.status() == 200) + ", expected " + user.exists());
                continue;
            }
            if (user.exists() && (!user.userName().equals(read.body().path("userName").asText())
                    || user.active() != read.body().path("active").asBoolean())) {
                lost.add(user.id() + ": " + read.body().path("userName").asText() + " active "
                        + read.body().path("active").asBoolean() + ", expected " + user);
            }
            if (user.member() != members.contains(user.id())) {
                lost.add(user.id() + ": member " + members.contains(user.id()) + ", expected " + user.member());
            }
        }
        return lost;
    }
}
