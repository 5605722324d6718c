package dev.accesslists.scim.launcher.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewDatesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void shouldFollowTheRecurrenceFromTheLastChangeToTheFirstDateNotBeforeToday() {
        // every 3 months on the 31st, last changed in January: April 30 (no 31st), July 31, October 31, January 31
        ReviewDates.Review review = ReviewDates.next(list(new AccessList.Audit(new AccessList.Recurrence(3, 31), null,
                null)), Instant.parse("2026-01-10T00:00:00Z"), NOW);
        assertThat(review.recurrence()).isEqualTo("every 3 months on day 31");
        assertThat(review.next()).isEqualTo("2027-01-31");
    }

    @Test
    void shouldDefaultToEverySixMonthsOnTheFirst() {
        ReviewDates.Review review = ReviewDates.next(list(null), Instant.parse("2026-11-20T00:00:00Z"), NOW);
        assertThat(review.recurrence()).isEqualTo("every 6 months on day 1");
        assertThat(review.next()).isEqualTo("2027-05-01");
    }

    @Test
    void shouldTakeASetNextAuditDateAndSayWhenItIsPast() {
        assertThat(ReviewDates.next(list(new AccessList.Audit(null, "2027-02-01T00:00:00Z", null)), NOW, NOW).next())
                .isEqualTo("2027-02-01");
        assertThat(ReviewDates.next(list(new AccessList.Audit(null, "2026-11-01", null)), NOW, NOW).next())
                .isEqualTo("2026-11-01 (overdue)");
    }

    private static AccessList list(AccessList.Audit audit) {
        return new AccessList(AccessList.KIND, AccessList.VERSION, new AccessList.Metadata("l", null, null),
                new AccessList.Spec("L", null, AccessList.TYPE_SCIM, AccessList.Grants.none(),
                        List.of(new AccessList.Owner("o", null)), null, null, audit));
    }
}
