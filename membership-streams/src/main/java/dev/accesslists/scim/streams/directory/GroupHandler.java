package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.directory.GroupJob;
import dev.accesslists.scim.schemas.directory.GroupView;
import dev.accesslists.scim.schemas.directory.Member;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange.ChangeKind;
import dev.accesslists.scim.schemas.scim.ScimException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Group commands. A group is the SCIM face of one Access List of type scim: its displayName is the
 * list's title. Each command validates everything before it writes.
 */
final class GroupHandler {
    private final DirectoryState state;
    private final Effects effects;
    private final Memberships memberships;
    private final String requestId;
    private final Instant now;
    private final int chunk;

    /**
     * @param chunk the most members one command brings up to date in a change of a whole group;
     *     a group with more is changed in steps, each a command of its own
     */
    GroupHandler(DirectoryState state, Effects effects, String requestId, Instant now, int chunk) {
        this.state = state;
        this.effects = effects;
        this.memberships = new Memberships(state, effects, now);
        this.requestId = requestId;
        this.now = now;
        this.chunk = chunk;
    }

    Outcome create(Command.CreateGroup command) {
        AccessList list = scimListTitled(command.displayName());
        ensureNotLinked(list, null);
        if (state.group(command.groupId()).isPresent()) {
            throw ScimException.uniqueness("a group with id " + command.groupId() + " already exists");
        }
        List<StoredUser> members = existingUsers(command.memberIds());
        StoredGroup group = new StoredGroup(command.groupId(), command.displayName(), command.externalId(),
                list.name(), now, now, 1, 0);
        state.putGroup(group, null);
        effects.event(new DirectoryEvent.GroupLinked(group.id(), group.displayName(), list.name(), effects.cause()));
        members.forEach(user -> memberships.add(group, list, user));
        return Outcome.success(requestId, 201, view(group, members));
    }

    /** RFC 7644 §3.5.1: members are replaced when asserted, left as they are when omitted. */
    Outcome replace(Command.ReplaceGroup command) {
        StoredGroup current = existing(command.groupId());
        AccessList target = linkTarget(current, command.displayName());
        List<StoredUser> newMembers = command.memberIds() == null ? null : existingUsers(command.memberIds());
        StoredGroup updated = changeWholeGroup(current, command.displayName(), command.externalId(), target,
                newMembers);
        StoredGroup result = touched(current, updated);
        // Members not asserted: the outcome stays small whatever the group's size (the ingest
        // service reads the members to answer); asserted members are bounded by the request.
        return Outcome.success(requestId, 200, newMembers == null
                ? Json.mapper().valueToTree(new GroupView(result, null)) : view(result, newMembers));
    }

    /** Applies the edits in order; cost is proportional to the members named, except for a replace. */
    Outcome patch(Command.PatchGroup command) {
        StoredGroup current = existing(command.groupId());
        String displayName = current.displayName();
        String externalId = current.externalId();
        Map<String, Boolean> delta = new LinkedHashMap<>();
        List<String> replacement = null;
        for (GroupEdit edit : command.edits()) {
            if (edit instanceof GroupEdit.SetDisplayName set) {
                displayName = set.displayName();
            } else if (edit instanceof GroupEdit.SetExternalId set) {
                externalId = set.externalId();
            } else if (edit instanceof GroupEdit.AddMembers add) {
                add.userIds().forEach(id -> delta.put(id, true));
            } else if (edit instanceof GroupEdit.RemoveMembers remove) {
                remove.userIds().forEach(id -> delta.put(id, false));
            } else if (edit instanceof GroupEdit.ReplaceMembers replace) {
                replacement = new ArrayList<>(replace.userIds());
                delta.clear();
            }
        }
        AccessList target = linkTarget(current, displayName);
        List<StoredUser> replacementUsers = replacement == null ? null : existingUsers(replacement);
        List<StoredUser> added = existingUsers(delta.entrySet().stream()
                .filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());

        StoredGroup updated = changeWholeGroup(current, displayName, externalId, target, replacementUsers);
        int addedIndex = 0;
        for (Map.Entry<String, Boolean> change : delta.entrySet()) {
            if (change.getValue()) {
                memberships.add(updated, target, added.get(addedIndex++));
            } else {
                memberships.remove(updated, target, change.getKey());
            }
        }
        touched(current, updated);
        return Outcome.success(requestId, 204, null);
    }

    /**
     * Unlinks the group: its members are removed, the Access List stays. A group of more than
     * {@code chunk} members is removed at once for reads and later commands, and its members in
     * steps; its list can be linked again once they are all removed.
     */
    Outcome delete(Command.DeleteGroup command) {
        StoredGroup current = existing(command.groupId());
        AccessList list = memberships.listOf(current);
        if (state.groupJob(current.id()).isPresent()) {
            refuseWhileBusy(current);
        }
        if (state.hasMoreMembersThan(current.id(), chunk)) {
            GroupJob job = new GroupJob(current.id(), current.epoch() + 1, list.name(), current.displayName(),
                    list.name(), false, null, 0, effects.cause());
            state.deleteGroup(current, false);
            state.putGroupJob(job);
            effects.event(new DirectoryEvent.GroupUnlinked(current.id(), current.displayName(), list.name(),
                    effects.cause()));
            step(job);
            return Outcome.success(requestId, 204, null);
        }
        for (Member member : state.members(current.id())) {
            memberships.remove(current, list, member.userId());
        }
        state.deleteGroup(current);
        effects.event(new DirectoryEvent.GroupUnlinked(current.id(), current.displayName(), list.name(),
                effects.cause()));
        return Outcome.success(requestId, 204, null);
    }

