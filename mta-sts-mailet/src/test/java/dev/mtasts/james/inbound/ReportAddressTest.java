package dev.mtasts.james.inbound;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReportAddressTest {

    private static final Set<String> LOCAL = Set.of("example.com", "other.example");

    @ParameterizedTest(name = "{0}@{1} -> {2}")
    @CsvSource({
        "tls-reports, example.com,    true",
        "TLS-Reports, EXAMPLE.com,    true",
        "tls-reports, other.example,  true",
        "tls-reports, foreign.test,   false",
        "tls-report,  example.com,    false",
        "tls-reportsx, example.com,   false",
        "postmaster,  example.com,    false",
    })
    void onlyTheConfiguredLocalPartAtJamesOwnDomains(String localPart, String domain, boolean matches) {
        assertThat(ReportAddress.matches(localPart, domain, "tls-reports", LOCAL)).isEqualTo(matches);
    }
}
