package dev.mtasts.james.delivery;

import dev.mtasts.dane.DaneFactsLookup;
import dev.mtasts.dane.DomainPlan;
import dev.mtasts.dane.StsFacts;
import dev.mtasts.dns.TlsaRecord;
import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.tls.MxConnection;
import dev.mtasts.james.tls.TlsFailure;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.policy.Mode;
import dev.mtasts.policy.Policy;
import dev.mtasts.service.PolicyLookup;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * What a DANE lane attempt records and says: a session with a DANE host is a {@code tlsa} outcome naming the TLSA
 * records (RFC 8460 §4.4), a host held to only unusable records is reported {@code tlsa-invalid} even when its
 * session succeeds (RFC 7672 §3.1.3), a PKIX failure under an enforce policy that applies too is the policy's
 * outcome (RFC 8461 §2), and the bounce names each host, what happened to it and its records.
 */
class DaneAttemptOutcomesTest {

    private static final String DOMAIN = "example.test";
    private static final TlsaRecord DANE_EE = TlsaRecord.parse(
        "3 1 1 8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d");
    private static final TlsaRecord PKIX_EE = TlsaRecord.parse(
        "1 1 1 8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d");

    private final Collaborators.RecordedOutcomes outcomes = new Collaborators.RecordedOutcomes();
    private final InMemoryDnssec dnssec = new InMemoryDnssec();
    private DeliveryAttempt attempt;

    @AfterEach
    void endAttempt() {
        if (attempt != null) {
            attempt.end();
        }
    }

    private DeliveryAttempt daneAttempt(PolicyLookup lookup) throws Exception {
        attempt = DeliveryAttempt.begin(FakeMail.builder().name("m").recipient("u@" + DOMAIN).build(),
            DeliveryRoute.DANE, 0, false, Duration.ZERO, outcomes.recorder(), Collaborators.mxTls(),
            Clock.systemUTC());
        attempt.lookedUp(DOMAIN, lookup);
        Optional<Policy> policy = lookup instanceof PolicyLookup.Applicable
            ? Optional.of(((PolicyLookup.Applicable) lookup).cached().policy()) : Optional.empty();
        attempt.planned(DomainPlan.of(DOMAIN, true, new DaneFactsLookup(dnssec), host -> StsFacts.of(policy, host)));
        return attempt;
    }

    private static MxConnection connection(String host) {
        return new MxConnection(host, Optional.empty(), Optional.empty());
    }

    @Test
    void aDaneSessionIsATlsaOutcomeNamingTheRecords() throws Exception {
        dnssec.secureMx(DOMAIN, "mx1.example.test").secureHost("mx1.example.test", List.of(DANE_EE));
        daneAttempt(PolicyLookup.noPolicy("NXDOMAIN", Optional.empty()));

        attempt.daneChecked(connection("mx1.example.test"), Optional.empty(), "TLSv1.3 TLS_AES_128_GCM_SHA256");

        assertThat(outcomes.all()).extracting(TlsOutcome::mxHost, TlsOutcome::isDane, TlsOutcome::isSuccess,
                TlsOutcome::tlsaRecords, TlsOutcome::mode)
            .containsExactly(tuple("mx1.example.test", true, true, List.of(DANE_EE.toString()), Mode.NONE));
        assertThat(attempt.failureNotice()).isEmpty();
    }

    @Test
    void onlyUnusableRecordsAreReportedTlsaInvalidThoughTheSessionSucceeds() throws Exception {
        dnssec.secureMx(DOMAIN, "mx1.example.test").secureHost("mx1.example.test", List.of(PKIX_EE));
        daneAttempt(PolicyLookup.noPolicy("NXDOMAIN", Optional.empty()));

        // The certificate's own verdict (here a name that does not match) does not count: no authentication.
        attempt.certificateVerified(connection("mx1.example.test"), Optional.of(new TlsFailure(
            ResultType.CERTIFICATE_HOST_MISMATCH, "certificate names [other.test]")), "TLSv1.3");

        assertThat(outcomes.all()).extracting(TlsOutcome::isDane, TlsOutcome::failure)
            .containsExactly(tuple(true, Optional.of(ResultType.TLSA_INVALID)));
    }

    @Test
    void aPkixFailureUnderAnEnforcePolicyIsThePolicysOutcome() throws Exception {
        PolicyWorld world = new PolicyWorld().publish(DOMAIN, "p1", Mode.ENFORCE, "*.example.test");
        dnssec.secureMx(DOMAIN, "mx1.example.test").secureHost("mx1.example.test", List.of(DANE_EE));
        daneAttempt(world.newService().policyFor(DOMAIN));

        attempt.certificateVerified(connection("mx1.example.test"), Optional.of(new TlsFailure(
            ResultType.CERTIFICATE_NOT_TRUSTED, "unknown CA")), "TLSv1.3");

        assertThat(outcomes.all()).extracting(TlsOutcome::isDane, TlsOutcome::failure, TlsOutcome::policyId)
            .containsExactly(tuple(false, Optional.of(ResultType.CERTIFICATE_NOT_TRUSTED), "p1"));
    }

    @Test
    void theBounceNamesEachHostWhatHappenedAndItsRecords() throws Exception {
        dnssec.secureMx(DOMAIN, "mx1.example.test", "mx2.example.test", "mx3.example.test")
            .secureHost("mx1.example.test", List.of(DANE_EE)).bogusTlsa("mx2.example.test")
            .secureHost("mx3.example.test", List.of(DANE_EE));
        daneAttempt(PolicyLookup.noPolicy("NXDOMAIN", Optional.empty()));

        attempt.daneChecked(connection("mx1.example.test"), Optional.of(new TlsFailure(
            ResultType.CERTIFICATE_NOT_TRUSTED, "DANE (RFC 7672): no TLSA record matches")), "TLSv1.3");

        assertThat(attempt.failureNotice()).get().asString()
            .contains("DANE (RFC 7672): no MX host of example.test could be used")
            .contains("MX mx1.example.test: certificate-not-trusted: DANE (RFC 7672): no TLSA record matches; TLSA "
                + DANE_EE)
            .contains("MX mx2.example.test: skipped: dnssec-invalid")
            .contains("MX mx3.example.test: no TLS session");
        assertThat(attempt.failureSummary()).get().asString().doesNotContain("\n");
        assertThat(attempt.failedOnPolicy()).isTrue();
    }

    @Test
    void connectionsThatNeverReachedTlsAreNotBlamedOnDane() throws Exception {
        dnssec.secureMx(DOMAIN, "mx1.example.test").secureHost("mx1.example.test", List.of(DANE_EE));
        daneAttempt(PolicyLookup.noPolicy("NXDOMAIN", Optional.empty()));

        assertThat(attempt.failureNotice()).isEmpty();
        assertThat(attempt.failedOnPolicy()).isFalse();
    }
}
