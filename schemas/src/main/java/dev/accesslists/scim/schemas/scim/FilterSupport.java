package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
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
}
