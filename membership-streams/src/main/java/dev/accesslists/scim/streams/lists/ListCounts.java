package dev.accesslists.scim.streams.lists;

/**
 * How many members a list has across integrations.
 *
 * @param members current members, suspended ones included
 * @param active members whose grants apply
 */
public record ListCounts(long members, long active) {
    public static final ListCounts NONE = new ListCounts(0, 0);

    ListCounts plus(long members, long active) {
        return new ListCounts(this.members + members, this.active + active);
    }
}
