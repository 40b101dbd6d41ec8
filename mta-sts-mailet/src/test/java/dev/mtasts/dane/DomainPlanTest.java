package dev.mtasts.dane;

import dev.mtasts.dns.DnssecAnswer;
import dev.mtasts.dns.DnssecLookup;
import dev.mtasts.dns.MxHost;
import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.policy.Mode;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A domain's plan: facts gathered per MX host in preference order, each host decided by {@link DaneDecision}. */
class DomainPlanTest {

    private static final TlsaRecord EE = new TlsaRecord(3, 1, 1, new byte[32]);

    private final Map<String, DnssecAnswer<MxHost>> mx = new HashMap<>();
    private final Map<String, DnssecAnswer<InetAddress>> addresses = new HashMap<>();
    private final Map<String, DnssecAnswer<TlsaRecord>> tlsa = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    private final DnssecLookup lookup = new DnssecLookup() {
        @Override
        public DnssecAnswer<TlsaRecord> tlsa(String host) {
            asked.add("TLSA " + host);
            return tlsa.getOrDefault(host, DnssecAnswer.secure(List.of(), Duration.ZERO, "NXDOMAIN"));
        }

        @Override
        public DnssecAnswer<MxHost> mx(String domain) {
            return mx.get(domain);
        }

        @Override
        public DnssecAnswer<InetAddress> addresses(String host) {
            asked.add("A " + host);
            return addresses.getOrDefault(host, DnssecAnswer.insecure(List.of(), Duration.ZERO, "NXDOMAIN"));
        }
    };

    @Test
    void aMixedMxSetSkipsTheBogusHostAndKeepsTheGoodOne() throws Exception {
        mx.put("dane.test", DnssecAnswer.secure(List.of(new MxHost(10, "bad.dane.test"), new MxHost(20, "good.dane.test")),
                Duration.ofMinutes(5), "MX"));
        secureAddress("bad.dane.test");
        secureAddress("good.dane.test");
        tlsa.put("bad.dane.test", DnssecAnswer.failed("SERVFAIL"));
        tlsa.put("good.dane.test", DnssecAnswer.secure(List.of(EE), Duration.ofMinutes(5), "TLSA"));

        DomainPlan plan = DomainPlan.of("dane.test", true, new DaneFactsLookup(lookup), host -> StsFacts.none());

        assertThat(plan.temporaryFailure()).isEmpty();
        assertThat(plan.mxSecure()).isTrue();
        assertThat(plan.hosts()).extracting(host -> host.facts().host()).containsExactly("bad.dane.test", "good.dane.test");
        assertThat(plan.decisionFor("bad.dane.test").orElseThrow()).isInstanceOfSatisfying(HostDecision.Skip.class,
                skip -> assertThat(skip.reason()).isEqualTo(ResultType.DNSSEC_INVALID));
        HostDecision.TlsDemand good = ((HostDecision.Connect) plan.decisionFor("GOOD.dane.test").orElseThrow()).demand();
        assertThat(good.dane().orElseThrow().referenceNames()).containsExactly("good.dane.test", "dane.test");
        assertThat(good.starttlsRequired()).isTrue();
    }

    @Test
    void aBogusMxAnswerIsATemporaryFailureOfTheDomain() {
        mx.put("dane.test", DnssecAnswer.failed("SERVFAIL"));

        DomainPlan plan = DomainPlan.of("dane.test", true, new DaneFactsLookup(lookup), host -> StsFacts.none());

        assertThat(plan.temporaryFailure()).get().asString().contains("dnssec-invalid");
        assertThat(plan.hosts()).isEmpty();
    }

    @Test
    void inactiveDaneAsksNothing() {
        DomainPlan plan = DomainPlan.of("dane.test", false, new DaneFactsLookup(lookup), host -> StsFacts.none());

        assertThat(plan.hosts()).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void anInsecureAddressIsNotAskedForTlsa() {
        mx.put("dane.test", DnssecAnswer.insecure(List.of(new MxHost(10, "mx.dane.test")), Duration.ZERO, "MX"));

        DomainPlan plan = DomainPlan.of("dane.test", true, new DaneFactsLookup(lookup),
                host -> StsFacts.of(Mode.ENFORCE, true));

        assertThat(asked).containsExactly("A mx.dane.test");
        HostDecision.TlsDemand demand = ((HostDecision.Connect) plan.hosts().get(0).decision()).demand();
        assertThat(demand.isDane()).isFalse();
        assertThat(demand.pkix()).isEqualTo(Mode.ENFORCE);
    }

    @Test
    void withoutMxTheDomainIsTheHost() throws Exception {
        mx.put("dane.test", DnssecAnswer.secure(List.of(), Duration.ZERO, "NODATA"));
        secureAddress("dane.test");
        tlsa.put("dane.test", DnssecAnswer.secure(List.of(EE), Duration.ZERO, "TLSA"));

        DomainPlan plan = DomainPlan.of("dane.test", true, new DaneFactsLookup(lookup), host -> StsFacts.none());

        assertThat(plan.hosts()).extracting(host -> host.facts().host()).containsExactly("dane.test");
        assertThat(((HostDecision.Connect) plan.hosts().get(0).decision()).demand().dane()).isPresent();
    }

    @Test
    void theBounceTextNamesEachHostWhatHappenedAndItsRecords() throws Exception {
        secureAddress("mx1.dane.test");
        secureAddress("mx2.dane.test");
        mx.put("dane.test", DnssecAnswer.secure(List.of(new MxHost(10, "mx1.dane.test"), new MxHost(20,
                "mx2.dane.test")), Duration.ZERO, "MX"));
        tlsa.put("mx1.dane.test", DnssecAnswer.secure(List.of(EE), Duration.ZERO, "TLSA"));
        tlsa.put("mx2.dane.test", DnssecAnswer.failed("SERVFAIL (bogus)"));
        DomainPlan plan = DomainPlan.of("dane.test", true, new DaneFactsLookup(lookup), host -> StsFacts.none());
        TlsOutcome mismatch = new TlsOutcome(Instant.EPOCH, "dane.test", Mode.NONE, "", "mx1.dane.test",
                Optional.of(ResultType.CERTIFICATE_NOT_TRUSTED), "no TLSA record matches").withTlsa(List.of(EE
                .toString()));

        assertThat(DaneFailureText.notice("dane.test", Optional.of("policy id p1, mode testing"), plan,
                List.of(mismatch))).get().asString()
                .startsWith("DANE (RFC 7672): no MX host of dane.test could be used (its MTA-STS policy applies too:"
                        + " policy id p1, mode testing):")
                .contains("\n  MX mx1.dane.test: certificate-not-trusted: no TLSA record matches; TLSA " + EE)
                .contains("\n  MX mx2.dane.test: skipped: dnssec-invalid: ");
        assertThat(DaneFailureText.notice("dane.test", Optional.empty(), plan, List.of())).get().asString()
                .contains("MX mx1.dane.test: no TLS session");
        assertThat(DaneFailureText.notice("dane.test", Optional.empty(), plan,
                List.of(new TlsOutcome(Instant.EPOCH, "dane.test", Mode.NONE, "", "mx1.dane.test", Optional.empty(),
                        "ok").withTlsa(List.of(EE.toString()))))).isEmpty();
    }

    private void secureAddress(String host) throws Exception {
        addresses.put(host, DnssecAnswer.secure(List.of(InetAddress.getByName("127.0.105.25")), Duration.ZERO, "A"));
    }
}
