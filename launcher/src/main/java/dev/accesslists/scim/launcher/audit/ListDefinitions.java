package dev.accesslists.scim.launcher.audit;

import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every Access List definition over time. Each change of a list is written to every partition of
 * the command log, which keeps everything, so partition 0 alone holds the whole history, at the
 * time each change was made; the records of list changes are told apart by their key.
 */
public final class ListDefinitions {
    private static final byte[] KEY_PREFIX = Bytes.utf8("accesslist:");

    /** name → time → definition (null: removed). */
    private final Map<String, NavigableMap<Instant, AccessList>> history = new HashMap<>();

    public static ListDefinitions read(LogReader reader) {
        ListDefinitions definitions = new ListDefinitions();
        var envelopes = Topics.COMMANDS.valueSerde().deserializer();
        reader.read(Topics.COMMANDS.name(), Set.of(0), null, record -> {
            if (!Bytes.startsWith(record.key(), KEY_PREFIX) || record.value() == null) {
                return;
            }
            CommandEnvelope envelope;
            try {
                envelope = envelopes.deserialize(Topics.COMMANDS.name(), record.value());
            } catch (RuntimeException e) {
                return;
            }
            if (envelope.command() instanceof Command.ApplyAccessList apply) {
                definitions.put(apply.accessList().name(), envelope.timestamp(), apply.accessList());
            } else if (envelope.command() instanceof Command.RemoveAccessList remove) {
                definitions.put(remove.name(), envelope.timestamp(), null);
            }
        });
        return definitions;
    }

    void put(String name, Instant at, AccessList definition) {
        history.computeIfAbsent(name, n -> new TreeMap<>()).put(at, definition);
    }

    /** The list's definition at that moment; empty when it did not exist (or its history is not in the log). */
    public Optional<AccessList> at(String name, Instant at) {
        NavigableMap<Instant, AccessList> versions = history.get(name);
        if (versions == null) {
            return Optional.empty();
        }
        Map.Entry<Instant, AccessList> entry = versions.floorEntry(at);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.getValue());
    }

    /** Whether the log holds any definition of that list. */
    public boolean known(String name) {
        return history.containsKey(name);
    }
}
