package dev.accesslists.scim.launcher.audit;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline audit …}: the auditor's questions, answered by replaying the logs. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Answer who had which grant, when and why, by reading the logs from the beginning"
                + " (or from --read-from) on the embedded broker or any cluster.",
        subcommands = {AuditCommand.Members.class, AuditCommand.Timeline.class, AuditCommand.Why.class,
                AuditCommand.Grants.class, AuditCommand.Diff.class, AuditCommand.Lists.class})
public final class AuditCommand {
    /** Options every audit question takes. */
    static final class Common {
        @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
                description = "Kafka (default: ${DEFAULT-VALUE}).")
        String bootstrapServers;
        @Option(names = "--format", defaultValue = "table",
                description = "table, json or csv (default: ${DEFAULT-VALUE}).")
        String format;
        @Option(names = "--read-from", paramLabel = "TIME",
                description = "Read the logs from this time on instead of from their beginning: what happened"
                        + " earlier is then unknown to the answer.")
        String readFrom;
        @Option(names = "--no-progress", description = "No progress bar on standard error.")
        boolean noProgress;
        @Option(names = "--membership-topic", hidden = true, defaultValue = "accesslist.membership.v1")
        String membershipTopic;

        Table.Format format() {
            try {
                return Table.Format.valueOf(format.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new dev.accesslists.scim.launcher.UserError("--format must be table, json or csv, not " + format);
            }
        }

        /**
         * Runs one question: Ctrl-C stops the read between records, says so on standard error and
         * exits with 130 once the consumer is closed.
         */
        int run(java.util.function.Function<Audit, Table> question) {
            Table.Format output = format();
            Stop stop = new Stop();
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stop.stop();
                try {
                    done.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "audit-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                Progress progress = new Progress(System.err, !noProgress && System.console() != null);
                Audit audit = new Audit(new LogReader(bootstrapServers, progress, stop), membershipTopic,
                        AuditTime.parse(readFrom));
                Table answer = question.apply(audit);
                answer.print(System.out, output);
                return 0;
            } catch (Stop.Stopped e) {
                System.err.println("\nstopped: no answer");
                return 130;
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for us
                }
            }
        }
    }

    @Command(name = "members", mixinStandardHelpOptions = true,
            description = "Who was an active member of a list at a moment, and since when. Without --at, the"
                    + " running pipeline's view of the list is asked (through the admin API); when it cannot be"
                    + " reached, or with --replay, the log is read instead.")
    static final class Members implements Callable<Integer> {
        @Mixin
        Common common;
        @Mixin
        dev.accesslists.scim.launcher.IntegrationsCommand.Target target;
        @Option(names = "--list", required = true, description = "The Access List's title.")
        String title;
        @Option(names = "--at", paramLabel = "TIME", description = "The moment (default: now).")
        String at;
        @Option(names = "--replay", description = "Answer \"now\" from the log too, not from the pipeline's view.")
        boolean replay;

        @Override
        public Integer call() {
            Instant moment = AuditTime.parse(at);
            if (moment == null && !replay) {
                try {
                    dev.accesslists.scim.launcher.AdminApi api = target.api();
                    Audit.membersNow(api, title).print(System.out, common.format());
                    return 0;
                } catch (dev.accesslists.scim.launcher.UserError | dev.accesslists.scim.launcher.AdminApi.AdminApiException
                         | java.io.UncheckedIOException | IllegalStateException e) {
                    if (e instanceof dev.accesslists.scim.launcher.UserError && e.getMessage().startsWith("no Access List")) {
                        throw e;
                    }
                    System.err.println("the pipeline's view cannot be asked (" + e.getMessage() + "); reading the log");
                }
            }
            return common.run(audit -> audit.members(title, moment));
        }
    }

    @Command(name = "timeline", mixinStandardHelpOptions = true,
            description = "Every membership change of a user across lists, with the grants each list gave then.")
    static final class Timeline implements Callable<Integer> {
        @Mixin
        Common common;
        @Option(names = "--user", required = true, description = "A userName the user had, or the SCIM user id.")
        String user;

        @Override
        public Integer call() {
            return common.run(audit -> audit.timeline(user));
        }
    }

    @Command(name = "why", mixinStandardHelpOptions = true,
            description = "For each change of a user's membership of a list: the integration, the SCIM request"
                    + " (id, operation, time) and the change on the IdP side that caused it.")
    static final class Why implements Callable<Integer> {
        @Mixin
        Common common;
        @Option(names = "--list", required = true, description = "The Access List's title.")
        String title;
        @Option(names = "--user", required = true, description = "A userName the user had, or the SCIM user id.")
        String user;

        @Override
        public Integer call() {
            return common.run(audit -> audit.why(title, user));
        }
    }

    @Command(name = "grants", mixinStandardHelpOptions = true,
            description = "A user's effective grants at a moment: the roles and traits of every scim list they were"
                    + " an active member of and whose membership requirements they met.")
    static final class Grants implements Callable<Integer> {
        @Mixin
        Common common;
        @Option(names = "--user", required = true, description = "A userName the user had, or the SCIM user id.")
        String user;
        @Option(names = "--at", paramLabel = "TIME", description = "The moment (default: now).")
        String at;

        @Override
        public Integer call() {
            Instant moment = at == null ? Instant.now() : AuditTime.parse(at);
            return common.run(audit -> audit.grants(user, moment));
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Who joined and who left a list (as active members) between two moments.")
    static final class Diff implements Callable<Integer> {
        @Mixin
        Common common;
        @Option(names = "--list", required = true, description = "The Access List's title.")
        String title;
        @Option(names = "--from", required = true, paramLabel = "TIME", description = "The earlier moment.")
        String from;
        @Option(names = "--to", paramLabel = "TIME", description = "The later moment (default: now).")
        String to;

        @Override
        public Integer call() {
            Instant start = AuditTime.parse(from);
            Instant end = to == null ? Instant.now() : AuditTime.parse(to);
            return common.run(audit -> audit.diff(title, start, end));
        }
    }

    @Command(name = "lists", mixinStandardHelpOptions = true,
            description = "Every Access List with its grants, review recurrence and next review date.")
    static final class Lists implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() {
            return common.run(audit -> audit.lists(Instant.now()));
        }
    }
}
