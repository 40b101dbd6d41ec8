package dev.mtasts.publish;

import dev.mtasts.dns.MxHost;
import dev.mtasts.policy.Mode;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Which mx patterns a domain's MX records become: exact names, a wildcard only where it is safe. */
class PolicyDraftTest {

    static Stream<Arguments> drafts() {
        return Stream.of(
            arguments("one MX", "example.com", "10 mx.example.com", List.of("mx.example.com")),
            arguments("two MX directly in the domain: no wildcard over the whole zone", "example.com",
                "10 mx1.example.com, 20 mx2.example.com", List.of("mx1.example.com", "mx2.example.com")),
            arguments("two MX under a subdomain: a wildcard", "example.com",
                "10 mx1.mail.example.com, 20 mx2.mail.example.com", List.of("*.mail.example.com")),
            arguments("one MX under a subdomain: exact", "example.com",
                "10 mx1.mail.example.com, 20 backup.example.net", List.of("mx1.mail.example.com", "backup.example.net")),
            arguments("a provider's MX hosts: always exact", "example.com",
                "1 aspmx.l.google.com, 5 alt1.aspmx.l.google.com, 5 alt2.aspmx.l.google.com",
                List.of("aspmx.l.google.com", "alt1.aspmx.l.google.com", "alt2.aspmx.l.google.com")),
            arguments("sorted by preference, duplicates once", "example.com",
                "20 b.example.net, 10 a.example.net, 30 a.example.net", List.of("a.example.net", "b.example.net")),
            arguments("mixed: the wildcard where it is safe, in preference order", "example.com",
                "10 in1.mx.example.com, 20 relay.example.org, 30 in2.mx.example.com",
                List.of("*.mx.example.com", "relay.example.org")),
            arguments("upper case from DNS", "example.com", "10 MX.Example.COM", List.of("mx.example.com")),
            arguments("the MX is the domain itself", "example.com", "10 example.com", List.of("example.com")),
            arguments("a look-alike parent is not inside the domain", "example.com",
                "10 a.badexample.com, 20 b.badexample.com", List.of("a.badexample.com", "b.badexample.com")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drafts")
    void patternsFromMxRecords(String name, String domain, String mx, List<String> patterns) {
        assertThat(PolicyDraft.patterns(domain, mxHosts(mx))).extracting(MxPattern::pattern).isEqualTo(patterns);
    }

    @Test
    void theDraftCoversEveryMxHost() throws Exception {
        List<MxHost> mx = mxHosts("10 in1.mx.example.com, 20 relay.example.org, 30 in2.mx.example.com");

        Policy policy = PolicyDraft.policy("example.com", mx, Mode.TESTING, PolicyDraft.DEFAULT_MAX_AGE);

        assertThat(mx).allSatisfy(host -> assertThat(policy.permits(host.host())).isTrue());
        assertThat(policy.toString()).isEqualTo(
            "version: STSv1\r\nmode: testing\r\nmx: *.mx.example.com\r\nmx: relay.example.org\r\nmax_age: 604800\r\n");
    }

    @Test
    void anMxHostThatCannotStandInAPolicyIsRefusedByTheParser() {
        assertThatThrownBy(() -> PolicyDraft.policy("example.com", mxHosts("10 mail_in.example.com"), Mode.ENFORCE, 86400))
            .hasMessageContaining("mx");
    }

    @Test
    void theRecordIdIsTheUtcTime() throws Exception {
        PublishedRecords records = PublishedRecords.at(Instant.parse("2024-06-01T12:34:56Z"), "mailto:tls@example.com");

        assertThat(records.stsZoneLine("example.com"))
            .isEqualTo("_mta-sts.example.com. 3600 IN TXT \"v=STSv1; id=20240601123456;\"");
        assertThat(records.tlsRptZoneLine("example.com"))
            .isEqualTo("_smtp._tls.example.com. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tls@example.com\"");
    }

    @Test
    void aLongTlsRptRecordIsSplitIntoStringsOf255() throws Exception {
        String rua = "https://reports.example.com/" + "a".repeat(300);

        String line = PublishedRecords.at(Instant.EPOCH, rua).tlsRptZoneLine("example.com");

        assertThat(line).startsWith("_smtp._tls.example.com. 3600 IN TXT \"v=TLSRPTv1; rua=https://");
        assertThat(line.split("\" \"")).hasSize(2);
        assertThat(line.replace("\" \"", "")).endsWith(rua + "\"");
    }

    private static List<MxHost> mxHosts(String text) {
        List<MxHost> hosts = new ArrayList<>();
        for (String record : text.split(",\\s*")) {
            String[] parts = record.trim().split(" ");
            hosts.add(new MxHost(Integer.parseInt(parts[0]), parts[1]));
        }
        return hosts;
    }
}
