package dev.mtasts.james.inbound;

import dev.mtasts.dns.MxHost;
import dev.mtasts.fetch.PolicyFetcher;
import dev.mtasts.testpeers.FakeDns;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rollout advice is only given on what DNS actually answered (RFC 8461 §3.1: a SERVFAIL is not "no record"). */
class PublishedPolicyLookupTest {

    private static final PolicyFetcher NO_FETCH = domain -> {
        throw new AssertionError("no fetch expected for " + domain);
    };

    @Test
    void aTxtLookupThatFailsTemporarilyGivesNoAnswer() {
        FakeDns dns = new FakeDns().failTemporarily("_mta-sts.example.com")
            .mx("example.com", new MxHost(10, "mx1.example.com"));

        PublishedPolicyLookup.Published published = new PublishedPolicyLookup(dns, NO_FETCH).lookUp("example.com");

        assertThat(published.temporaryFailure()).hasValueSatisfying(failure ->
            assertThat(failure).startsWith("TXT _mta-sts.example.com: "));
        assertThat(published.policy()).isEmpty();
    }

    @Test
    void anMxLookupThatFailsTemporarilyGivesNoAnswer() {
        FakeDns dns = new FakeDns().txt("_mta-sts.example.com", "v=STSv1; id=1;").failTemporarily("example.com");

        PublishedPolicyLookup.Published published = new PublishedPolicyLookup(dns, NO_FETCH).lookUp("example.com");

        assertThat(published.temporaryFailure()).hasValueSatisfying(failure ->
            assertThat(failure).startsWith("MX example.com: "));
        assertThat(published.mxHosts()).isEmpty();
    }

    @Test
    void noRecordIsAnAnswer() {
        FakeDns dns = new FakeDns().mx("example.com", new MxHost(10, "mx1.example.com"));

        PublishedPolicyLookup.Published published = new PublishedPolicyLookup(dns, NO_FETCH).lookUp("example.com");

        assertThat(published.temporaryFailure()).isEmpty();
        assertThat(published.policy()).isEmpty();
        assertThat(published.id()).isEmpty();
        assertThat(published.mxHosts()).containsExactly("mx1.example.com");
    }
}
