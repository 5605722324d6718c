package dev.accesslists.scim.launcher;

import dev.accesslists.scim.launcher.fuzz.FuzzRun;
import dev.accesslists.scim.launcher.fuzz.FuzzTarget;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline fuzz}: generated requests against a running pipeline; no 5xx and no hang allowed. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Send generated SCIM requests (filters, PATCH bodies, JSON shapes, headers, paths) to a running"
                + " pipeline and print how it answered. Fails on any 5xx answer or hang. Uses integrations of its own.")
final class FuzzCommand implements Callable<Integer> {
    @Option(names = "--requests", defaultValue = "100000", description = "How many requests (default: ${DEFAULT-VALUE}).")
    int requests;
    @Option(names = "--concurrency", defaultValue = "8", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;
    @Option(names = "--seed", description = "Makes the requests repeatable (default: random).")
    Long seed;
    @Option(names = "--timeout", defaultValue = "15", description = "Seconds before a request counts as hung (default: ${DEFAULT-VALUE}).")
    int timeout;
    @Mixin
    IntegrationsCommand.Target target;

    @Override
    public Integer call() throws Exception {
        long actualSeed = seed == null ? System.nanoTime() : seed;
        FuzzTarget fuzz = FuzzTarget.prepare(target.api(), target.tokenService + "/oauth2/token",
                Long.toString(actualSeed, 36));
        System.out.printf("fuzz: %d requests, %d in flight, seed %d, against %s%n", requests, concurrency, actualSeed,
                fuzz.baseUrl());
        FuzzRun.Result result = FuzzRun.run(fuzz.baseUrl(), fuzz::token, fuzz.known(), actualSeed, requests,
                concurrency, Duration.ofSeconds(timeout));
        result.print(System.out);
        return result.passed() ? 0 : 1;
    }
}
