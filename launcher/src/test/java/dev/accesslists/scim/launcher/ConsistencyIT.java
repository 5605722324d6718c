package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Consistency points 1 (one writer) and 4 (read your writes) of the README, over HTTP on the real stack. */
class ConsistencyIT {
    private static ScimClient idp;

    @BeforeAll
    static void startStack() {
        idp = TestStack.get().newDirectoryClient("consistency");
    }

    @Test
    void shouldAcceptExactlyOneOfTwentyConcurrentCreatesOfTheSameUserName() throws Exception {
        // Given 20 clients racing to create the same userName (in different letter case; the bodies
        // differ, or the writer would take them for repetitions of one request)
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<ScimClient.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String userName = i % 2 == 0 ? "racer@example.com" : "Racer@Example.com";
                String externalId = "racer-" + i;
                calls.add(CompletableFuture.supplyAsync(() -> idp.post("/Users",
                        "{\"userName\":\"" + userName + "\",\"externalId\":\"" + externalId + "\",\"active\":true}"),
                        pool));
            }
            // When they all answer
            List<ScimClient.Response> responses = calls.stream().map(CompletableFuture::join).toList();

            // Then exactly one was created and every other got 409 uniqueness
            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(19)
                    .allSatisfy(r -> assertThat(r.body().get("scimType").asText()).isEqualTo("uniqueness"));
            ScimClient.Response found = idp.get("/Users?filter=" + ScimClient.form("userName eq \"RACER@example.com\""));
            assertThat(found.body().get("totalResults").asInt()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldReadEveryAcknowledgedWriteImmediately() {
        ScimClient.Response group = idp.post("/Groups", "{\"displayName\":\"GroupRequester\"}");
        assertThat(group.status()).isEqualTo(201);
        String groupId = group.body().get("id").asText();
        for (int i = 0; i < 40; i++) {
            // When a write is acknowledged
            ScimClient.Response created = idp.post("/Users", "{\"userName\":\"ryw-" + i + "@example.com\"}");
            assertThat(created.status()).isEqualTo(201);
            String id = created.body().get("id").asText();
            // Then the very next reads see it
            assertThat(idp.get("/Users/" + id).status()).isEqualTo(200);
            ScimClient.Response patched = idp.patch("/Groups/" + groupId,
                    "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}]}");
            assertThat(patched.status()).isIn(200, 204);
            ScimClient.Response members = idp.get("/Groups/" + groupId);
            assertThat(members.body().get("members")).hasSize(i + 1);
            ScimClient.Response renamed = idp.patch("/Users/" + id,
                    "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"R " + i + "\"}]}");
            assertThat(renamed.status()).isEqualTo(200);
            assertThat(idp.get("/Users?filter=" + ScimClient.form("userName eq \"ryw-" + i + "@example.com\""))
                    .body().at("/Resources/0/displayName").asText()).isEqualTo("R " + i);
        }
    }

    @Test
    void shouldReadAnIdleDirectoryRightAfterAnAccessListChangeEndsEveryPartitionWithATransactionMarker() {
        // Given a directory that has written, and then only reads
        ScimClient idle = TestStack.get().newDirectoryClient("idle-after-apply");
        ScimClient.Response created = idle.post("/Users", "{\"userName\":\"idle@example.com\"}");
        assertThat(created.status()).isEqualTo(201);
        // When an Access List change is applied: one transaction over every command partition, so
        // each now ends with a commit marker, an offset no processed command will ever have
        TestStack.get().stack.apply(TestStack.get().lists);

        // Then a read, whose bound is that end, is still answered (it was 503 after the read deadline)
        ScimClient.Response read = idle.get("/Users/" + created.body().path("id").asText());
        assertThat(read.status()).isEqualTo(200);
        assertThat(idle.get("/Users?count=0").status()).isEqualTo(200);
    }
}
