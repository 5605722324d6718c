package dev.accesslists.scim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.DeadLetters;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.streams.directory.ProcessingStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A command record the writer cannot read or accept is set aside on the dead-letter topic, its
 * caller (when the record names one) gets a definite outcome, and the next command is processed
 * as if nothing happened.
 */
class DeadLetterTopologyTest {
    private static final String DIR = "dir-1";
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private final ProcessingStats stats = new ProcessingStats();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> commands;
    private TestOutputTopic<String, Outcome> outcomes;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void setUp() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("dlq-").toString());
        driver = new TopologyTestDriver(MembershipTopology.build(stats), props);
        commands = driver.createInputTopic(Topics.COMMANDS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        outcomes = driver.createOutputTopic(Topics.OUTCOMES.name(), Serdes.String().deserializer(),
                Topics.OUTCOMES.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    static Stream<Arguments> badRecords() {
        String create = "{\"type\":\"CreateUser\",\"userId\":\"u9\",\"resource\":{\"userName\":\"x\"}}";
        return Stream.of(
                Arguments.of("bytes that are not JSON", DIR, "{not json".getBytes(StandardCharsets.UTF_8),
                        DeadLetters.Reason.NOT_JSON, null),
                Arguments.of("a null value", DIR, null, DeadLetters.Reason.NULL_VALUE, null),
                Arguments.of("JSON that is not an object", DIR, "[1,2]".getBytes(StandardCharsets.UTF_8),
                        DeadLetters.Reason.INVALID, null),
                Arguments.of("a command type from a newer version", DIR,
                        envelope("r-new", DIR, "{\"type\":\"MergeUsers\",\"userIds\":[\"a\",\"b\"]}"),
                        DeadLetters.Reason.UNSUPPORTED, 501),
                Arguments.of("a group edit from a newer version", DIR,
                        envelope("r-edit", DIR, "{\"type\":\"PatchGroup\",\"groupId\":\"g1\",\"edits\":[{\"edit\":"
                                + "\"SetColour\",\"colour\":\"red\"}]}"), DeadLetters.Reason.UNSUPPORTED, 501),
                Arguments.of("a command without its id", DIR,
                        envelope("r-noid", DIR, "{\"type\":\"CreateUser\",\"resource\":{\"userName\":\"x\"}}"),
                        DeadLetters.Reason.INVALID, 500),
                Arguments.of("a command without a type", DIR, envelope("r-notype", DIR, "{\"userId\":\"u1\"}"),
                        DeadLetters.Reason.INVALID, 500),
                Arguments.of("an envelope without a timestamp", DIR,
                        ("{\"requestId\":\"r-nots\",\"directoryId\":\"" + DIR + "\",\"integrationId\":\"c\","
                                + "\"command\":" + create + "}").getBytes(StandardCharsets.UTF_8),
                        DeadLetters.Reason.INVALID, 500),
                Arguments.of("a key that is not the directory", "dir-2", envelope("r-key", DIR, create),
                        DeadLetters.Reason.INVALID, 500),
                Arguments.of("an id with a slash", DIR,
                        envelope("r-slash", DIR, "{\"type\":\"DeleteUser\",\"userId\":\"a/b\"}"),
                        DeadLetters.Reason.INVALID, 500),
                Arguments.of("an Access List command for one directory", DIR,
                        envelope("r-list", DIR, "{\"type\":\"RemoveAccessList\",\"name\":\"x\"}"),
                        DeadLetters.Reason.INVALID, 500),
                Arguments.of("an oversized command", DIR,
                        envelope("r-big", DIR, "{\"type\":\"CreateUser\",\"userId\":\"u8\",\"resource\":"
                                + "{\"userName\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}}"),
                        DeadLetters.Reason.OVERSIZED, 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void shouldSetTheRecordAsideAnswerItsCallerAndGoOn(String what, String key, byte[] value,
                                                       DeadLetters.Reason reason, Integer status) {
        // Given a bad record between two good commands
        send("r-1", new Command.CreateUser("u1", Json.mapper().createObjectNode().put("userName", "ann")));
        commands.pipeInput(new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), value, AT.plusSeconds(2)));
        send("r-2", new Command.CreateUser("u2", Json.mapper().createObjectNode().put("userName", "bob")));

        // Then the record is on the dead-letter topic, byte for byte, with where it came from and why
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(1);
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
        assertThat(letter.value()).isEqualTo(value);
        assertThat(letter.timestamp()).isEqualTo(AT.plusSeconds(2).toEpochMilli());
        assertThat(DeadLetters.reason(letter.headers())).isEqualTo(reason);
        assertThat(DeadLetters.text(letter.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.COMMANDS.name());
        assertThat(DeadLetters.text(letter.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(DeadLetters.text(letter.headers(), DeadLetters.ERROR)).isNotBlank().hasSizeLessThan(600);

        // and the caller, when the record names one, has a definite answer
        List<Outcome> answers = outcomes.readValuesToList();
        if (status == null) {
            assertThat(answers).extracting(Outcome::requestId).containsExactly("r-1", "r-2");
        } else {
            assertThat(answers).extracting(Outcome::requestId).containsExactly("r-1",
                    DeadLetters.text(letter.headers(), DeadLetters.REQUEST_ID), "r-2");
            assertThat(answers.get(1).status()).isEqualTo(status);
            assertThat(answers.get(1).detail()).doesNotContain("Exception");
        }
        // and the commands around it were applied
        assertThat(answers.get(0).status()).isEqualTo(201);
        assertThat(answers.get(answers.size() - 1).status()).isEqualTo(201);
        assertThat(stats.deadLetteredByReason().get(reason)).isEqualTo(1);
        // and the record moved the progress store (bounded reads would wait for it otherwise)
        assertThat(driver.<String, Long>getKeyValueStore("progress").get(CommandEnvelope.ALL_DIRECTORIES))
                .isEqualTo(AT.plusSeconds(2).toEpochMilli());
    }

    private void send(String requestId, Command command) {
        Instant at = requestId.equals("r-1") ? AT.plusSeconds(1) : AT.plusSeconds(3);
        byte[] value = Topics.COMMANDS.valueSerde().serializer().serialize(Topics.COMMANDS.name(),
                new CommandEnvelope(requestId, DIR, "client-1", at, command));
        commands.pipeInput(new TestRecord<>(DIR.getBytes(StandardCharsets.UTF_8), value, at));
    }

    private static byte[] envelope(String requestId, String dir, String command) {
        return ("{\"requestId\":\"" + requestId + "\",\"directoryId\":\"" + dir + "\",\"integrationId\":\"client-1\","
                + "\"timestamp\":\"2026-01-01T00:00:02Z\",\"command\":" + command + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