    /** The next step of a change of a whole group; a continuation that does not match its job is ignored. */
    void continueJob(Command.ContinueGroupJob command) {
        state.groupJob(command.groupId())
                .filter(job -> job.epoch() == command.epoch() && job.step() == command.step())
                .ifPresent(this::step);
    }

    /**
     * Brings up to {@code chunk} members up to date, from where the job's previous step stopped,
     * then finishes the job or appends its next step to the log.
     */
    private void step(GroupJob job) {
        List<Member> batch = state.membersAfter(job.groupId(), job.after(), chunk);
        for (Member member : batch) {
            if (member.epoch() < job.epoch()) {
                memberships.bringUpToDate(job, member, null);
            }
        }
        if (batch.size() < chunk) {
            state.deleteGroupJob(job.groupId());
            boolean stillLinked = state.group(job.groupId()).map(g -> g.accessListName().equals(job.fromList()))
                    .orElse(false);
            if (!stillLinked) {
                state.releaseList(job.fromList(), job.groupId());
            }
            return;
        }
        GroupJob next = job.next(batch.get(batch.size() - 1).userId());
        state.putGroupJob(next);
        effects.continueWith(new Command.ContinueGroupJob(next.groupId(), next.epoch(), next.step()));
    }

    /**
     * A relink and/or a replace of all members. Inline for a group of at most {@code chunk} members;
     * for a larger one the group takes a new epoch at once and its members are brought up to it in
     * steps: the asserted members now (their number is bounded by the request), the others by
     * the job. One such change at a time per group.
     */
    private StoredGroup changeWholeGroup(StoredGroup current, String displayName, String externalId, AccessList target,
                                         List<StoredUser> newMembers) {
        boolean relinks = !target.name().equals(current.accessListName());
        if ((relinks || newMembers != null) && state.groupJob(current.id()).isPresent()) {
            refuseWhileBusy(current);
        }
        if (!(relinks || newMembers != null) || !state.hasMoreMembersThan(current.id(), chunk)) {
            StoredGroup updated = relink(current, displayName, externalId, target);
            if (newMembers != null) {
                replaceMembers(updated, target, newMembers);
            }
            return updated;
        }
        AccessList from = memberships.listOf(current);
        StoredGroup bumped = new StoredGroup(current.id(), current.displayName(), current.externalId(),
                current.accessListName(), current.created(), current.lastModified(), current.version(),
                current.epoch() + 1);
        GroupJob job = new GroupJob(current.id(), bumped.epoch(), from.name(), from.spec().title(), target.name(),
                newMembers == null, null, 0, effects.cause());
        state.putGroupJob(job);
        StoredGroup updated = relinkWithoutMoving(bumped, displayName, externalId, target);
        if (relinks) {
            // the old list stays taken until every member has left it
            state.holdList(from.name(), current.id());
        }
        if (newMembers != null) {
            GroupJob keeping = new GroupJob(job.groupId(), job.epoch(), job.fromList(), job.fromTitle(), job.toList(),
                    true, null, 0, job.cause());
            for (StoredUser user : newMembers) {
                Optional<Member> member = state.member(updated.id(), user.id());
                if (member.isPresent()) {
                    // an asserted member stays: moved to the new list now if relinked, never removed
                    memberships.bringUpToDate(keeping, member.get(), null);
                } else {
                    memberships.add(updated, target, user);
                }
            }
        }
        step(job);
        return updated;
    }

    /** Another change of the whole group is still being carried out: the client retries later. */
    private static void refuseWhileBusy(StoredGroup group) {
        throw new ScimException(new dev.accesslists.scim.schemas.scim.ScimError(503, null, "group " + group.id()
                + " is still applying an earlier change of all its members; retry shortly"));
    }

    /** A change of members alone is a change of the group: meta.lastModified and the version move. */
    private StoredGroup touched(StoredGroup before, StoredGroup after) {
        if (after != before || memberships.changedMembers() == 0) {
            return after;
        }
        StoredGroup touched = after.touched(now);
        state.putGroup(touched, after.accessListName());
        return touched;
    }

    private StoredGroup existing(String groupId) {
        return state.group(groupId).orElseThrow(() -> ScimException.notFound("Group " + groupId + " not found"));
    }

