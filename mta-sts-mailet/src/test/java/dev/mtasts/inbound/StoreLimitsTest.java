package dev.mtasts.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The store's one decision and its retention boundary, as tables. */
class StoreLimitsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @ParameterizedTest(name = "stored before {0}, {1} kept that day, at most {2}: {3}")
    @CsvSource({
        "false, 0,    1000, STORED",
        "false, 999,  1000, STORED",
        "false, 1000, 1000, DAILY_LIMIT",
        "false, 1001, 1000, DAILY_LIMIT",
        "true,  0,    1000, DUPLICATE",
        "true,  1000, 1000, DUPLICATE",
        "false, 0,    1,    STORED",
        "false, 1,    1,    DAILY_LIMIT",
    })
    void admit(boolean alreadyStored, int storedThatDay, int max, Admission expected) {
        assertThat(StoreLimits.of(Duration.ofDays(400), max).admit(alreadyStored, storedThatDay)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "EMPTY", value = {
        "STORED,      EMPTY",
        "DUPLICATE,   duplicate",
        "DAILY_LIMIT, daily-limit",
    })
    void anAdmissionIsARejectionOrNone(Admission admission, String code) {
        assertThat(admission.rejection().map(RejectionReason::code)).isEqualTo(Optional.ofNullable(code));
    }

    @ParameterizedTest(name = "period started {0} before now, retention {1}: kept {2}")
    @CsvSource({
        "PT0S,      P400D, true",
        "P399D,     P400D, true",
        "P400D,     P400D, true",
        "P400DT1S,  P400D, false",
        "P31D,      P30D,  false",
    })
    void retained(Duration age, Duration retention, boolean kept) {
        Instant start = NOW.minus(age);
        StoredReport report = new StoredReport(new ReceivedReport("Org", Optional.empty(), "r", start,
                start.plusSeconds(86_399), List.of()), NOW, "pass", Optional.of("example.com"));

        assertThat(StoreLimits.of(retention, 1000).retained(report, NOW)).isEqualTo(kept);
    }

    @Test
    void theDefaultsAndUnlimited() {
        assertThat(StoreLimits.defaults().retention()).isEqualTo(Duration.ofDays(400));
        assertThat(StoreLimits.defaults().maxReportsPerDay()).isEqualTo(1000);
        assertThat(StoreLimits.defaults().keptSince(NOW)).isEqualTo(NOW.minus(Duration.ofDays(400)));
        assertThat(StoreLimits.unlimited().keptSince(NOW)).isEqualTo(Instant.MIN);
        assertThat(StoreLimits.unlimited().admit(false, Integer.MAX_VALUE - 1)).isEqualTo(Admission.STORED);
        assertThat(StoreLimits.of(Duration.ofDays(1), 1).keptSince(Instant.MIN)).isEqualTo(Instant.MIN);
    }

    @Test
    void limitsArePositive() {
        assertThatThrownBy(() -> StoreLimits.of(Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreLimits.of(Duration.ofDays(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
