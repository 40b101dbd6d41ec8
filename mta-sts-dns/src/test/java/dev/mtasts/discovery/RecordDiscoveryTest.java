package dev.mtasts.discovery;

import dev.mtasts.dns.DnsAnswer;
import dev.mtasts.testpeers.FakeDns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** RFC 8461 §3.1 and RFC 8460 §3: which TXT record counts, over a table-driven fake DNS. */
class RecordDiscoveryTest {

    private static final String STS_NAME = "_mta-sts.example.com";
    private static final String TLSRPT_NAME = "_smtp._tls.example.com";
    private static final String SPF = "v=spf1 -all";

    static Stream<Arguments> stsCases() {
        return Stream.of(
                sts("no record (NXDOMAIN)", DnsAnswer.notFound("TXT " + STS_NAME + ": NXDOMAIN"),
                        StsDiscovery.Absent.class, "NXDOMAIN"),
                sts("no TXT record (NODATA)", DnsAnswer.notFound("TXT " + STS_NAME + ": NODATA"),
                        StsDiscovery.Absent.class, "NODATA"),
                sts("one record", found("v=STSv1; id=20240101;"), StsDiscovery.Found.class, "20240101"),
                sts("one record and an SPF record", found(SPF, "v=STSv1; id=abc;"), StsDiscovery.Found.class, "abc"),
                sts("only an SPF record", found(SPF), StsDiscovery.Absent.class,
                        "no record begins with \"v=STSv1;\" (1 other record)"),
                sts("two records", found("v=STSv1; id=1;", "v=STSv1; id=2;"), StsDiscovery.Invalid.class,
                        "2 records begin with \"v=STSv1;\""),
                sts("two identical records", found("v=STSv1; id=1;", "v=STSv1; id=1;"), StsDiscovery.Invalid.class,
                        "2 records"),
                sts("one valid and one invalid STSv1 record", found("v=STSv1; id=1;", "v=STSv1; id=;"),
                        StsDiscovery.Invalid.class, "2 records"),
                sts("strings joined without a space", found("v=STSv1;" + "id=joined;"), StsDiscovery.Found.class, "joined"),
                sts("space before the first ;", found("v=STSv1 ; id=1"), StsDiscovery.Found.class, "1"),
                sts("one record that does not parse", found("v=STSv1; id=not-valid;"), StsDiscovery.Invalid.class,
                        "TXT " + STS_NAME + ": Invalid MTA-STS record at column 16"),
                sts("version without ; is discarded", found("v=STSv1"), StsDiscovery.Absent.class, "no record begins with"),
                sts("version in lower case is discarded", found("v=stsv1; id=1;"), StsDiscovery.Absent.class, "no record begins with"),
                sts("version 10 is discarded", found("v=STSv10; id=1;", "v=STSv1; id=2;"), StsDiscovery.Found.class, "2"),
                sts("leading space is discarded", found(" v=STSv1; id=1;"), StsDiscovery.Absent.class, "no record begins with"),
                sts("a TLSRPT record is not an STS record", found("v=TLSRPTv1; rua=mailto:a@example.com"),
                        StsDiscovery.Absent.class, "no record begins with"),
                sts("temporary failure", DnsAnswer.temporaryFailure("TXT " + STS_NAME + ": SERVFAIL"),
                        StsDiscovery.TemporaryFailure.class, "SERVFAIL"));
    }

