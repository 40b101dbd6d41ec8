package dev.mtasts.discovery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyDomainTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Example.COM., example.com",
        "example.com, example.com",
        "'', ''",
        "., ''",
    })
    void normalizes(String domain, String normal) {
        assertThat(PolicyDomain.normalize(domain)).isEqualTo(normal);
    }

    // RFC 1123 §2.1: letter-digit-hyphen labels of 1 to 63 characters, 253 in all
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "example.com, true",
        "localhost, true",
        "xn--bcher-kva.example, true",
        "3com.example, true",
        "a-b.example, true",
        "'', false",
        "a..b, false",
        ".example.com, false",
        "-a.example, false",
        "a-.example, false",
        "under_score.example, false",
        "exa mple.com, false",
        "../../etc, false",
        "Example.com, false",
    })
    void tellsHostNames(String name, boolean hostName) {
        assertThat(PolicyDomain.isHostName(name)).isEqualTo(hostName);
    }

    @org.junit.jupiter.api.Test
    void boundsLabelsAndNames() {
        assertThat(PolicyDomain.isHostName("a".repeat(63) + ".example")).isTrue();
        assertThat(PolicyDomain.isHostName("a".repeat(64) + ".example")).isFalse();
        String name253 = ("a".repeat(61) + ".").repeat(4) + "a".repeat(5);
        assertThat(name253).hasSize(253);
        assertThat(PolicyDomain.isHostName(name253)).isTrue();
        assertThat(PolicyDomain.isHostName(name253 + "a")).isFalse();
    }
}
