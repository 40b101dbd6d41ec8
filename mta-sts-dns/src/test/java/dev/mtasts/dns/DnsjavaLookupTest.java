package dev.mtasts.dns;

import dev.mtasts.testpeers.UnboundServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DnsjavaLookup} against a real unbound serving a static zone on a loopback address. */
class DnsjavaLookupTest {

    private static UnboundServer unbound;
    private static DnsjavaLookup dns;

    @BeforeAll
    static void startUnbound() {
        unbound = UnboundServer.builder()
                .staticZone("test.")
                .serverFailure("broken.test.")
                .localData(
                        "_mta-sts.example.test. 60 IN TXT \"v=STSv1; id=20240101;\"",
                        "_mta-sts.multi.test. 60 IN TXT \"v=STSv1; \" \"id=\" \"split;\"",
                        "_mta-sts.two.test. 60 IN TXT \"v=STSv1; id=1;\"",
                        "_mta-sts.two.test. 60 IN TXT \"v=spf1 -all\"",
                        "_mta-sts.alias.test. 60 IN CNAME _mta-sts.example.test.",
                        "_mta-sts.chain.test. 60 IN CNAME _mta-sts.alias.test.",
                        "_mta-sts.dangling.test. 60 IN CNAME nowhere.test.",
                        "example.test. 60 IN MX 20 MX2.Example.TEST.",
                        "example.test. 60 IN MX 10 mx1.example.test.",
                        "example.test. 60 IN MX 10 a-mx.example.test.",
                        "example.test. 60 IN MX 5 backup.example.test.",
                        "nullmx.test. 60 IN MX 0 .",
                        "mx1.example.test. 60 IN A 127.0.53.10",
                        "mx1.example.test. 60 IN AAAA 2001:db8::10",
                        "v4.example.test. 60 IN A 127.0.53.11",
                        "v6.example.test. 60 IN AAAA 2001:db8::11",
                        "alias-mx.example.test. 60 IN CNAME mx1.example.test.")
                .start();
        dns = lookupVia(unbound.address(), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopUnbound() {
        if (unbound != null) {
            unbound.close();
        }
    }

    @Test
    void findsATxtRecord() {
        assertThat(dns.txt("_mta-sts.example.test")).isEqualTo(found("v=STSv1; id=20240101;"));
    }

    @Test
    void acceptsATrailingDotAndAnyCase() {
        assertThat(dns.txt("_MTA-STS.Example.TEST.")).isEqualTo(found("v=STSv1; id=20240101;"));
    }

    @Test
    void joinsTheStringsOfOneTxtRecordWithNothingInBetween() {
        assertThat(dns.txt("_mta-sts.multi.test")).isEqualTo(found("v=STSv1; id=split;"));
    }

    @Test
    void returnsEveryTxtRecord() {
        DnsAnswer<String> answer = dns.txt("_mta-sts.two.test");

        assertThat(answer).isInstanceOf(DnsAnswer.Found.class);
        assertThat(((DnsAnswer.Found<String>) answer).records())
                .containsExactlyInAnyOrder("v=STSv1; id=1;", "v=spf1 -all");
    }

    @Test
    void nxdomainIsNotFound() {
        assertThat(dns.txt("_mta-sts.nowhere.test")).isEqualTo(
                new DnsAnswer.NotFound<String>("TXT _mta-sts.nowhere.test: NXDOMAIN"));
    }

    @Test
    void nodataIsNotFound() {
        assertThat(dns.txt("example.test")).isEqualTo(
                new DnsAnswer.NotFound<String>("TXT example.test: NODATA (no TXT record)"));
    }

    @Test
    void followsACname() {
        assertThat(dns.txt("_mta-sts.alias.test")).isEqualTo(found("v=STSv1; id=20240101;"));
    }

    @Test
    void followsAChainOfCnames() {
        assertThat(dns.txt("_mta-sts.chain.test")).isEqualTo(found("v=STSv1; id=20240101;"));
    }

    @Test
    void aCnameToANameThatDoesNotExistIsNotFound() {
        DnsAnswer<String> answer = dns.txt("_mta-sts.dangling.test");

        assertThat(answer).isInstanceOf(DnsAnswer.NotFound.class);
        assertThat(((DnsAnswer.NotFound<String>) answer).detail())
                .isEqualTo("TXT _mta-sts.dangling.test (after 1 alias): NXDOMAIN");
    }

    @Test
    void sortsMxByPreferenceAndLowerCasesHostNames() {
        assertThat(dns.mx("example.test")).isEqualTo(new DnsAnswer.Found<>(List.of(
                new MxHost(5, "backup.example.test"),
                new MxHost(10, "a-mx.example.test"),
                new MxHost(10, "mx1.example.test"),
                new MxHost(20, "mx2.example.test"))));
    }

    @Test
    void aNullMxHasAnEmptyHost() {
        // RFC 7505: "0 ." says the domain accepts no mail.
        assertThat(dns.mx("nullmx.test")).isEqualTo(new DnsAnswer.Found<>(List.of(new MxHost(0, ""))));
    }

    @Test
    void noMxIsNotFound() {
        assertThat(dns.mx("mx1.example.test")).isInstanceOf(DnsAnswer.NotFound.class);
    }

    @Test
    void findsIpv4ThenIpv6Addresses() throws IOException {
        assertThat(dns.addresses("mx1.example.test")).isEqualTo(new DnsAnswer.Found<>(List.of(
                InetAddress.getByName("127.0.53.10"), InetAddress.getByName("2001:db8::10"))));
    }

    @Test
    void oneAddressFamilyIsEnough() throws IOException {
        assertThat(dns.addresses("v4.example.test"))
                .isEqualTo(new DnsAnswer.Found<>(List.of(InetAddress.getByName("127.0.53.11"))));
        assertThat(dns.addresses("v6.example.test"))
                .isEqualTo(new DnsAnswer.Found<>(List.of(InetAddress.getByName("2001:db8::11"))));
    }

    @Test
    void followsACnameForAddresses() throws IOException {
        assertThat(dns.addresses("alias-mx.example.test")).isEqualTo(new DnsAnswer.Found<>(List.of(
                InetAddress.getByName("127.0.53.10"), InetAddress.getByName("2001:db8::10"))));
    }

    @Test
    void noAddressIsNotFound() {
        DnsAnswer<InetAddress> answer = dns.addresses("nowhere.test");

        assertThat(answer).isInstanceOf(DnsAnswer.NotFound.class);
        assertThat(((DnsAnswer.NotFound<InetAddress>) answer).detail())
                .isEqualTo("A nowhere.test: NXDOMAIN; AAAA nowhere.test: NXDOMAIN");
    }

    @Test
    void servfailIsATemporaryFailure() {
        DnsAnswer<String> answer = dns.txt("_mta-sts.broken.test");

        assertThat(answer).isInstanceOf(DnsAnswer.TemporaryFailure.class);
        assertThat(((DnsAnswer.TemporaryFailure<String>) answer).detail())
                .startsWith("TXT _mta-sts.broken.test: SERVFAIL from SimpleResolver [")
                .contains(unbound.hostAndPort());
    }

    @Test
    void servfailForAddressesIsATemporaryFailure() {
        assertThat(dns.addresses("mx.broken.test")).isInstanceOf(DnsAnswer.TemporaryFailure.class);
        assertThat(dns.mx("broken.test")).isInstanceOf(DnsAnswer.TemporaryFailure.class);
    }

    @Test
    void aServerThatNeverAnswersIsATemporaryFailure() throws IOException {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.53.2", 0))) {
            DnsjavaLookup lookup = lookupVia((InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofMillis(300));

            DnsAnswer<String> answer = lookup.txt("_mta-sts.example.test");

            assertThat(answer).isInstanceOf(DnsAnswer.TemporaryFailure.class);
            assertThat(((DnsAnswer.TemporaryFailure<String>) answer).detail())
                    .startsWith("TXT _mta-sts.example.test: timed out: no answer within 300 ms from SimpleResolver");
        }
    }

    @Test
    void aPortWhereNothingListensIsATemporaryFailure() throws IOException {
        InetSocketAddress closed = closedPort();
        DnsjavaLookup lookup = lookupVia(closed, Duration.ofSeconds(2));

        DnsAnswer<String> answer = lookup.txt("_mta-sts.example.test");

        assertThat(answer).isInstanceOf(DnsAnswer.TemporaryFailure.class);
        assertThat(((DnsAnswer.TemporaryFailure<String>) answer).detail())
                .startsWith("TXT _mta-sts.example.test: ")
                .contains(closed.getAddress().getHostAddress() + ":" + closed.getPort());
    }

    @Test
    void asksTheNextServerWhenTheFirstFails() throws IOException {
        DnsjavaLookup lookup = new DnsjavaLookup(
                new ResolverSettings(List.of(closedPort(), unbound.address()), Duration.ofSeconds(4)));

        assertThat(lookup.txt("_mta-sts.example.test")).isEqualTo(found("v=STSv1; id=20240101;"));
    }

    @Test
    void cachesNothingBetweenLookups() {
        String name = "_mta-sts.live.test.";
        assertThat(dns.txt(name)).isInstanceOf(DnsAnswer.NotFound.class);

        unbound.addLocalData(name + " 3600 IN TXT \"v=STSv1; id=first;\"");
        assertThat(dns.txt(name)).isEqualTo(found("v=STSv1; id=first;"));

        unbound.replaceLocalData(name, name + " 3600 IN TXT \"v=STSv1; id=second;\"");
        assertThat(dns.txt(name)).isEqualTo(found("v=STSv1; id=second;"));

        unbound.removeLocalData(name);
        assertThat(dns.txt(name)).isInstanceOf(DnsAnswer.NotFound.class);
    }

    private static DnsjavaLookup lookupVia(InetSocketAddress server, Duration timeout) {
        return new DnsjavaLookup(new ResolverSettings(List.of(server), timeout));
    }

    /** A UDP port on loopback with nothing bound to it (bound, then released). */
    private static InetSocketAddress closedPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.53.3", 0))) {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }
    }

    private static DnsAnswer<String> found(String... records) {
        return new DnsAnswer.Found<>(List.of(records));
    }
}