    static Stream<Arguments> tlsRptCases() {
        return Stream.of(
                tlsRpt("no record", DnsAnswer.notFound("TXT " + TLSRPT_NAME + ": NXDOMAIN"),
                        TlsRptDiscovery.Absent.class, "NXDOMAIN"),
                tlsRpt("one record", found("v=TLSRPTv1; rua=mailto:tlsrpt@example.com"), TlsRptDiscovery.Found.class,
                        "mailto:tlsrpt@example.com"),
                tlsRpt("one record and an SPF record", found(SPF, "v=TLSRPTv1;rua=https://r.example.com/"),
                        TlsRptDiscovery.Found.class, "https://r.example.com/"),
                tlsRpt("only an SPF record", found(SPF), TlsRptDiscovery.Absent.class, "no record begins with \"v=TLSRPTv1;\" (1 other record)"),
                tlsRpt("two records", found("v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com"),
                        TlsRptDiscovery.Invalid.class, "2 records begin with \"v=TLSRPTv1;\""),
                tlsRpt("strings joined without a space", found("v=TLSRPTv1;" + "rua=mailto:a@example.com"),
                        TlsRptDiscovery.Found.class, "mailto:a@example.com"),
                tlsRpt("one record that does not parse", found("v=TLSRPTv1; rua=http://r.example.com/"),
                        TlsRptDiscovery.Invalid.class, "rua names no mailto: or https: URI"),
                tlsRpt("an STS record is not a TLSRPT record", found("v=STSv1; id=1;"), TlsRptDiscovery.Absent.class, "no record begins with"),
                tlsRpt("temporary failure", DnsAnswer.temporaryFailure("TXT " + TLSRPT_NAME + ": timed out"),
                        TlsRptDiscovery.TemporaryFailure.class, "timed out"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stsCases")
    void selectsTheStsRecord(String description, DnsAnswer<String> answer, Class<?> expected, String expectation) {
        FakeDns dns = new FakeDns().txt(STS_NAME, answer);

        StsDiscovery discovery = new RecordDiscovery(dns).sts("example.com");

        assertThat(discovery).isInstanceOf(expected);
        if (discovery instanceof StsDiscovery.Found found) {
            assertThat(found.record().id()).isEqualTo(expectation);
            assertThat(List.of(found.raw())).isSubsetOf(((DnsAnswer.Found<String>) answer).records());
        } else {
            assertThat(detail(discovery)).contains(expectation);
        }
        assertThat(dns.questions()).containsExactly("TXT " + STS_NAME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tlsRptCases")
    void selectsTheTlsRptRecord(String description, DnsAnswer<String> answer, Class<?> expected, String expectation) {
        FakeDns dns = new FakeDns().txt(TLSRPT_NAME, answer);

        TlsRptDiscovery discovery = new RecordDiscovery(dns).tlsRpt("example.com");

        assertThat(discovery).isInstanceOf(expected);
        if (discovery instanceof TlsRptDiscovery.Found found) {
            assertThat(found.record().rua()).containsExactly(URI.create(expectation));
        } else {
            assertThat(detail(discovery)).contains(expectation);
        }
        assertThat(dns.questions()).containsExactly("TXT " + TLSRPT_NAME);
    }

    static Stream<Arguments> domainSpellings() {
        return Stream.of(
                arguments("lower case", "example.com"),
                arguments("upper case", "EXAMPLE.COM"),
                arguments("mixed case with trailing dot", "Example.Com."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("domainSpellings")
    void normalisesTheDomainBeforeTheQuery(String description, String domain) {
        FakeDns dns = new FakeDns()
                .txt(STS_NAME, "v=STSv1; id=1;")
                .txt(TLSRPT_NAME, "v=TLSRPTv1; rua=mailto:a@example.com");
        RecordDiscovery discovery = new RecordDiscovery(dns);

        assertThat(discovery.sts(domain)).isInstanceOf(StsDiscovery.Found.class);
        assertThat(discovery.tlsRpt(domain)).isInstanceOf(TlsRptDiscovery.Found.class);
        assertThat(dns.questions()).containsExactly("TXT " + STS_NAME, "TXT " + TLSRPT_NAME);
    }

    @Test
    void neverQueriesAParentZone() {
        // RFC 8461 §3.4: a subdomain's absence of a record does not send us looking at the parent.
        FakeDns dns = new FakeDns().txt(STS_NAME, "v=STSv1; id=parent;");

        StsDiscovery discovery = new RecordDiscovery(dns).sts("mail.example.com");

        assertThat(discovery).isInstanceOf(StsDiscovery.Absent.class);
        assertThat(dns.questions()).containsExactly("TXT _mta-sts.mail.example.com");
    }

    @Test
    void anEmptyDomainIsAbsentWithoutAQuery() {
        FakeDns dns = new FakeDns();
        RecordDiscovery discovery = new RecordDiscovery(dns);

        assertThat(discovery.sts("")).isInstanceOf(StsDiscovery.Absent.class);
        assertThat(discovery.tlsRpt(".")).isInstanceOf(TlsRptDiscovery.Absent.class);
        assertThat(dns.questions()).isEmpty();
    }

    @Test
    void foundKeepsTheRawRecordText() {
        FakeDns dns = new FakeDns().txt(STS_NAME, SPF, "v=STSv1;id=abc;  ext=1");

        StsDiscovery discovery = new RecordDiscovery(dns).sts("example.com");

        assertThat(discovery).isEqualTo(new StsDiscovery.Found(
                new StsRecord("abc", java.util.Map.of("ext", "1")), "v=STSv1;id=abc;  ext=1"));
    }

    private static Arguments sts(String description, DnsAnswer<String> answer, Class<? extends StsDiscovery> expected,
            String expectation) {
        return arguments(description, answer, expected, expectation);
    }

    private static Arguments tlsRpt(String description, DnsAnswer<String> answer,
            Class<? extends TlsRptDiscovery> expected, String expectation) {
        return arguments(description, answer, expected, expectation);
    }

    private static DnsAnswer<String> found(String... records) {
        return DnsAnswer.found(List.of(records));
    }

    private static String detail(StsDiscovery discovery) {
        if (discovery instanceof StsDiscovery.Absent absent) {
            return absent.detail();
        }
        if (discovery instanceof StsDiscovery.Invalid invalid) {
            return invalid.detail();
        }
        return ((StsDiscovery.TemporaryFailure) discovery).detail();
    }

    private static String detail(TlsRptDiscovery discovery) {
        if (discovery instanceof TlsRptDiscovery.Absent absent) {
            return absent.detail();
        }
        if (discovery instanceof TlsRptDiscovery.Invalid invalid) {
            return invalid.detail();
        }
        return ((TlsRptDiscovery.TemporaryFailure) discovery).detail();
    }
}
