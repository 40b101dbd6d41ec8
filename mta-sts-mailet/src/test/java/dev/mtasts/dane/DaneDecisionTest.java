package dev.mtasts.dane;

import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.MxHost;
import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.policy.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.mtasts.dane.DnssecStatus.BOGUS;
import static dev.mtasts.dane.DnssecStatus.INSECURE;
import static dev.mtasts.dane.DnssecStatus.SECURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every row of the behaviour table (issue 13, RFC 7672 §2-3 with RFC 8461 §2): facts about one MX host in, the
 * decision out, written as {@code skip <result>} or {@code connect <dane|encrypt-only|no-dane> sts=<mode>
 * <starttls required|opportunistic> [record <result>] [names ...]}.
 */
class DaneDecisionTest {

    private static final String DOMAIN = "dane.test";
    private static final String HOST = "mx.dane.test";
    private static final TlsaRecord USABLE = new TlsaRecord(3, 1, 1, new byte[32]);
    private static final TlsaRecord USABLE_TA = new TlsaRecord(2, 0, 1, new byte[32]);
    private static final TlsaRecord PKIX_EE = new TlsaRecord(1, 1, 1, new byte[32]);
    private static final TlsaRecord SHORT = new TlsaRecord(3, 1, 1, new byte[20]);

