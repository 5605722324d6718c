package dev.accesslists.scim.launcher.bench;

import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.GroupEdit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes large directories straight to the command log, as ingest would after accepting the
 * requests, and measures the Kafka floor: an {@code acks=all} produce loop.
 */
public final class Seeder implements AutoCloseable {
    private static final int MEMBERS_PER_COMMAND = 1000;

    private final String bootstrapServers;
    private final KafkaProducer<String, CommandEnvelope> producer;

    public Seeder(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-seeder"),
                new StringSerializer(), Topics.COMMANDS.valueSerde().serializer());
    }

    /** Creates {@code count} users in the tenant's directory; returns their ids, in creation order. */
    List<String> users(Tenant tenant, int count) {
        return users(tenant.clientId(), count);
    }

    /** Creates {@code count} users in a directory; returns their ids, in creation order. */
    public List<String> users(String directoryId, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = UUID.nameUUIDFromBytes((directoryId + "/" + i).getBytes(StandardCharsets.UTF_8)).toString();
            ids.add(id);
            var user = Json.mapper().createObjectNode();
            user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
            user.put("userName", "seeded-" + i + "@example.com");
            user.put("active", true);
            send(directoryId, new Command.CreateUser(id, user), "seed-user-" + i);
        }
        producer.flush();
        return ids;
    }

    /** Creates a group linked to GroupRequester with these members, 1,000 per command; returns its id. */
    String group(Tenant tenant, List<String> members) {
        return group(tenant.clientId(), members);
    }

    /** Creates a group in a directory, linked to GroupRequester, with these members; returns its id. */
    public String group(String directoryId, List<String> members) {
        String id = UUID.randomUUID().toString();
        send(directoryId, new Command.CreateGroup(id, "GroupRequester", null, List.of()), "seed-group-" + id);
        for (int from = 0; from < members.size(); from += MEMBERS_PER_COMMAND) {
            List<String> batch = members.subList(from, Math.min(members.size(), from + MEMBERS_PER_COMMAND));
            send(directoryId, new Command.PatchGroup(id, List.of(new GroupEdit.AddMembers(batch))),
                    "seed-members-" + id + "-" + from);
        }
        producer.flush();
        return id;
    }

    private void send(String dir, Command command, String request) {
        CommandEnvelope envelope = new CommandEnvelope("bench-" + dir + "-" + request, dir, dir, Instant.now(), command);
        producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), null, envelope.timestamp().toEpochMilli(), dir,
                envelope));
    }

    /** {@code inFlight} acks=all sends of 200-byte records kept outstanding for {@code duration}. */
    Load.Result produceFloor(int inFlight, Duration duration) throws Exception {
        String topic = "bench.floor." + Long.toString(System.currentTimeMillis(), 36);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
             KafkaProducer<String, byte[]> floor = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                     ProducerConfig.LINGER_MS_CONFIG, 0,
                     ProducerConfig.CLIENT_ID_CONFIG, "bench-floor"), new StringSerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(3), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
            try {
                byte[] value = new byte[200];
                Semaphore permits = new Semaphore(inFlight);
                Recorder recorder = new Recorder(3);
                AtomicLong done = new AtomicLong();
                long start = System.nanoTime();
                long end = start + duration.toNanos();
                long i = 0;
                while (System.nanoTime() < end) {
                    permits.acquire();
                    long sent = System.nanoTime();
                    floor.send(new ProducerRecord<>(topic, Long.toString(i++), value), (metadata, error) -> {
                        recorder.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                        done.incrementAndGet();
                        permits.release();
                    });
                }
                permits.acquire(inFlight);
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Load.Result("floor: Kafka produce acks=all, " + inFlight + " in flight", done.get(), 0,
                        seconds, recorder.getIntervalHistogram());
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
