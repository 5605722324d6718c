package dev.accesslists.scim.launcher.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short crash drill of the build: separate processes, mixed load from two integrations, each
 * of broker, membership-streams and ingest-service killed with SIGKILL at least once. The long one
 * is {@code ./pipeline crash-drill}.
 */
class CrashDrillIT {

    @Test
    void shouldLoseNoAcknowledgedWriteAndEmitEveryMembershipChangeExactlyOnceAcrossKills(@TempDir Path dir)
            throws Exception {
        CrashDrill.Report report = CrashDrill.run(new CrashDrill.Options(Duration.ofSeconds(50), 2, 2,
                Duration.ofSeconds(5), 20261201L, dir), System.out);
        report.print(System.out);

        assertThat(report.kills()).allSatisfy((part, kills) -> assertThat(kills).as("kills of %s", part).isPositive());
        assertThat(report.acknowledged()).isGreaterThan(50);
        assertThat(report.lost()).isEmpty();
        assertThat(report.problems()).isEmpty();
        assertThat(report.replay().live()).isPositive();
        assertThat(report.replay().duplicates()).isZero();
        assertThat(report.replay().gaps()).isZero();
        assertThat(report.replay().equal()).as("first difference: %s", report.replay().firstDifference()).isTrue();
        // the effective grants too: exactly once per change, across kill -9 of every part
        assertThat(report.grants().live()).isPositive();
        assertThat(report.grants().equal()).as("first difference: %s", report.grants().firstDifference()).isTrue();
    }
}