    /** The list a group with this displayName links to; renaming to another scim list's title relinks. */
    private AccessList linkTarget(StoredGroup current, String displayName) {
        if (displayName.equals(current.displayName())) {
            AccessList list = state.accessList(current.accessListName()).orElseThrow(() -> ScimException.notFound(
                    "the Access List \"" + current.accessListName() + "\" of group " + current.id()
                            + " no longer exists; delete the group"));
            if (!list.scimManaged()) {
                throw ScimException.notFound("the Access List titled \"" + list.spec().title()
                        + "\" is no longer of type scim and cannot be managed through SCIM");
            }
            return list;
        }
        AccessList list;
        try {
            list = scimListTitled(displayName);
        } catch (ScimException e) {
            // the group exists; only the new name is wrong, so a 404 would mislead the client
            throw ScimException.invalidValue(e.error().detail());
        }
        ensureNotLinked(list, current.id());
        return list;
    }

    private AccessList scimListTitled(String title) {
        AccessList list = state.accessListByTitle(title).orElseThrow(() -> ScimException.notFound(
                "no Access List has the title \"" + title + "\": a SCIM group's displayName must equal the"
                        + " spec.title of an Access List of type scim"));
        if (!list.scimManaged()) {
            throw ScimException.notFound("the Access List titled \"" + title + "\" is not of type scim and cannot"
                    + " be managed through SCIM");
        }
        return list;
    }

    private void ensureNotLinked(AccessList list, String selfId) {
        state.groupIdByList(list.name()).filter(id -> !id.equals(selfId)).ifPresent(id -> {
            boolean linked = state.group(id).map(g -> g.accessListName().equals(list.name())).orElse(false);
            if (!linked) {
                // held by a group that was deleted or relinked, whose members are still leaving it
                throw new ScimException(new dev.accesslists.scim.schemas.scim.ScimError(503, null,
                        "the Access List titled \"" + list.spec().title() + "\" is still being released by group "
                                + id + "; retry shortly"));
            }
            throw ScimException.uniqueness("the Access List titled \"" + list.spec().title()
                    + "\" is already linked to group " + id);
        });
    }

    private List<StoredUser> existingUsers(List<String> userIds) {
        Set<String> unique = new LinkedHashSet<>(userIds);
        List<StoredUser> users = new ArrayList<>(unique.size());
        for (String id : unique) {
            users.add(state.user(id).orElseThrow(() -> ScimException.invalidValue(
                    "member " + id + " is not a user of this directory")));
        }
        return users;
    }

    private StoredGroup relink(StoredGroup current, String displayName, String externalId, AccessList target) {
        boolean renamed = !displayName.equals(current.displayName());
        if (!renamed && Objects.equals(externalId, current.externalId())) {
            return current;
        }
        StoredGroup updated = new StoredGroup(current.id(), displayName, externalId, target.name(),
                current.created(), now, current.version() + 1, current.epoch());
        state.putGroup(updated, current.accessListName());
        if (renamed) {
            effects.event(new DirectoryEvent.GroupRenamed(current.id(), current.displayName(), displayName,
                    current.accessListName(), target.name(), effects.cause()));
            if (!target.name().equals(current.accessListName())) {
                moveMembers(current, updated, target);
            }
        }
        return updated;
    }

    /** A rename or relink whose members are moved by a job, not here. */
    private StoredGroup relinkWithoutMoving(StoredGroup current, String displayName, String externalId,
                                           AccessList target) {
        StoredGroup updated = new StoredGroup(current.id(), displayName, externalId, target.name(),
                current.created(), now, current.version() + 1, current.epoch());
        state.putGroup(updated, current.accessListName());
        if (!displayName.equals(current.displayName())) {
            effects.event(new DirectoryEvent.GroupRenamed(current.id(), current.displayName(), displayName,
                    current.accessListName(), target.name(), effects.cause()));
        }
        return updated;
    }

    /** A rename to another list's title moves every member: O(group), and only on relink. */
    private void moveMembers(StoredGroup before, StoredGroup after, AccessList target) {
        AccessList old = memberships.listOf(before);
        for (Member member : state.members(after.id())) {
            String userName = state.user(member.userId()).map(StoredUser::userName).orElse(null);
            effects.membership(old, after.id(), member.userId(), userName, ChangeKind.REMOVED);
            effects.membership(target, after.id(), member.userId(), userName, ChangeKind.ADDED);
            if (member.suspended()) {
                effects.membership(target, after.id(), member.userId(), userName, ChangeKind.SUSPENDED);
            }
        }
    }

    private void replaceMembers(StoredGroup group, AccessList list, List<StoredUser> newMembers) {
        Set<String> wanted = new LinkedHashSet<>();
        newMembers.forEach(user -> wanted.add(user.id()));
        for (Member member : state.members(group.id())) {
            if (!wanted.contains(member.userId())) {
                memberships.remove(group, list, member.userId());
            }
        }
        newMembers.forEach(user -> memberships.add(group, list, user));
    }

    private com.fasterxml.jackson.databind.JsonNode view(StoredGroup group, List<StoredUser> members) {
        List<GroupView.MemberView> views = members.stream()
                .map(user -> new GroupView.MemberView(user.id(), user.display(), !user.active()))
                .toList();
        return Json.mapper().valueToTree(new GroupView(group, views));
    }
}
