package dev.accesslists.scim.schemas.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class FilterProperties {

    private static final ObjectNode USER = JsonFixtures.object("""
            {'userName': 'bjensen', 'title': 'Guide', 'active': 'True', 'name': {'familyName': "O'Malley"},
             'emails': [{'value': 'b@example.com', 'type': 'work', 'primary': true}, 'odd'],
             'meta': {'lastModified': '2011-05-13T04:42:34Z'},
             'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {'employeeNumber': '7', 'manager': 'm1'}}
            """);

    @Property
    void shouldParseWhatItRendersBackToTheSameTree(@ForAll("filters") Filter filter) {
        assertThat(FilterParser.parse(filter.toScimString())).isEqualTo(filter);
    }

    @Property
    void shouldEvaluateAnyFilterWithoutFailingOrChangingTheResource(@ForAll("filters") Filter filter) {
        ObjectNode before = USER.deepCopy();
        boolean first = FilterEvaluator.matches(filter, USER);
        assertThat(FilterEvaluator.matches(filter, USER)).isEqualTo(first);
        assertThat(FilterEvaluator.matches(new Filter.Not(filter), USER)).isEqualTo(!first);
        assertThat(USER).isEqualTo(before);
    }

    @Provide
    Arbitrary<Filter> filters() {
        return filter(3, true);
    }

    private Arbitrary<Filter> filter(int depth, boolean valuePaths) {
        if (depth == 0) {
            return leaf();
        }
        Arbitrary<Filter> sub = Arbitraries.lazy(() -> filter(depth - 1, valuePaths));
        Arbitrary<Filter> and = Combinators.combine(sub, sub).as(Filter.And::new);
        Arbitrary<Filter> or = Combinators.combine(sub, sub).as(Filter.Or::new);
        Arbitrary<Filter> not = sub.map(Filter.Not::new);
        if (!valuePaths) {
            return Arbitraries.frequencyOf(
                    Tuple.of(3, leaf()), Tuple.of(1, and),
                    Tuple.of(1, or), Tuple.of(1, not));
        }
        Arbitrary<Filter> valuePath = Combinators.combine(Arbitraries.of("emails", "ims", "schemas"),
                        Arbitraries.lazy(() -> filter(depth - 1, false)))
                .as((attribute, inner) -> new Filter.ValuePath(AttrPath.of(attribute), inner));
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf()), Tuple.of(1, and), Tuple.of(1, or),
                Tuple.of(1, not), Tuple.of(1, valuePath));
    }

    private Arbitrary<Filter> leaf() {
        Arbitrary<AttrPath> path = Arbitraries.of("userName", "title", "active", "name.familyName", "emails",
                        "emails.value", "value", "type", "primary", "meta.lastModified", "id", "externalId",
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                .map(AttrPath::parse);
        Arbitrary<JsonNode> text = Arbitraries.strings().ofMaxLength(8).map(TextNode::valueOf);
        Arbitrary<JsonNode> number = Arbitraries.integers().map(IntNode::valueOf);
        Arbitrary<JsonNode> literal = Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.getInstance(),
                TextNode.valueOf("2011-05-13T04:42:34Z"), TextNode.valueOf("a \"quoted\" \\ value"));
        Arbitrary<JsonNode> value = Arbitraries.oneOf(text, number, literal);
        Arbitrary<Filter> compare = Combinators.combine(path, Arbitraries.of(Operator.class), value)
                .filter((p, op, v) -> !(op.isOrdering() && (v.isBoolean() || v.isNull())))
                .as(Filter.Compare::new);
        Arbitrary<Filter> present = path.map(Filter.Present::new);
        return Arbitraries.oneOf(compare, compare, present);
    }
}
