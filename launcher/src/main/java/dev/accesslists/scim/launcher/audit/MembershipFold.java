package dev.accesslists.scim.launcher.audit;

import dev.accesslists.scim.schemas.event.MembershipChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Memberships as the membership topic tells them, change by change. One membership is one user
 * of one integration in one list (by title); changes of one list arrive in order (one partition),
 * which is all the fold needs.
 */
public final class MembershipFold {
    /** One membership as it stands. */
    public static final class Member {
        final String title;
        final String integrationId;
        final String userId;
        String listName;
        String userName;
        String groupId;
        boolean active;
        Instant memberSince;
        Instant activeSince;
        Instant lastChange;
        String lastCause;
        MembershipChange.ListRef list;

        Member(String title, String integrationId, String userId) {
            this.title = title;
            this.integrationId = integrationId;
            this.userId = userId;
        }

        public String title() {
            return title;
        }

        public String integrationId() {
            return integrationId;
        }

        public String userId() {
            return userId;
        }

        public String userName() {
            return userName;
        }

        public String listName() {
            return listName;
        }

        public String groupId() {
            return groupId;
        }

        public boolean active() {
            return active;
        }

        /** When the current membership began (its ADDED). */
        public Instant memberSince() {
            return memberSince;
        }

        /** When its grants last began to apply (ADDED or RESTORED); null while suspended. */
        public Instant activeSince() {
            return active ? activeSince : null;
        }

        /** The request of the membership's last change. */
        public String lastCause() {
            return lastCause;
        }

        /** When the membership last changed. */
        public Instant lastChange() {
            return lastChange;
        }

        /** The list as the membership's last change named it. */
        public MembershipChange.ListRef list() {
            return list;
        }
    }

    private final Map<String, Member> members = new HashMap<>();

    /** Applies one change. */
    public void apply(MembershipChange change) {
        String integration = integrationOf(change);
        String key = change.accessList().title() + '\u0000' + integration + '\u0000' + change.userId();
        Instant at = change.cause().timestamp();
        switch (change.change()) {
            case ADDED -> {
                Member member = new Member(change.accessList().title(), integration, change.userId());
                member.memberSince = at;
                member.activeSince = at;
                member.active = true;
                update(member, change);
                members.put(key, member);
            }
            case REMOVED -> members.remove(key);
            case SUSPENDED, RESTORED, UPDATED -> {
                Member member = members.get(key);
                if (member == null) {
                    return;
                }
                if (change.change() == MembershipChange.ChangeKind.SUSPENDED) {
                    member.active = false;
                } else if (change.change() == MembershipChange.ChangeKind.RESTORED && !member.active) {
                    member.active = true;
                    member.activeSince = at;
                }
                update(member, change);
            }
            default -> throw new IllegalStateException("unknown change " + change.change());
        }
    }

    private static void update(Member member, MembershipChange change) {
        member.lastChange = change.cause().timestamp();
        member.lastCause = change.cause().requestId();
        if (change.userName() != null) {
            member.userName = change.userName();
        }
        member.groupId = change.groupId();
        member.listName = change.accessList().name();
        member.list = change.accessList();
    }

    /** The integration (directory) a change belongs to. */
    public static String integrationOf(MembershipChange change) {
        return change.cause().directoryId() != null ? change.cause().directoryId() : change.cause().integrationId();
    }

    /** Every membership that stands, active or suspended. */
    public List<Member> all() {
        return new ArrayList<>(members.values());
    }

    /** The active members of a list, by userName then integration. */
    public List<Member> activeMembers(String title) {
        return members.values().stream().filter(m -> m.title.equals(title) && m.active)
                .sorted(java.util.Comparator.comparing((Member m) -> String.valueOf(m.userName))
                        .thenComparing(m -> m.integrationId))
                .toList();
    }

    public int size() {
        return members.size();
    }
}
