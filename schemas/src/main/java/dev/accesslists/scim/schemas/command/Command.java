package dev.accesslists.scim.schemas.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/** A SCIM write, already parsed and validated for syntax by the ingest service. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Command.CreateUser.class, name = "CreateUser"),
        @JsonSubTypes.Type(value = Command.ReplaceUser.class, name = "ReplaceUser"),
        @JsonSubTypes.Type(value = Command.PatchUser.class, name = "PatchUser"),
        @JsonSubTypes.Type(value = Command.DeleteUser.class, name = "DeleteUser"),
        @JsonSubTypes.Type(value = Command.CreateGroup.class, name = "CreateGroup"),
        @JsonSubTypes.Type(value = Command.ReplaceGroup.class, name = "ReplaceGroup"),
        @JsonSubTypes.Type(value = Command.PatchGroup.class, name = "PatchGroup"),
        @JsonSubTypes.Type(value = Command.DeleteGroup.class, name = "DeleteGroup"),
        @JsonSubTypes.Type(value = Command.ApplyAccessList.class, name = "ApplyAccessList"),
        @JsonSubTypes.Type(value = Command.RemoveAccessList.class, name = "RemoveAccessList"),
        @JsonSubTypes.Type(value = Command.ContinueGroupJob.class, name = "ContinueGroupJob"),
        @JsonSubTypes.Type(value = Command.Bulk.class, name = "Bulk")})
public sealed interface Command {

    /**
     * @param userId id assigned by ingest
     * @param resource the SCIM User as sent, without id and meta; userName present
     */
    record CreateUser(String userId, ObjectNode resource) implements Command {
        public CreateUser {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(resource, "resource");
        }
    }

    /** RFC 7644 §3.5.1 replace: the new resource, without id and meta. */
    record ReplaceUser(String userId, ObjectNode resource) implements Command {
        public ReplaceUser {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(resource, "resource");
        }
    }

    /** RFC 7644 §3.5.2 modify: operations applied in order, all or nothing. */
    record PatchUser(String userId, List<PatchOperation> operations) implements Command {
        public PatchUser {
            Objects.requireNonNull(userId, "userId");
            operations = List.copyOf(operations);
        }
    }

    record DeleteUser(String userId) implements Command {
        public DeleteUser {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * @param groupId id assigned by ingest
     * @param displayName must equal the title of a scim Access List
     * @param memberIds user ids of the initial members
     */
    record CreateGroup(String groupId, String displayName, String externalId, List<String> memberIds)
            implements Command {
        public CreateGroup {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(displayName, "displayName");
            memberIds = List.copyOf(memberIds);
        }
    }

    /**
     * RFC 7644 §3.5.1 replace of a group.
     *
     * @param memberIds the complete new member set, or {@code null} when the request did not assert
     *     {@code members} (the members are then left as they are)
     */
    record ReplaceGroup(String groupId, String displayName, String externalId, List<String> memberIds)
            implements Command {
        public ReplaceGroup {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(displayName, "displayName");
            memberIds = memberIds == null ? null : List.copyOf(memberIds);
        }
    }

    /** RFC 7644 §3.5.2 modify of a group, as a list of edits in request order. */
    record PatchGroup(String groupId, List<GroupEdit> edits) implements Command {
        public PatchGroup {
            Objects.requireNonNull(groupId, "groupId");
            edits = List.copyOf(edits);
        }
    }

    record DeleteGroup(String groupId) implements Command {
        public DeleteGroup {
            Objects.requireNonNull(groupId, "groupId");
        }
    }

    /**
     * An Access List definition, written to every partition of the command log (directory id
     * {@link CommandEnvelope#ALL_DIRECTORIES}) so that each directory sees list changes at a fixed
     * position of its log: replaying the log reproduces the grants each change carried.
     */
    record ApplyAccessList(dev.accesslists.scim.schemas.accesslist.AccessList accessList) implements Command {
        public ApplyAccessList {
            Objects.requireNonNull(accessList, "accessList");
        }
    }

    /** Removes an Access List definition; groups linked to it can then no longer be changed. */
    record RemoveAccessList(String name) implements Command {
        public RemoveAccessList {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The next step of a change of a whole group's members (a {@code GroupJob}), written to the log
     * by the writer itself, never by a client: no one waits for its outcome.
     *
     * @param groupId the group whose job it continues
     * @param epoch the job's epoch
     * @param step which step it carries out; a continuation that does not match the job is ignored
     */
    record ContinueGroupJob(String groupId, long epoch, long step) implements Command {
        public ContinueGroupJob {
            Objects.requireNonNull(groupId, "groupId");
        }
    }

    /**
     * RFC 7644 §3.7 Bulk: the operations of one request, applied in order by the writer, each all
     * or nothing on its own, as if each were a request of its own; processing stops once
     * {@code failOnErrors} operations have failed. Its outcome's resource is the list of
     * {@link BulkResult}s.
     *
     * @param operations the operations in request order; an operation ingest already refused
     *     carries its error and counts as failed where it stands
     * @param failOnErrors the number of failed operations after which the rest are not applied; 0
     *     applies every operation whatever fails
     */
    record Bulk(List<BulkOperation> operations, int failOnErrors) implements Command {
        public Bulk {
            operations = List.copyOf(operations);
            if (failOnErrors < 0) {
                throw new IllegalArgumentException("failOnErrors must not be negative");
            }
        }
    }
}
