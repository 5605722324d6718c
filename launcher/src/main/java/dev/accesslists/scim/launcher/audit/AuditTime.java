package dev.accesslists.scim.launcher.audit;

import dev.accesslists.scim.launcher.UserError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Moments as an auditor types them: an ISO-8601 instant or offset time, a UTC date-time, a date, or {@code now}. */
public final class AuditTime {
    private AuditTime() {
    }

    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        if (value.equalsIgnoreCase("now")) {
            return Instant.now();
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError("not a time: \"" + text + "\" (use 2026-03-14T09:30:00Z, 2026-03-14T09:30 (UTC),"
                    + " 2026-03-14 or now)");
        }
    }
}
