package dev.mtasts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.testpeers.NginxServer;
import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;
import dev.mtasts.testpeers.TestCertificates.Leaf;
import dev.mtasts.testpeers.UnboundServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mta-sts query} against a real unbound and a real nginx on loopback, with a test CA.
 */
class QueryCommandTest {

    private static final String WEB = "127.0.55.1";
    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx1.good.test\r\n"
        + "mx: *.mx.good.test\r\nmax_age: 604800\r\n";

    @TempDir
    static Path directory;

    private static UnboundServer dns;
    private static NginxServer web;
    private static Path caFile;

    @BeforeAll
    static void startTheWorld() {
        Authority ca = TestCertificates.newAuthority("Query Test CA");
        caFile = ca.writePem(directory.resolve("ca.pem"));
        Authority rogue = TestCertificates.newAuthority("Rogue CA");

        List<String> records = new ArrayList<>();
        NginxServer.Builder sites = NginxServer.builder(directory.resolve("nginx"));
        for (String domain : List.of("good", "notfound", "redirect", "wronghost", "invalid", "untrusted",
            "wrongtype", "twice")) {
            String host = "mta-sts." + domain + ".test";
            records.add(host + ". 60 IN A " + WEB);
            records.add("_mta-sts." + domain + ".test. 60 IN TXT \"v=STSv1; id=20260101;\"");
            Leaf leaf = switch (domain) {
                case "wronghost" -> ca.issue("mta-sts.other.test");
                case "untrusted" -> rogue.issue(host);
                default -> ca.issue(host);
            };
            Path chain = leaf.writeChainPem(directory.resolve(domain + ".chain.pem"));
            Path key = leaf.writeKeyPem(directory.resolve(domain + ".key.pem"));
            switch (domain) {
                case "notfound" -> sites.site(new NginxServer.Site(host, WEB, 443, chain, key, "return 404;"));
                case "redirect" -> sites.site(new NginxServer.Site(host, WEB, 443, chain, key,
                    "return 301 https://mta-sts.good.test/.well-known/mta-sts.txt;"));
                case "invalid" -> sites.policyHost(host, WEB, chain, key, "version: STSv1\nmode: enforce\n");
                case "wrongtype" -> sites.site(new NginxServer.Site(host, WEB, 443, chain, key,
                    "location / { default_type text/html; return 200 'version: STSv1'; }"));
                default -> sites.policyHost(host, WEB, chain, key, POLICY);
            }
        }
        records.add("_mta-sts.twice.test. 60 IN TXT \"v=STSv1; id=20260102;\"");
        records.add("_mta-sts.multistring.test. 60 IN TXT \"v=STSv1; \" \"id=abc;\"");
        dns = UnboundServer.builder()
            .address("127.0.55.53")
            .staticZone("test.")
            .serverFailure("broken.test.")
            .localData(records.toArray(String[]::new))
            .start();
        web = sites.start();
    }

    @AfterAll
    static void stopTheWorld() {
        if (web != null) {
            web.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private record Run(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Run query(String... arguments) {
        List<String> args = new ArrayList<>(List.of("--dns", dns.hostAndPort(), "--ca-file", caFile.toString(),
            "--timeout", "10"));
        args.addAll(List.of(arguments));
        return run(args);
    }

    private static Run run(List<String> arguments) {
        List<String> args = new ArrayList<>(List.of("query"));
        args.addAll(arguments);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = MtaStsCommand.newCommandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void validEnforcePolicy() throws Exception {
        Run run = query("good.test", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("domain").asText()).isEqualTo("good.test");
        assertThat(json.get("result").asText()).isEqualTo("policy");
        assertThat(json.at("/record/id").asText()).isEqualTo("20260101");
        assertThat(json.at("/record/raw").asText()).isEqualTo("v=STSv1; id=20260101;");
        assertThat(json.at("/policy/version").asText()).isEqualTo("STSv1");
        assertThat(json.at("/policy/mode").asText()).isEqualTo("enforce");
        assertThat(json.at("/policy/mx/0").asText()).isEqualTo("mx1.good.test");
        assertThat(json.at("/policy/mx/1").asText()).isEqualTo("*.mx.good.test");
        assertThat(json.at("/policy/max_age").asLong()).isEqualTo(604800);
        assertThat(json.get("detail").isNull()).isTrue();
        assertThat(json.fieldNames()).toIterable()
            .containsExactly("domain", "result", "record", "policy", "detail", "daneMxDnssec", "dane", "daneDetail");
        assertThat(json.get("daneMxDnssec").asText()).isEqualTo("insecure"); // this test's unbound does not validate
    }

    @Test
    void summaryForAPerson() {
        Run run = query("GOOD.test.");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("good.test: MTA-STS policy in mode enforce")
            .contains("mx       mx1.good.test, *.mx.good.test")
            .contains("max_age  604800 s (7 days)");
    }

    @ParameterizedTest(name = "{0}: {1}, exit {2}")
    @CsvSource({
        "absent.test,      none,                   1, NXDOMAIN",
        "twice.test,       none,                   1, 2 records",
        "broken.test,      temporary-failure,      4, SERVFAIL",
        "notfound.test,    sts-policy-fetch-error, 3, 404",
        "redirect.test,    sts-policy-fetch-error, 3, 301",
        "wrongtype.test,   sts-policy-fetch-error, 3, text/html",
        "wronghost.test,   sts-webpki-invalid,     3, mta-sts.wronghost.test",
        "untrusted.test,   sts-webpki-invalid,     3, certification path",
        "invalid.test,     sts-policy-invalid,     3, mx",
    })
    void eachFailureHasItsResultAndExitCode(String domain, String result, int exitCode, String detail)
        throws Exception {
        Run run = query(domain, "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(exitCode);
        JsonNode json = run.json();
        assertThat(json.get("result").asText()).isEqualTo(result);
        assertThat(json.get("policy").isNull()).isTrue();
        assertThat(json.get("detail").asText()).containsIgnoringCase(detail);
    }

    @Test
    void multiStringRecordIsJoined() throws Exception {
        Run run = query("multistring.test", "--json");

        assertThat(run.json().at("/record/raw").asText()).isEqualTo("v=STSv1; id=abc;");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad..domain.test|not a domain name",
        "--timeout=0 good.test|--timeout",
        "--dns 127.0.0.1:99999 good.test|port",
        "--ca-file /nonexistent.pem good.test|/nonexistent.pem",
        "good.test other.test|Unmatched argument",
    })
    void usageErrorsExitWithTwo(String arguments, String message) {
        Run run = run(List.of(arguments.split(" ")));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(message);
    }
}
