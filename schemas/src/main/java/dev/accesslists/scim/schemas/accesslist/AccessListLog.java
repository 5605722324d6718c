package dev.accesslists.scim.schemas.accesslist;

import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records that apply Access List changes: each definition (or tombstone) on the compacted
 * Access List topic, for whoever reads the current definitions, and the same change as a command
 * on every partition of the command log, which is how the single writer learns of it, at a
 * position every replay agrees on. Sent in one transaction, they apply together or not at all.
 */
public final class AccessListLog {
    /** The integration id the commands carry. */
    public static final String ADMIN = "access-list-admin";

    private AccessListLog() {
    }

    /** The records for these upserts and removals, commands on partitions 0 to {@code partitions - 1}. */
    public static List<ProducerRecord<String, Object>> records(List<AccessList> upserts, List<String> removals,
                                                               int partitions, Instant now) {
        List<ProducerRecord<String, Object>> records = new ArrayList<>();
        for (AccessList list : upserts) {
            records.add(new ProducerRecord<>(Topics.ACCESS_LISTS.name(), list.name(), list));
            commands(records, list.name(), new Command.ApplyAccessList(list), partitions, now);
        }
        for (String name : removals) {
            records.add(new ProducerRecord<>(Topics.ACCESS_LISTS.name(), name, null));
            commands(records, name, new Command.RemoveAccessList(name), partitions, now);
        }
        return records;
    }

    private static void commands(List<ProducerRecord<String, Object>> records, String name, Command command,
                                 int partitions, Instant now) {
        for (int partition = 0; partition < partitions; partition++) {
            CommandEnvelope envelope = new CommandEnvelope(UUID.randomUUID().toString(),
                    CommandEnvelope.ALL_DIRECTORIES, ADMIN, now, command);
            records.add(new ProducerRecord<>(Topics.COMMANDS.name(), partition, now.toEpochMilli(),
                    "accesslist:" + name, envelope));
        }
    }

    /** Serialises a record of {@link #records} with its topic's serdes. */
    public static ProducerRecord<byte[], byte[]> serialized(ProducerRecord<String, Object> record) {
        byte[] key = record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] value;
        if (record.value() == null) {
            value = null;
        } else if (record.topic().equals(Topics.ACCESS_LISTS.name())) {
            value = Topics.ACCESS_LISTS.valueSerde().serializer().serialize(record.topic(), (AccessList) record.value());
        } else {
            value = Topics.COMMANDS.valueSerde().serializer().serialize(record.topic(), (CommandEnvelope) record.value());
        }
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), key, value);
    }
}
