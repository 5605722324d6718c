package dev.accesslists.scim.schemas.grants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The least fixed point of Access List requirements, checked against its definition. */
class GrantsFixedPointProperties {
    private static final List<String> ROLES = List.of("a", "b", "c", "d", "e");

    @Property(tries = 500)
    void shouldCountExactlyTheListsReachableFromNothing(@ForAll("memberships") List<AccessList> lists, @ForAll long seed) {
        GrantsFixedPoint.Result result = GrantsFixedPoint.compute(lists);

        // every list that counts has its requirements met by the result, and no list left out does:
        // nothing more could join
        for (AccessList list : lists) {
            boolean met = met(list, result.roles());
            if (result.accessLists().contains(list.name())) {
                assertThat(met).as("%s counts with its requirements met", list.name()).isTrue();
            } else {
                assertThat(met).as("%s would join: not a fixed point", list.name()).isFalse();
            }
        }
        // it is the least one: built up from nothing, one list at a time, every list that counts is reached
        Set<String> held = new TreeSet<>();
        Set<String> reached = new TreeSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (AccessList list : lists) {
                if (!reached.contains(list.name()) && met(list, held)) {
                    reached.add(list.name());
                    held.addAll(list.spec().grants().roles());
                    grew = true;
                }
            }
        }
        assertThat(result.accessLists()).containsExactlyElementsOf(reached);
        assertThat(result.roles()).containsExactlyElementsOf(held);

        // and the order of the memberships does not matter
        List<AccessList> shuffled = new ArrayList<>(lists);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(GrantsFixedPoint.compute(shuffled)).isEqualTo(result);
    }

    private static boolean met(AccessList list, java.util.Collection<String> roles) {
        AccessList.Requires requires = list.spec().membershipRequires();
        return requires == null || roles.containsAll(requires.roles());
    }

    @Provide
    Arbitrary<List<AccessList>> memberships() {
        Arbitrary<List<String>> roles = Arbitraries.of(ROLES).list().ofMaxSize(2).uniqueElements();
        Arbitrary<AccessList> list = Combinators.combine(Arbitraries.integers().between(0, 999), roles, roles,
                Arbitraries.of(true, false)).as((n, grants, requires, unconditional) -> new AccessList(AccessList.KIND,
                AccessList.VERSION, new AccessList.Metadata("list-" + n, null, null),
                new AccessList.Spec("List " + n, null, AccessList.TYPE_SCIM, new AccessList.Grants(grants, Map.of()),
                        List.of(), unconditional ? null : new AccessList.Requires(requires, Map.of()), null, null)));
        return list.list().ofMaxSize(7).uniqueElements(AccessList::name);
    }
}
