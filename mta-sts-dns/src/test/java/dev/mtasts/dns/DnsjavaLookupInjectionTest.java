package dev.mtasts.dns;

import dev.mtasts.testpeers.InjectingDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DnsjavaLookup} against a server that adds records nobody asked for to its answers (CVE-2024-25638):
 * only the records for the question come back (RFC 1034 §4.3.2, RFC 8461 §3.1).
 */
class DnsjavaLookupInjectionTest {

    private static final String VICTIM = "_mta-sts.victim.test.";
    private static final String VICTIM_RECORD = "v=STSv1; id=victim;";

    private static InjectingDnsServer server;
    private static DnsjavaLookup dns;

    @BeforeAll
    static void startServer() {
        server = InjectingDnsServer.start()
                .answer(VICTIM, Type.TXT,
                        txt("_mta-sts.attacker.test.", "v=STSv1; id=attacker;"),
                        txt(VICTIM, VICTIM_RECORD),
                        a("mail.attacker.test.", "192.0.2.66"))
                .answer("_mta-sts.empty.test.", Type.TXT,
                        txt("_mta-sts.attacker.test.", "v=STSv1; id=attacker;"),
                        a("mail.attacker.test.", "192.0.2.66"))
                // a CNAME and its target in one answer, with unrelated records in between
                .answer("_mta-sts.alias.test.", Type.TXT,
                        cname("_mta-sts.alias.test.", VICTIM),
                        txt("_mta-sts.attacker.test.", "v=STSv1; id=attacker;"),
                        txt(VICTIM, VICTIM_RECORD),
                        a("mail.attacker.test.", "192.0.2.66"))
                // a CNAME alone: the target is asked for next
                .answer("_mta-sts.split.test.", Type.TXT,
                        cname("_mta-sts.split.test.", VICTIM),
                        txt("_mta-sts.attacker.test.", "v=STSv1; id=attacker;"))
                .answer("mx.victim.test.", Type.A,
                        a("mx.victim.test.", "192.0.2.10"),
                        a("mx.attacker.test.", "192.0.2.66"));
        dns = new DnsjavaLookup(new ResolverSettings(List.of(server.address()), Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void returnsOnlyTheVictimsRecord() {
        assertThat(dns.txt("_mta-sts.victim.test")).isEqualTo(DnsAnswer.found(List.of(VICTIM_RECORD)));
    }

    @Test
    void anAnswerOfUnrelatedRecordsOnlyIsNodata() {
        DnsAnswer<String> answer = dns.txt("_mta-sts.empty.test");

        assertThat(answer).isInstanceOf(DnsAnswer.NotFound.class);
        assertThat(((DnsAnswer.NotFound<String>) answer).detail()).startsWith("TXT _mta-sts.empty.test: NODATA");
    }

    @Test
    void followsTheCnameButNotTheUnrelatedRecords() {
        assertThat(dns.txt("_mta-sts.alias.test")).isEqualTo(DnsAnswer.found(List.of(VICTIM_RECORD)));
    }

    @Test
    void followsACnameAnsweredInTwoQueries() {
        assertThat(dns.txt("_mta-sts.split.test")).isEqualTo(DnsAnswer.found(List.of(VICTIM_RECORD)));
    }

    @Test
    void returnsOnlyTheAddressesOfTheHost() throws UnknownHostException {
        assertThat(dns.addresses("mx.victim.test"))
                .isEqualTo(DnsAnswer.found(List.of(InetAddress.getByName("192.0.2.10"))));
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static TXTRecord txt(String owner, String text) {
        return new TXTRecord(name(owner), DClass.IN, 60, text);
    }

    private static ARecord a(String owner, String address) {
        try {
            return new ARecord(name(owner), DClass.IN, 60, InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    private static CNAMERecord cname(String owner, String target) {
        return new CNAMERecord(name(owner), DClass.IN, 60, name(target));
    }
}