    static Stream<Arguments> table() {
        return Stream.of(
                row("DANE inactive: MTA-STS or normal delivery only", false, false, SECURE, tlsa(SECURE, USABLE),
                        StsFacts.none(), "connect no-dane sts=none opportunistic"),
                row("DANE inactive with an enforce policy", false, false, SECURE, tlsa(SECURE, USABLE),
                        StsFacts.of(Mode.ENFORCE, true), "connect no-dane sts=enforce starttls required"),
                row("address bogus: skip the host", true, false, BOGUS, tlsa(INSECURE),
                        StsFacts.none(), "skip dnssec-invalid"),
                row("address insecure: no DANE, normal delivery", true, true, INSECURE, tlsa(INSECURE),
                        StsFacts.none(), "connect no-dane sts=none opportunistic"),
                row("address insecure: no DANE, MTA-STS enforce", true, true, INSECURE, tlsa(INSECURE),
                        StsFacts.of(Mode.ENFORCE, true), "connect no-dane sts=enforce starttls required"),
                row("TLSA bogus: skip the host", true, true, SECURE, tlsa(BOGUS),
                        StsFacts.none(), "skip dnssec-invalid"),
                row("TLSA bogus: never MTA-STS instead", true, true, SECURE, tlsa(BOGUS),
                        StsFacts.of(Mode.ENFORCE, true), "skip dnssec-invalid"),
                row("TLSA insecure: no DANE, normal delivery", true, false, SECURE, tlsa(INSECURE, USABLE),
                        StsFacts.none(), "connect no-dane sts=none opportunistic"),
                row("TLSA insecure: no DANE, MTA-STS testing", true, false, SECURE, tlsa(INSECURE, USABLE),
                        StsFacts.of(Mode.TESTING, false), "connect no-dane sts=testing opportunistic"),
                row("TLSA secure NXDOMAIN / NODATA: no DANE", true, true, SECURE, tlsa(SECURE),
                        StsFacts.none(), "connect no-dane sts=none opportunistic"),
                row("TLSA secure NXDOMAIN / NODATA: MTA-STS enforce", true, true, SECURE, tlsa(SECURE),
                        StsFacts.of(Mode.ENFORCE, true), "connect no-dane sts=enforce starttls required"),
                row("TLSA secure, only unusable records: encrypt, record tlsa-invalid", true, true, SECURE,
                        tlsa(SECURE, PKIX_EE, SHORT), StsFacts.none(),
                        "connect encrypt-only sts=none starttls required record tlsa-invalid"),
                row("TLSA secure, usable, MX insecure: DANE, host name only", true, false, SECURE,
                        tlsa(SECURE, USABLE), StsFacts.none(),
                        "connect dane sts=none starttls required names [mx.dane.test] records 1"),
                row("TLSA secure, usable, MX secure: the domain is a reference name too", true, true, SECURE,
                        tlsa(SECURE, USABLE_TA), StsFacts.none(),
                        "connect dane sts=none starttls required names [mx.dane.test, dane.test] records 1"),
                row("usable and unusable records: only the usable ones", true, true, SECURE,
                        tlsa(SECURE, PKIX_EE, USABLE, SHORT), StsFacts.none(),
                        "connect dane sts=none starttls required names [mx.dane.test, dane.test] records 1"),
                row("DANE and MTA-STS enforce: both must pass", true, true, SECURE, tlsa(SECURE, USABLE),
                        StsFacts.of(Mode.ENFORCE, true),
                        "connect dane sts=enforce starttls required names [mx.dane.test, dane.test] records 1"),
                row("DANE and MTA-STS testing: DANE decides, MTA-STS reported", true, true, SECURE, tlsa(SECURE, USABLE),
                        StsFacts.of(Mode.TESTING, true),
                        "connect dane sts=testing starttls required names [mx.dane.test, dane.test] records 1"),
                row("DANE host outside an enforce policy's mx list: skip", true, true, SECURE, tlsa(SECURE, USABLE),
                        StsFacts.of(Mode.ENFORCE, false), "skip validation-failure"),
                row("outside a testing policy's mx list: DANE still applies", true, true, SECURE, tlsa(SECURE, USABLE),
                        StsFacts.of(Mode.TESTING, false),
                        "connect dane sts=testing starttls required names [mx.dane.test, dane.test] records 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decision(String name, boolean daneActive, boolean mxSecure, DnssecStatus address, TlsaFacts tlsa,
            StsFacts sts, String expected) {
        HostFacts facts = new HostFacts(DOMAIN, mxSecure, HOST, address, tlsa);

        assertThat(describe(DaneDecision.decide(daneActive, facts, sts))).isEqualTo(expected);
    }

    @Test
    void aBogusMxAnswerFailsTheDomain() {
        assertThat(DaneDecision.domainFailure(DnssecAnswer.<MxHost>failed("SERVFAIL"))).isPresent()
                .get().asString().contains("dnssec-invalid");
        assertThat(DaneDecision.domainFailure(DnssecAnswer.insecure(List.of(new MxHost(10, HOST)), Duration.ZERO, "")))
                .isEmpty();
        assertThat(DaneDecision.domainFailure(DnssecAnswer.secure(List.of(new MxHost(10, HOST)), Duration.ZERO, "")))
                .isEmpty();
    }

    @Test
    void stsFactsComeFromThePolicysMxPatterns() throws Exception {
        dev.mtasts.policy.Policy policy = dev.mtasts.policy.PolicyParser.parse(
                "version: STSv1\nmode: enforce\nmx: *.dane.test\nmax_age: 86400\n");

        assertThat(StsFacts.of(java.util.Optional.of(policy), HOST).hostInPolicy()).isTrue();
        assertThat(StsFacts.of(java.util.Optional.of(policy), "mx.other.test").hostInPolicy()).isFalse();
        assertThat(StsFacts.of(java.util.Optional.of(policy), HOST).mode()).isEqualTo(Mode.ENFORCE);
        assertThat(StsFacts.of(java.util.Optional.empty(), HOST)).isSameAs(StsFacts.none());
    }

    private static Arguments row(String name, boolean daneActive, boolean mxSecure, DnssecStatus address,
            TlsaFacts tlsa, StsFacts sts, String expected) {
        return arguments(name, daneActive, mxSecure, address, tlsa, sts, expected);
    }

    private static TlsaFacts tlsa(DnssecStatus status, TlsaRecord... records) {
        return new TlsaFacts(status, List.of(records), "test");
    }

    static String describe(HostDecision decision) {
        if (decision instanceof HostDecision.Skip) {
            return "skip " + ((HostDecision.Skip) decision).reason().wireName();
        }
        HostDecision.TlsDemand demand = ((HostDecision.Connect) decision).demand();
        StringBuilder text = new StringBuilder("connect ");
        text.append(demand.dane().isPresent() ? "dane" : demand.encryptOnly() ? "encrypt-only" : "no-dane");
        text.append(" sts=").append(demand.pkix().wireName());
        text.append(demand.starttlsRequired() ? " starttls required" : " opportunistic");
        demand.recorded().ifPresent(type -> text.append(" record ").append(type.wireName()));
        demand.dane().ifPresent(dane -> text.append(" names ").append(dane.referenceNames())
                .append(" records ").append(dane.records().size()));
        return text.toString();
    }
}
