package dev.mtasts.dane;

import dev.mtasts.dns.TlsaRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7672 §3.1.3: only DANE-TA and DANE-EE with known selectors and matching types of the right length. */
class UsableTlsaTest {

    @ParameterizedTest(name = "{0} {1} {2} with {3} bytes: usable {4}")
    @CsvSource({
            "3, 1, 1, 32, true",
            "3, 0, 1, 32, true",
            "2, 0, 1, 32, true",
            "2, 1, 2, 64, true",
            "3, 1, 0, 91, true",
            "3, 1, 1, 31, false",
            "3, 1, 1, 33, false",
            "3, 1, 2, 32, false",
            "3, 1, 0, 0, false",
            "0, 0, 1, 32, false",
            "1, 1, 1, 32, false",
            "4, 1, 1, 32, false",
            "3, 2, 1, 32, false",
            "3, 1, 3, 32, false",
            "255, 255, 255, 32, false",
    })
    void usability(int usage, int selector, int matching, int length, boolean usable) {
        TlsaRecord record = new TlsaRecord(usage, selector, matching, new byte[length]);

        assertThat(UsableTlsa.isUsable(record)).isEqualTo(usable);
        assertThat(UsableTlsa.usable(java.util.List.of(record))).hasSize(usable ? 1 : 0);
    }
}
