package dev.accesslists.scim.schemas.scim;

import java.util.Locale;
import java.util.Optional;

/** The attribute operators of RFC 7644 §3.4.2.2 Table 3, except {@code pr} ({@link Filter.Present}). */
public enum Operator {
    EQ, NE, CO, SW, EW, GT, GE, LT, LE;

    /** The keyword as the RFC spells it ({@code eq}). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is an ordering operator, which RFC 7644 §3.4.2.2 forbids on booleans. */
    public boolean isOrdering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    /** The operator for a keyword in any case, or empty. */
    public static Optional<Operator> fromKeyword(String keyword) {
        for (Operator op : values()) {
            if (op.name().equalsIgnoreCase(keyword)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
