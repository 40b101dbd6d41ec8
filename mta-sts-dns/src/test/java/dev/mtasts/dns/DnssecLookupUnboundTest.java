package dev.mtasts.dns;

import dev.mtasts.testpeers.SignedZones;
import dev.mtasts.testpeers.UnboundServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DnsjavaDnssecLookup} against a real validating unbound over zones signed at test time: secure,
 * insecure (a delegation without DS) and bogus (a record edited after signing) answers, CNAME chains across
 * them, and the resolver-validation probe against a validating and a non-validating unbound.
 */
class DnssecLookupUnboundTest {

    private static final String TLSA_A = "3 1 1 " + "aa".repeat(32);
    private static final String TLSA_B = "2 0 1 " + "bb".repeat(32);

    @TempDir
    static Path directory;

    private static UnboundServer validating;
    private static UnboundServer plain;
    private static DnsjavaDnssecLookup lookup;

    @BeforeAll
    static void start() {
        SignedZones zones = SignedZones.builder(directory.resolve("zones"))
                .signed("test.")
                .signed("signed.test.")
                .unsigned("insecure.test.")
                .record("signed.test. 300 IN MX 10 mx.signed.test.")
                .record("mx.signed.test. 300 IN A 127.0.105.25")
                .record("_25._tcp.mx.signed.test. 300 IN TLSA " + TLSA_A)
                .record("_25._tcp.mx.signed.test. 300 IN TLSA " + TLSA_B)
                .record("_25._tcp.alias.signed.test. 120 IN CNAME _25._tcp.mx.signed.test.")
                .record("_25._tcp.out.signed.test. 300 IN CNAME _25._tcp.mx.insecure.test.")
                .record("nodata.signed.test. 300 IN A 127.0.105.26")
                .bogus("_25._tcp.mx.bogus.signed.test. 300 IN TLSA " + TLSA_A, TLSA_B)
                .record("insecure.test. 300 IN MX 10 mx.insecure.test.")
                .record("mx.insecure.test. 300 IN A 127.0.105.27")
                .record("_25._tcp.mx.insecure.test. 300 IN TLSA " + TLSA_A)
                .build();
        validating = zones.serve(UnboundServer.builder().address("127.0.105.53")).start();
        plain = UnboundServer.builder().address("127.0.105.54").staticZone("test.")
                .localData("test. 300 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 60").start();
        lookup = new DnsjavaDnssecLookup(ResolverSettings.of(List.of(validating.hostAndPort()), Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stop() {
        if (validating != null) {
            validating.close();
        }
        if (plain != null) {
            plain.close();
        }
    }

    @ParameterizedTest(name = "TLSA of {0}: {1}")
    @CsvSource({
            "mx.signed.test, secure, 2",
            "alias.signed.test, secure, 2",
            "nothing.signed.test, secure, 0",
            "nodata.signed.test, secure, 0",
            "mx.insecure.test, insecure, 1",
            "out.signed.test, insecure, 1",
            "mx.bogus.signed.test, failed, 0",
    })
    void tlsa(String host, String status, int records) {
        DnssecAnswer<TlsaRecord> answer = lookup.tlsa(host);

        assertThat(statusOf(answer)).as(answer.detail()).isEqualTo(status);
        if (answer instanceof DnssecAnswer.Answered) {
            assertThat(((DnssecAnswer.Answered<TlsaRecord>) answer).records()).hasSize(records);
        }
    }

    @Test
    void tlsaRecordsAreReadBack() {
        DnssecAnswer.Secure<TlsaRecord> answer = (DnssecAnswer.Secure<TlsaRecord>) lookup.tlsa("mx.signed.test");

        assertThat(answer.records()).containsExactlyInAnyOrder(TlsaRecord.parse(TLSA_A), TlsaRecord.parse(TLSA_B));
        assertThat(answer.ttl()).isBetween(Duration.ofSeconds(290), Duration.ofSeconds(300));
    }

    @Test
    void aCnameStepShortensTheTtl() {
        assertThat(((DnssecAnswer.Secure<TlsaRecord>) lookup.tlsa("alias.signed.test")).ttl())
                .isBetween(Duration.ofSeconds(110), Duration.ofSeconds(120));
    }

    @Test
    void aBogusAnswerSaysSo() {
        assertThat(lookup.tlsa("mx.bogus.signed.test").detail()).contains("SERVFAIL").contains("EDE 6 DNSSEC_BOGUS");
    }

    @Test
    void mxAndAddressStatus() throws Exception {
        assertThat(lookup.mx("signed.test")).isInstanceOf(DnssecAnswer.Secure.class);
        assertThat(lookup.mx("insecure.test")).isInstanceOf(DnssecAnswer.Insecure.class);
        DnssecAnswer<InetAddress> addresses = lookup.addresses("mx.signed.test");
        assertThat(addresses).isInstanceOf(DnssecAnswer.Secure.class);
        assertThat(((DnssecAnswer.Secure<InetAddress>) addresses).records())
                .containsExactly(InetAddress.getByName("127.0.105.25"));
        assertThat(lookup.addresses("mx.insecure.test")).isInstanceOf(DnssecAnswer.Insecure.class);
    }

    @Test
    void theProbeTellsAValidatingResolverFromAPlainOne() {
        assertThat(ResolverValidation.probe(lookup, "test.").validating()).isTrue();
        DnsjavaDnssecLookup overPlain = new DnsjavaDnssecLookup(
                ResolverSettings.of(List.of(plain.hostAndPort()), Duration.ofSeconds(5)));
        ResolverValidation notValidating = ResolverValidation.probe(overPlain, "test.");
        assertThat(notValidating.validating()).isFalse();
        assertThat(notValidating.detail()).contains("without the AD bit");
    }

    @Test
    void aSilentServerIsAFailureNotInsecure() {
        DnsjavaDnssecLookup silent = new DnsjavaDnssecLookup(
                ResolverSettings.of(List.of("127.0.105.99:10599"), Duration.ofMillis(300)));

        assertThat(silent.tlsa("mx.signed.test")).isInstanceOf(DnssecAnswer.Failed.class);
    }

    private static String statusOf(DnssecAnswer<?> answer) {
        if (answer instanceof DnssecAnswer.Secure) {
            return "secure";
        }
        if (answer instanceof DnssecAnswer.Insecure) {
            return "insecure";
        }
        return "failed";
    }
}
