package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange;
import java.util.ArrayList;
import java.util.List;

/**
 * What one command emits besides its outcome: domain events and membership changes, in the order
 * they happened. They are forwarded only when the command succeeds.
 */
final class Effects {
    private final Cause cause;
    private final List<DirectoryEvent> events = new ArrayList<>();
    private final List<MembershipChange> changes = new ArrayList<>();
    private final List<dev.accesslists.scim.schemas.command.Command> continuations = new ArrayList<>();

    Effects(Cause cause) {
        this.cause = cause;
    }

    Cause cause() {
        return cause;
    }

    void event(DirectoryEvent event) {
        events.add(event);
    }

    void membership(AccessList list, String groupId, String userId, String userName,
                    MembershipChange.ChangeKind kind) {
        membership(list, groupId, userId, userName, kind, cause);
    }

    /** A change caused by an earlier request: a step of that request's change of a whole group. */
    void membership(AccessList list, String groupId, String userId, String userName,
                    MembershipChange.ChangeKind kind, Cause causedBy) {
        changes.add(new MembershipChange(MembershipChange.ListRef.of(list), userId, userName, kind, groupId, causedBy,
                null));
    }

    void membershipRenamed(AccessList list, String groupId, String userId, String userName, String previousUserName) {
        changes.add(new MembershipChange(MembershipChange.ListRef.of(list), userId, userName,
                MembershipChange.ChangeKind.UPDATED, groupId, cause, previousUserName));
    }

    /** A command the writer appends to the directory's own log: the next step of a long change. */
    void continueWith(dev.accesslists.scim.schemas.command.Command command) {
        continuations.add(command);
    }

    List<dev.accesslists.scim.schemas.command.Command> continuations() {
        return continuations;
    }

    List<DirectoryEvent> events() {
        return events;
    }

    List<MembershipChange> changes() {
        return changes;
    }

    /** Takes on what another part of the same command emitted (a Bulk operation that succeeded). */
    void absorb(Effects other) {
        events.addAll(other.events);
        changes.addAll(other.changes);
        continuations.addAll(other.continuations);
    }
}
