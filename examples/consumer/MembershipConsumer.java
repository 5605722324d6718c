import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Prints every membership change. Arguments: bootstrap servers, then optionally the idle seconds to stop after. */
public class MembershipConsumer {
    public static void main(String[] args) throws Exception {
        String topic = "accesslist.membership.v1";
        Duration idle = args.length > 1 ? Duration.ofSeconds(Long.parseLong(args[1])) : null;
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", args[0],
                "isolation.level", "read_committed"), // writes are transactional: skip aborted ones
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long lastRecord = System.nanoTime();
            while (idle == null || System.nanoTime() - lastRecord < idle.toNanos()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    lastRecord = System.nanoTime();
                    JsonNode change = json.readTree(record.value()); // a tree: unknown properties are ignored
                    List<String> roles = new ArrayList<>();
                    change.at("/accessList/grants/roles").forEach(role -> roles.add(role.asText()));
                    System.out.printf("%s %s %s (roles %s)%n", record.key(), change.path("change").asText(),
                            change.path("userName").asText(change.path("userId").asText()), roles);
                }
            }
        }
    }
}
