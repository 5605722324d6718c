package dev.accesslists.scim.streams.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import dev.accesslists.scim.schemas.DeadLetters.Reason;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.command.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the bytes of a command record into a command the writer may apply, or says why it must not.
 * Nothing a record holds can make this throw: a record that is not JSON, has no value, names a
 * command type this version does not know, or carries fields that fail validation is
 * {@link Rejected}, so the writer sets it aside and goes on with the next record. The result
 * depends on the bytes alone, so a replay rejects the same records.
 */
final class CommandIntake {
    /**
     * The largest command the writer accepts. Ingest accepts request bodies up to 3 MiB, and the
     * envelope adds little; what is derived from a command (stored resource, outcome, events) must
     * stay well under the topics' record limit, or the broker would refuse it.
     */
    static final int MAX_COMMAND_BYTES = 4 * 1024 * 1024;
    private static final int MAX_ID_LENGTH = 256;
    private static final int MAX_ERROR_LENGTH = 500;

    private CommandIntake() {
    }

    /** What reading one record gave. */
    sealed interface Result permits Accepted, Rejected {
    }

    /** A command to apply. */
    record Accepted(CommandEnvelope envelope) implements Result {
    }

    /**
     * A record the writer sets aside.
     *
     * @param requestId the record's request id when it carried a readable one, else null: only then
     *     can the HTTP request waiting for it be answered
     */
    record Rejected(Reason reason, String error, String requestId) implements Result {
        /** The definite answer for the request that is waiting, if one can be named. */
        Outcome outcome() {
            return switch (reason) {
                case OVERSIZED -> Outcome.failure(requestId, 413, null, "the request is too large to process");
                case UNSUPPORTED -> Outcome.failure(requestId, 501, null,
                        "this request is not supported by the server version that processed it");
                default -> Outcome.failure(requestId, 500, null, "the request could not be processed");
            };
        }
    }

    static Result read(byte[] key, byte[] value) {
        if (value == null) {
            return new Rejected(Reason.NULL_VALUE, "the record has no value", null);
        }
        if (value.length > MAX_COMMAND_BYTES) {
            return new Rejected(Reason.OVERSIZED, "the value has " + value.length + " bytes; at most "
                    + MAX_COMMAND_BYTES + " are accepted", requestId(tree(value)));
        }
        JsonNode tree = tree(value);
        if (tree == null) {
            return new Rejected(Reason.NOT_JSON, "the value is not a JSON document", null);
        }
        if (!tree.isObject()) {
            return new Rejected(Reason.INVALID, "the value is JSON but not an object", null);
        }
        String requestId = requestId(tree);
        CommandEnvelope envelope;
        try {
            envelope = Json.mapper().treeToValue(tree, CommandEnvelope.class);
        } catch (InvalidTypeIdException e) {
            if (e.getTypeId() == null) {
                return new Rejected(Reason.INVALID, describe(e), requestId);
            }
            return new Rejected(Reason.UNSUPPORTED, "unknown " + e.getBaseType().getRawClass().getSimpleName()
                    + " type \"" + shorten(e.getTypeId()) + "\"", requestId);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new Rejected(Reason.INVALID, describe(e), requestId);
        }
        String problem = problem(key == null ? null : new String(key, StandardCharsets.UTF_8), envelope);
        return problem == null ? new Accepted(envelope) : new Rejected(Reason.INVALID, problem, requestId);
    }

    /**
     * What the writer relies on beyond the types: the record is keyed by its directory (so that one
     * task is the only writer of it), and ids fit the stores' key scheme (no {@code /}).
     */
    static String problem(String key, CommandEnvelope envelope) {
        String idProblem = firstProblem(List.of(
                id("requestId", envelope.requestId()), id("directoryId", envelope.directoryId()),
                id("integrationId", envelope.integrationId())));
        if (idProblem != null) {
            return idProblem;
        }
        Command command = envelope.command();
        boolean forAll = command instanceof Command.ApplyAccessList || command instanceof Command.RemoveAccessList;
        boolean addressedToAll = CommandEnvelope.ALL_DIRECTORIES.equals(envelope.directoryId());
        if (forAll != addressedToAll) {
            return forAll ? "Access List commands must be addressed to every directory (\"*\")"
                    : "a directory command must name one directory";
        }
        if (!forAll && !envelope.directoryId().equals(key)) {
            return "the record key must be the command's directoryId";
        }
        if (envelope.fingerprint() != null && !id("fingerprint", envelope.fingerprint()).isEmpty()) {
            return id("fingerprint", envelope.fingerprint());
        }
        return firstProblem(commandIds(command));
    }

