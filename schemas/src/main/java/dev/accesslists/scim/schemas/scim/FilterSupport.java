package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** Recognises filters a store can answer from an index instead of a scan. */
public final class FilterSupport {
    private FilterSupport() {
    }

    /**
     * The compared value when the filter is exactly {@code <attribute> eq <value>}, the form Okta
     * and Entra ID use for existence checks ({@code userName eq "x"}, {@code displayName eq "x"}).
     * The value is returned as sent, so an index of a case-insensitive attribute must fold case
     * itself; an unquoted integer ({@code externalId eq 123}) is returned as its text.
     *
     * @param attribute an attribute path such as {@code userName}; compared ignoring case
     */
    public static Optional<String> simpleEquality(Filter filter, String attribute) {
        if (!(filter instanceof Filter.Compare compare) || compare.op() != Operator.EQ) {
            return Optional.empty();
        }
        JsonNode value = compare.value();
        if (!(value.isTextual() || value.isIntegralNumber())) {
            return Optional.empty();
        }
        AttrPath wanted;
        try {
            wanted = AttrPath.parseOrThrow(attribute);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return compare.path().equals(wanted) ? Optional.of(value.asText()) : Optional.empty();
    }

    /**
     * An equality an index can answer: the filter is {@code <attribute> eq <value>}, or an
     * {@code and} with such a term on one side, for one of {@code attributes}. A multi-valued
     * attribute's sub-attribute matches both {@code members.value eq "x"} and
     * {@code members[value eq "x"]}. The candidates an index yields must still be checked against
     * the whole filter.
     *
     * @param attributes paths such as {@code userName} or {@code members.value}, in order of preference
     */
    public static Optional<Equality> indexable(Filter filter, List<String> attributes) {
        for (String attribute : attributes) {
            Optional<String> value = findEquality(filter, AttrPath.parseOrThrow(attribute));
            if (value.isPresent()) {
                return Optional.of(new Equality(attribute, value.get()));
            }
        }
        return Optional.empty();
    }

    /** A term {@code attribute eq value} of a filter. */
    public record Equality(String attribute, String value) {
    }

    private static Optional<String> findEquality(Filter filter, AttrPath wanted) {
        if (filter instanceof Filter.And and) {
            Optional<String> left = findEquality(and.left(), wanted);
            return left.isPresent() ? left : findEquality(and.right(), wanted);
        }
        if (filter instanceof Filter.ValuePath valuePath && wanted.subAttribute() != null
                && valuePath.path().equals(new AttrPath(wanted.schemaUrn(), wanted.attribute(), null))) {
            return findEquality(valuePath.filter(), new AttrPath(null, wanted.subAttribute(), null));
        }
        if (!(filter instanceof Filter.Compare compare) || compare.op() != Operator.EQ) {
            return Optional.empty();
        }
        JsonNode value = compare.value();
        if (!(value.isTextual() || value.isIntegralNumber())) {
            return Optional.empty();
        }
        return compare.path().equals(wanted) ? Optional.of(value.asText()) : Optional.empty();
    }

    /**
     * The member ids a filter names, when every reference it makes to {@code members} is an
     * equality on the member's value ({@code members.value eq "x"}, {@code members[value eq "x"]},
     * combined in any way): the filter then gives the same answer on a group whose members are
     * only those of these ids the group has. Empty when the filter looks at members otherwise.
     */
    public static Optional<java.util.Set<String>> memberValues(Filter filter) {
        java.util.Set<String> values = new java.util.TreeSet<>();
        return collectMemberValues(filter, values, false) ? Optional.of(values) : Optional.empty();
    }

    private static boolean collectMemberValues(Filter filter, java.util.Set<String> values, boolean insideMembers) {
        if (filter instanceof Filter.And and) {
            return collectMemberValues(and.left(), values, insideMembers)
                    && collectMemberValues(and.right(), values, insideMembers);
        } else if (filter instanceof Filter.Or or) {
            return collectMemberValues(or.left(), values, insideMembers)
                    && collectMemberValues(or.right(), values, insideMembers);
        } else if (filter instanceof Filter.Not not) {
            return collectMemberValues(not.filter(), values, insideMembers);
        } else if (filter instanceof Filter.ValuePath valuePath) {
            if (!valuePath.path().attribute().equalsIgnoreCase("members")) {
                return true;
            }
            return !insideMembers && collectMemberValues(valuePath.filter(), values, true);
        } else if (filter instanceof Filter.Compare compare) {
            AttrPath path = compare.path();
            boolean value = insideMembers ? path.attribute().equalsIgnoreCase("value") && path.subAttribute() == null
                    : path.attribute().equalsIgnoreCase("members") && "value".equalsIgnoreCase(path.subAttribute());
            if (!insideMembers && !path.attribute().equalsIgnoreCase("members")) {
                return true;
            }
            if (value && compare.op() == Operator.EQ && (compare.value().isTextual() || compare.value().isIntegralNumber())) {
                values.add(compare.value().asText());
                return true;
            }
            return false;
        } else if (filter instanceof Filter.Present present) {
            return !insideMembers && !present.path().attribute().equalsIgnoreCase("members");
        }
        return false;
    }
}
