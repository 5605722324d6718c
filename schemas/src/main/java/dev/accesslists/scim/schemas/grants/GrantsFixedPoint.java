package dev.accesslists.scim.schemas.grants;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Effective grants under Access List semantics: a membership counts only while the user meets the
 * list's {@code membership_requires} — every required role, and every required value of every
 * required trait — with the roles and traits the user holds through the other lists that count.
 * That is evaluated to the least fixed point: start with nothing, let in every list whose
 * requirements the grants so far meet, add their grants, repeat until no list joins. Letting a
 * list in only ever adds grants, so the result is unique and does not depend on the order of the
 * lists, and at most one round per list is needed.
 *
 * <p>Only grants of lists count: a SCIM-provisioned user holds no other roles or traits here.
 */
public final class GrantsFixedPoint {
    private GrantsFixedPoint() {
    }

    /** What applies: the lists that count and the union of their grants. */
    public record Result(List<String> accessLists, List<String> roles, Map<String, List<String>> traits) {
        public static final Result NONE = new Result(List.of(), List.of(), Map.of());

        public boolean isEmpty() {
            return accessLists.isEmpty();
        }
    }

    /** @param memberships the definitions of the lists the user is an active member of */
    public static Result compute(Collection<AccessList> memberships) {
        List<AccessList> pending = new ArrayList<>(memberships);
        pending.sort(java.util.Comparator.comparing(AccessList::name));
        TreeSet<String> lists = new TreeSet<>();
        TreeSet<String> roles = new TreeSet<>();
        Map<String, TreeSet<String>> traits = new TreeMap<>();
        boolean joined = true;
        while (joined && !pending.isEmpty()) {
            joined = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                AccessList list = it.next();
                if (!meets(list.spec().membershipRequires(), roles, traits)) {
                    continue;
                }
                it.remove();
                joined = true;
                lists.add(list.name());
                AccessList.Grants grants = list.spec().grants();
                if (grants == null) {
                    continue;
                }
                if (grants.roles() != null) {
                    roles.addAll(grants.roles());
                }
                if (grants.traits() != null) {
                    grants.traits().forEach((name, values) -> {
                        TreeSet<String> held = traits.computeIfAbsent(name, n -> new TreeSet<>());
                        if (values != null) {
                            held.addAll(values);
                        }
                    });
                }
            }
        }
        Map<String, List<String>> traitLists = new LinkedHashMap<>();
        traits.forEach((name, values) -> traitLists.put(name, List.copyOf(values)));
        return new Result(List.copyOf(lists), List.copyOf(roles), Collections.unmodifiableMap(traitLists));
    }

    private static boolean meets(AccessList.Requires requires, Collection<String> roles,
                                 Map<String, TreeSet<String>> traits) {
        if (requires == null) {
            return true;
        }
        if (requires.roles() != null && !roles.containsAll(requires.roles())) {
            return false;
        }
        if (requires.traits() != null) {
            for (var required : requires.traits().entrySet()) {
                List<String> values = required.getValue() == null ? List.of() : required.getValue();
                TreeSet<String> held = traits.get(required.getKey());
                if (held == null ? !values.isEmpty() : !held.containsAll(values)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Traits with names and values sorted and no duplicates; null reads as none. */
    public static Map<String, List<String>> sortedTraits(Map<String, List<String>> traits) {
        if (traits == null || traits.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        new TreeMap<>(traits).forEach((name, values) -> sorted.put(name,
                values == null ? List.of() : List.copyOf(new TreeSet<>(values))));
        return Collections.unmodifiableMap(sorted);
    }
}
