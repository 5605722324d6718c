package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.TopicInstaller;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.schemas.event.MembershipChange.ChangeKind;
import dev.accesslists.scim.schemas.event.MembershipChange.ListRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's consumer example, compiled from {@code examples/consumer} and run in a JVM of its
 * own against a real broker: it prints each committed membership change, in order per list, and
 * none of an aborted transaction.
 */
class ConsumerExampleIT {
    private static final String BJENSEN = "2819c223-7f76-453a-919d-413861904646";
    private static final String MARK = "902c246b-6245-4190-8e05-00816be7344a";
    private static final String GROUP = "e9e30dba-f08f-4109-8486-d5c6a331660a";
    private static final ListRef REQUESTERS = new ListRef("scim-group-requester", "GroupRequester",
            AccessList.TYPE_SCIM, new AccessList.Grants(List.of("requester"), Map.of()));
    private static final ListRef AUDITORS = new ListRef("scim-auditors", "Auditors", AccessList.TYPE_SCIM,
            new AccessList.Grants(List.of("auditor", "viewer"), Map.of("logins", List.of("ubuntu"))));

    @Test
    void shouldPrintEveryCommittedMembershipChangeAndNoneOfAnAbortedTransaction(@TempDir Path dir)
            throws Exception {
        try (InProcessKafka kafka = InProcessKafka.start()) {
            // Given the membership topic as the pipeline creates it
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicInstaller.ensure(admin, List.of(Topics.MEMBERSHIP), (short) 1);
            }

            // and changes written in transactions, one of them aborted between committed ones
            try (KafkaProducer<String, MembershipChange> producer = transactionalProducer(bootstrap)) {
                producer.initTransactions();
                write(producer, true,
                        change(REQUESTERS, BJENSEN, "bjensen@example.com", ChangeKind.ADDED),
                        change(REQUESTERS, MARK, "mark@example.com", ChangeKind.ADDED),
                        change(AUDITORS, BJENSEN, "bjensen@example.com", ChangeKind.ADDED));
                write(producer, false,
                        change(REQUESTERS, BJENSEN, "never@example.com", ChangeKind.REMOVED),
                        change(AUDITORS, MARK, "never@example.com", ChangeKind.ADDED));
                write(producer, true,
                        change(REQUESTERS, BJENSEN, "bjensen@example.com", ChangeKind.SUSPENDED),
                        change(AUDITORS, BJENSEN, "barbara@example.com", ChangeKind.UPDATED));
                write(producer, true, change(REQUESTERS, MARK, null, ChangeKind.REMOVED));
            }
            // (the aborted records are in the log: only read_committed keeps them out)
            assertThat(TopicReader.readAll(bootstrap, Topics.MEMBERSHIP.name(), false))
                    .filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8).contains("never@example.com"))
                    .hasSize(2);

            // When the example, compiled from its source, runs in a JVM of its own until idle for 3 s
            Path classes = dir.resolve("classes");
            ConsumerExample.compile(classes);
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            Process process = new ProcessBuilder(ConsumerExample.command(classes, bootstrap, "3"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean exited = process.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }

            // Then it stopped by itself, and printed each committed change once, in order per list
            assertThat(exited).as("the example stopped after being idle; stderr: %s", read(err)).isTrue();
            assertThat(process.exitValue()).as("exit code; stderr: %s", read(err)).isZero();
            List<String> lines = Files.readAllLines(out);
            assertThat(lines).filteredOn(line -> line.startsWith("GroupRequester ")).containsExactly(
                    "GroupRequester ADDED bjensen@example.com (roles [requester])",
                    "GroupRequester ADDED mark@example.com (roles [requester])",
                    "GroupRequester SUSPENDED bjensen@example.com (roles [requester])",
                    "GroupRequester REMOVED " + MARK + " (roles [requester])");
            assertThat(lines).filteredOn(line -> line.startsWith("Auditors ")).containsExactly(
                    "Auditors ADDED bjensen@example.com (roles [auditor, viewer])",
                    "Auditors UPDATED barbara@example.com (roles [auditor, viewer])");
            assertThat(lines).hasSize(6).noneMatch(line -> line.contains("never@example.com"));
        }
    }

    private static KafkaProducer<String, MembershipChange> transactionalProducer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "consumer-example-" + UUID.randomUUID()),
                new StringSerializer(), Topics.MEMBERSHIP.valueSerde().serializer());
    }

    /** One transaction with the changes, each under its list's title as the pipeline keys them. */
    private static void write(KafkaProducer<String, MembershipChange> producer, boolean commit,
                              MembershipChange... changes) {
        producer.beginTransaction();
        for (MembershipChange change : changes) {
            producer.send(new ProducerRecord<>(Topics.MEMBERSHIP.name(), change.accessList().title(), change));
        }
        producer.flush();
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }

    private static MembershipChange change(ListRef list, String userId, String userName, ChangeKind kind) {
        Cause cause = new Cause(UUID.randomUUID().toString(), "okta-prod", "okta-prod", Instant.now());
        String previous = kind == ChangeKind.UPDATED ? "bjensen@example.com" : null;
        return new MembershipChange(list, userId, userName, kind, GROUP, cause, previous);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
