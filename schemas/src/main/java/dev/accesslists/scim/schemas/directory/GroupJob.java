package dev.accesslists.scim.schemas.directory;

import dev.accesslists.scim.schemas.event.Cause;
import java.util.Objects;

/**
 * A change of a whole group's members carried out in steps of bounded size, each step a command
 * of its own on the directory's log, so that no transaction grows with the group. Every member
 * whose epoch is below {@link #epoch} is still to be brought up to date: moved from
 * {@link #fromList} to {@link #toList} when {@link #keep}, else removed from {@link #fromList}. A
 * command that touches such a member first brings it up to date itself, so later commands see
 * the group as the change left it, in log order.
 *
 * @param groupId the group (already deleted when the change is a delete)
 * @param epoch the group's epoch after the change
 * @param fromList name of the list the members not yet brought up to date are announced on
 * @param fromTitle its title, to name it in changes should its definition be deleted meanwhile
 * @param toList name of the list kept members move to (equal to fromList when not relinked)
 * @param keep true: such members stay members (relink); false: they are removed
 * @param after the last member id the steps have passed, or null before the first step
 * @param step how many steps were done; a continuation names the step it carries out
 * @param cause the request that made the change: the cause of every change its steps emit
 */
public record GroupJob(String groupId, long epoch, String fromList, String fromTitle, String toList, boolean keep,
                       String after, long step, Cause cause) {
    public GroupJob {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(fromList, "fromList");
        Objects.requireNonNull(toList, "toList");
        Objects.requireNonNull(cause, "cause");
    }

    /** The job after a step that ended at member {@code lastUserId}. */
    public GroupJob next(String lastUserId) {
        return new GroupJob(groupId, epoch, fromList, fromTitle, toList, keep, lastUserId, step + 1, cause);
    }
}
