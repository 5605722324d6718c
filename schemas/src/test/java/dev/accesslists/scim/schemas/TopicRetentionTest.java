package dev.accesslists.scim.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Cleanup policy and retention are declared once, in {@link Topics}, for every topic; the README's
 * "Retention" table states the same, so the documentation cannot drift from what the pipeline
 * creates.
 */
class TopicRetentionTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String SECTION = "## Retention";
    private static final String NOT_APPLICABLE = "-";

    @Test
    void shouldStateTheCleanupPolicyAndRetentionOfEveryTopic() {
        for (Topic<?, ?> topic : Topics.all()) {
            Map<String, String> configs = topic.configs();
            assertThat(configs).as("%s", topic.name()).containsKey("cleanup.policy");
            String policy = configs.get("cleanup.policy");
            assertThat(List.of(policy.split(","))).as("cleanup.policy of %s", topic.name())
                    .isSubsetOf("delete", "compact");
            if (policy.contains("delete")) {
                // a deleting topic says how long and how much it keeps, instead of the broker's defaults
                assertThat(configs).as("%s", topic.name()).containsKeys("retention.ms", "retention.bytes");
            } else {
                // compaction alone: time and size retention do not apply, so they are not set
                assertThat(configs).as("%s", topic.name()).doesNotContainKeys("retention.ms", "retention.bytes");
            }
        }
    }

    @Test
    void shouldListEveryTopicInTheReadmeRetentionTableAsDeclared() throws IOException {
        // Given
        List<Row> rows = retentionTable(Files.readString(README));

        // When
        Map<String, Row> documented = rows.stream().collect(Collectors.toMap(Row::topic, r -> r, (a, b) -> {
            throw new AssertionError("topic listed twice in the README's retention table: " + a.topic());
        }, LinkedHashMap::new));

        // Then
        assertThat(documented.keySet()).as("topics of the README's retention table")
                .containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(Topic::name).toList());
        for (Topic<?, ?> topic : Topics.all()) {
            Row row = documented.get(topic.name());
            assertThat(row).as("README retention row of %s", topic.name())
                    .isEqualTo(new Row(topic.name(), topic.configs().get("cleanup.policy"),
                            orNotApplicable(topic.configs().get("retention.ms")),
                            orNotApplicable(topic.configs().get("retention.bytes"))));
        }
    }

    @Test
    void shouldReadTheCellsOfATableRow() {
        assertThat(retentionTable("""
                ## Retention

                | topic | cleanup.policy | retention.ms | retention.bytes | what it keeps |
                |---|---|---|---|---|
                | `a.v1` | `delete` | `86400000` | `-1` | one day |
                | `b.v1` | `compact` | - | - | the latest `value` of a key |

                | `not.in.the.table` | `delete` | `1` | `1` | x |

                ## Next
                | `c.v1` | `delete` | `1` | `1` | x |
                """)).containsExactly(new Row("a.v1", "delete", "86400000", "-1"), new Row("b.v1", "compact", "-", "-"));
    }

    /** One row of the table: topic, cleanup.policy, retention.ms, retention.bytes, as written. */
    record Row(String topic, String cleanupPolicy, String retentionMs, String retentionBytes) {
    }

    /** The rows of the first table of the README's "Retention" section. */
    static List<Row> retentionTable(String readme) {
        String text = "\n" + readme;
        int start = text.indexOf("\n" + SECTION + "\n");
        assertThat(start).as("README section %s", SECTION).isNotNegative();
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : text.substring(start + 1).lines().skip(1).toList()) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            List<String> cells = List.of(line.substring(1, line.lastIndexOf('|')).split("\\|", -1)).stream()
                    .map(String::strip).toList();
            if (cells.get(0).equals("topic") || cells.get(0).startsWith("---")) {
                continue; // header and its separator
            }
            assertThat(cells).as("cells of %s", line).hasSizeGreaterThanOrEqualTo(4);
            rows.add(new Row(unquote(cells.get(0)), unquote(cells.get(1)), unquote(cells.get(2)),
                    unquote(cells.get(3))));
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1)
                : cell;
    }

    private static String orNotApplicable(String value) {
        return value == null ? NOT_APPLICABLE : value;
    }
}
