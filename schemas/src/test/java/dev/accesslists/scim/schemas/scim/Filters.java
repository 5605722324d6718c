package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;

/** Short constructors for expected filter trees. */
final class Filters {
    private Filters() {
    }

    static Filter cmp(String path, Operator op, Object value) {
        return new Filter.Compare(AttrPath.parse(path), op, node(value));
    }

    static Filter eq(String path, Object value) {
        return cmp(path, Operator.EQ, value);
    }

    static Filter pr(String path) {
        return new Filter.Present(AttrPath.parse(path));
    }

    static Filter and(Filter left, Filter right) {
        return new Filter.And(left, right);
    }

    static Filter or(Filter left, Filter right) {
        return new Filter.Or(left, right);
    }

    static Filter not(Filter filter) {
        return new Filter.Not(filter);
    }

    static Filter vp(String path, Filter filter) {
        return new Filter.ValuePath(AttrPath.parse(path), filter);
    }

    static JsonNode node(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof Boolean b) {
            return BooleanNode.valueOf(b);
        }
        if (value instanceof Integer i) {
            return IntNode.valueOf(i);
        }
        if (value instanceof BigDecimal d) {
            return DecimalNode.valueOf(d);
        }
        return TextNode.valueOf(value.toString());
    }
}
