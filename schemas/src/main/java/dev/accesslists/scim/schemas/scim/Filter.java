package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;

/**
 * A SCIM filter, RFC 7644 §3.4.2.2, as an immutable tree. Build one with {@link FilterParser#parse}
 * and evaluate it with {@link FilterEvaluator#matches}.
 */
public sealed interface Filter {

    /** The filter in RFC 7644 §3.4.2.2 notation; parsing it gives back an equal tree. */
    String toScimString();

    /** {@code path eq "value"}. */
    static Filter eq(String path, String value) {
        return new Compare(AttrPath.parse(path), Operator.EQ, TextNode.valueOf(value));
    }

    /**
     * {@code attrPath compareOp compValue}.
     *
     * @param value a JSON string, number, boolean or null
     */
    record Compare(AttrPath path, Operator op, JsonNode value) implements Filter {
        public Compare {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
            if (!value.isValueNode()) {
                throw new IllegalArgumentException("a comparison value must be a string, number, boolean or null");
            }
            if (op.isOrdering() && (value.isBoolean() || value.isNull())) {
                throw new IllegalArgumentException(op.keyword() + " cannot compare with " + value);
            }
        }

        @Override
        public String toScimString() {
            return path.toScimString() + " " + op.keyword() + " " + value;
        }
    }

    /** {@code attrPath pr}: the attribute has a non-empty value. */
    record Present(AttrPath path) implements Filter {
        public Present {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toScimString() {
            return path.toScimString() + " pr";
        }
    }

    /** {@code left and right}. */
    record And(Filter left, Filter right) implements Filter {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toScimString() {
            return group(left, left instanceof Or) + " and " + group(right, right instanceof Or || right instanceof And);
        }
    }

    /** {@code left or right}; binds looser than {@code and}. */
    record Or(Filter left, Filter right) implements Filter {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toScimString() {
            return left.toScimString() + " or " + group(right, right instanceof Or);
        }
    }

    /** {@code not (filter)}. */
    record Not(Filter filter) implements Filter {
        public Not {
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public String toScimString() {
            return "not (" + filter.toScimString() + ")";
        }
    }

    /**
     * {@code attrPath[valFilter]}: some value of the multi-valued attribute {@code path} matches
     * {@code filter}, whose paths are relative to that value. The non-standard
     * {@code emails[type eq "work"].value eq "x"} that Entra ID sends parses to
     * {@code emails[type eq "work" and value eq "x"]}, which means the same.
     */
    record ValuePath(AttrPath path, Filter filter) implements Filter {
        public ValuePath {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(filter, "filter");
            if (path.subAttribute() != null) {
                throw new IllegalArgumentException("a value filter applies to an attribute, not to a sub-attribute");
            }
        }

        @Override
        public String toScimString() {
            return path.toScimString() + "[" + filter.toScimString() + "]";
        }
    }

    private static String group(Filter filter, boolean parenthesise) {
        return parenthesise ? "(" + filter.toScimString() + ")" : filter.toScimString();
    }
}