    private static List<String> commandIds(Command command) {
        if (command instanceof Command.CreateUser c) {
            return List.of(id("userId", c.userId()));
        } else if (command instanceof Command.ReplaceUser c) {
            return List.of(id("userId", c.userId()));
        } else if (command instanceof Command.PatchUser c) {
            return List.of(id("userId", c.userId()));
        } else if (command instanceof Command.DeleteUser c) {
            return List.of(id("userId", c.userId()));
        } else if (command instanceof Command.CreateGroup c) {
            return concat(id("groupId", c.groupId()), c.memberIds());
        } else if (command instanceof Command.ReplaceGroup c) {
            return concat(id("groupId", c.groupId()), c.memberIds() == null ? List.of() : c.memberIds());
        } else if (command instanceof Command.PatchGroup c) {
            return concat(id("groupId", c.groupId()), c.edits().stream().flatMap(CommandIntake::memberIds).toList());
        } else if (command instanceof Command.DeleteGroup c) {
            return List.of(id("groupId", c.groupId()));
        } else if (command instanceof Command.ContinueGroupJob c) {
            return List.of(id("groupId", c.groupId()));
        } else if (command instanceof Command.ApplyAccessList c) {
            AccessList list = c.accessList();
            return List.of(blank(list.name()) ? "an Access List needs metadata.name" : "",
                    blank(list.spec().title()) ? "an Access List needs spec.title" : "");
        } else if (command instanceof Command.RemoveAccessList c) {
            return List.of(blank(c.name()) ? "the Access List name is empty" : "");
        } else if (command instanceof Command.Bulk c) {
            return c.operations().stream().filter(o -> o.command() != null)
                    .flatMap(o -> o.command() instanceof Command.Bulk
                            ? Stream.of("a Bulk operation cannot hold another Bulk") : commandIds(o.command()).stream())
                    .toList();
        }
        return List.of();
    }

    private static Stream<String> memberIds(GroupEdit edit) {
        if (edit instanceof GroupEdit.AddMembers add) {
            return add.userIds().stream();
        } else if (edit instanceof GroupEdit.RemoveMembers remove) {
            return remove.userIds().stream();
        } else if (edit instanceof GroupEdit.ReplaceMembers replace) {
            return replace.userIds().stream();
        }
        return Stream.empty();
    }

    private static List<String> concat(String groupProblem, List<String> memberIds) {
        return Stream.concat(Stream.of(groupProblem), memberIds.stream().map(m -> id("member id", m))).toList();
    }

    /** An empty string when the id is usable, else what is wrong with it. */
    private static String id(String name, String value) {
        if (blank(value)) {
            return name + " is empty";
        }
        if (value.length() > MAX_ID_LENGTH) {
            return name + " is longer than " + MAX_ID_LENGTH + " characters";
        }
        if (value.indexOf('/') >= 0) {
            return name + " contains '/'";
        }
        return "";
    }

    private static String firstProblem(List<String> problems) {
        return problems.stream().filter(p -> !p.isEmpty()).findFirst().orElse(null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static JsonNode tree(byte[] value) {
        try {
            return Json.mapper().readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    private static String requestId(JsonNode tree) {
        JsonNode id = tree == null ? null : tree.get("requestId");
        if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_ID_LENGTH) {
            return null;
        }
        return id.asText();
    }

    /** The mapping problem and where in the document it is; never the document itself. */
    private static String describe(Exception e) {
        String message = e instanceof JsonMappingException m ? m.getOriginalMessage() : e.getMessage();
        String where = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? " at " + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                        : "[" + r.getIndex() + "]").collect(Collectors.joining("."))
                : "";
        return shorten(firstLine(message) + where);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable command";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "...";
    }
}
