package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.launcher.fuzz.FuzzRun;
import dev.accesslists.scim.launcher.fuzz.FuzzTarget;
import dev.accesslists.scim.launcher.fuzz.RequestFuzzer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated requests (paths and ids, filters, paging, headers, JSON shapes, bodies that are not
 * JSON) against the live stack: none is answered 5xx, none hangs, none breaks the connection
 * (twice) instead of answering, and every error is in the SCIM Error schema. {@code ./pipeline fuzz} runs the same generator for long.
 */
class FuzzIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static FuzzTarget target;

    @BeforeContainer
    static void prepare() throws Exception {
        TestStack env = TestStack.get();
        target = FuzzTarget.prepare(env.stack.admin(), env.stack.tokenUrl(), "it");
    }

    @Property(tries = 400)
    void shouldAnswerEveryGeneratedRequestWithoutA5xxOrAHang(@ForAll long seed) throws Exception {
        RequestFuzzer.FuzzRequest request = FuzzRun.generate(seed, 0, target.known());
        HttpRequest built;
        try {
            built = FuzzRun.build(target.baseUrl(), request, target::token, TIMEOUT);
        } catch (IllegalArgumentException e) {
            return; // the HTTP client cannot send it (a header with a line break): nothing to check
        }
        HttpResponse<String> response;
        try {
            // a second attempt only when a pooled connection was closed under the first
            response = FuzzRun.send(HTTP, built, new java.util.concurrent.atomic.AtomicLong());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT.toSeconds() + " s: " + request.describe());
        }
        assertThat(response.statusCode()).as("%s -> %s", request.describe(), response.body()).isLessThan(500);
        if (response.statusCode() >= 400 && response.statusCode() != 405 && !response.body().isEmpty()) {
            assertThat(response.body()).as(request.describe()).contains("urn:ietf:params:scim:api:messages:2.0:Error");
        }
    }
}
