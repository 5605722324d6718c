package dev.accesslists.scim.launcher.audit;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * When an Access List is next due for review. {@code audit.next_audit_date} is taken as it is
 * when set; otherwise the date follows {@code audit.recurrence} — every {@code frequency} months
 * (6 when not set) on {@code day_of_month} (1 when not set; a day past the month's end is its last
 * day) — counted from the list's last change, and the first such date not before today is given.
 */
public final class ReviewDates {
    public static final int DEFAULT_FREQUENCY_MONTHS = 6;
    public static final int DEFAULT_DAY_OF_MONTH = 1;

    private ReviewDates() {
    }

    /** The recurrence in words, and the next review date (ISO date). */
    public record Review(String recurrence, String next) {
    }

    public static Review next(AccessList list, Instant lastChanged, Instant now) {
        AccessList.Audit audit = list.spec().audit();
        AccessList.Recurrence recurrence = audit == null ? null : audit.recurrence();
        int frequency = recurrence == null || recurrence.frequency() == null || recurrence.frequency() < 1
                ? DEFAULT_FREQUENCY_MONTHS : recurrence.frequency();
        int day = recurrence == null || recurrence.dayOfMonth() == null || recurrence.dayOfMonth() < 1
                ? DEFAULT_DAY_OF_MONTH : recurrence.dayOfMonth();
        String words = "every " + frequency + (frequency == 1 ? " month" : " months") + " on day " + day;
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        if (audit != null && audit.nextAuditDate() != null && !audit.nextAuditDate().isBlank()) {
            LocalDate set = parseDate(audit.nextAuditDate());
            if (set != null) {
                return new Review(words, set + (set.isBefore(today) ? " (overdue)" : ""));
            }
        }
        LocalDate base = (lastChanged == null ? now : lastChanged).atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate next = onDay(base.plusMonths(frequency), day);
        while (next.isBefore(today)) {
            next = onDay(next.plusMonths(frequency), day);
        }
        return new Review(words, next.toString());
    }

    private static LocalDate onDay(LocalDate month, int day) {
        return month.withDayOfMonth(Math.min(day, month.lengthOfMonth()));
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toLocalDate();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
