package dev.mtasts.james.config;

import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.mtasts.james.config.MtaStsSettingsParser.CACHE_DIRECTORY;
import static dev.mtasts.james.config.MtaStsSettingsParser.CACHE_MAX_DOMAINS;
import static dev.mtasts.james.config.MtaStsSettingsParser.DNS_SERVERS;
import static dev.mtasts.james.config.MtaStsSettingsParser.DNS_TIMEOUT;
import static dev.mtasts.james.config.MtaStsSettingsParser.FAILURE_ACTION;
import static dev.mtasts.james.config.MtaStsSettingsParser.FETCH_MAX_BODY_BYTES;
import static dev.mtasts.james.config.MtaStsSettingsParser.FETCH_TIMEOUT;
import static dev.mtasts.james.config.MtaStsSettingsParser.LOOKUP_FAILURE_ACTION;
import static dev.mtasts.james.config.MtaStsSettingsParser.RECHECK_GRACE;
import static dev.mtasts.james.config.MtaStsSettingsParser.REFRESH_INTERVAL;
import static dev.mtasts.james.config.MtaStsSettingsParser.TRUST_JDK_DEFAULTS;
import static dev.mtasts.james.config.MtaStsSettingsParser.TRUST_KEYSTORE;
import static dev.mtasts.james.config.MtaStsSettingsParser.TRUST_KEYSTORE_PASSWORD;
import static dev.mtasts.james.config.MtaStsSettingsParser.TRUST_KEYSTORE_TYPE;
import static dev.mtasts.james.config.MtaStsSettingsParser.TRUST_PEM_FILES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MtaStsSettingsParserTest {

    private static final Path WORKING = Path.of("/opt/james");
    private static final Path VAR = Path.of("/opt/james/var");

    private static MtaStsSettings parse(Map<String, String> values) throws InvalidSettingException {
        return MtaStsSettingsParser.parse(values, WORKING, VAR);
    }

    @Test
    void anEmptyFileGivesEveryDefault() throws Exception {
        MtaStsSettings settings = parse(Map.of());

        assertThat(settings.cacheDirectory()).isEqualTo(Path.of("/opt/james/var/mta-sts"));
        assertThat(settings.maxDomains()).isEqualTo(100_000);
        assertThat(settings.fetchTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.fetchMaxBodyBytes()).isEqualTo(65_536);
        assertThat(settings.dnsServers()).isEmpty();
        assertThat(settings.dnsTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.trust()).isEqualTo(TrustSettings.jdkDefaultsOnly());
        assertThat(settings.refreshInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.recheckGrace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.failureAction()).isEqualTo(FailureAction.DEFER);
        assertThat(settings.lookupFailureAction()).isEqualTo(LookupFailureAction.ENFORCE);
        assertThat(settings.reports()).isEqualTo(new ReportSettings(true, Optional.empty(), Optional.empty(),
            Optional.empty(), false, Duration.ofMinutes(15), Duration.ofHours(1),
            Path.of("/opt/james/var/mta-sts/tls-reports"), Duration.ofMinutes(1)));
    }

    @Test
    void theReportKeysAreRead() throws Exception {
        MtaStsSettings settings = parse(Map.ofEntries(
            Map.entry(MtaStsSettingsParser.REPORTS_ENABLED, "false"),
            Map.entry(MtaStsSettingsParser.REPORTS_ORGANIZATION_NAME, "Example Mail"),
            Map.entry(MtaStsSettingsParser.REPORTS_CONTACT_INFO, "tlsrpt@example.com"),
            Map.entry(MtaStsSettingsParser.REPORTS_SUBMITTER, "mail.example.com"),
            Map.entry(MtaStsSettingsParser.REPORTS_FAILURES_ONLY, "true"),
            Map.entry(MtaStsSettingsParser.REPORTS_SEND_DELAY, "5m"),
            Map.entry(MtaStsSettingsParser.REPORTS_SEND_JITTER, "0"),
            Map.entry(MtaStsSettingsParser.REPORTS_DIRECTORY, "reports"),
            Map.entry(MtaStsSettingsParser.REPORTS_FLUSH_INTERVAL, "10s")));

        assertThat(settings.reports()).isEqualTo(new ReportSettings(false, Optional.of("Example Mail"),
            Optional.of("tlsrpt@example.com"), Optional.of("mail.example.com"), true, Duration.ofMinutes(5),
            Duration.ZERO, Path.of("/opt/james/reports"), Duration.ofSeconds(10)));
    }

    @Test
    void blankValuesAreDefaults() throws Exception {
        assertThat(parse(Map.of(FETCH_TIMEOUT, "  ", DNS_SERVERS, "")))
            .isEqualTo(MtaStsSettingsParser.defaults(WORKING, VAR));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        MtaStsSettings settings = parse(Map.ofEntries(
            Map.entry(CACHE_DIRECTORY, "cache/policies"),
            Map.entry(CACHE_MAX_DOMAINS, "500"),
            Map.entry(FETCH_TIMEOUT, "30s"),
            Map.entry(FETCH_MAX_BODY_BYTES, "4096"),
            Map.entry(DNS_SERVERS, "192.0.2.53, 192.0.2.54:5353,[2001:db8::53]:53,2001:db8::54"),
            Map.entry(DNS_TIMEOUT, "1500ms"),
            Map.entry(REFRESH_INTERVAL, "12h"),
            Map.entry(RECHECK_GRACE, "0"),
            Map.entry(FAILURE_ACTION, "Reject"),
            Map.entry(LOOKUP_FAILURE_ACTION, "no-policy")));

        assertThat(settings.cacheDirectory()).isEqualTo(Path.of("/opt/james/cache/policies"));
        assertThat(settings.maxDomains()).isEqualTo(500);
        assertThat(settings.fetchTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.fetchMaxBodyBytes()).isEqualTo(4096);
        assertThat(settings.dnsServers()).extracting(InetSocketAddress::getPort).containsExactly(53, 5353, 53, 53);
        assertThat(settings.dnsServers()).extracting(address -> address.getAddress().getHostAddress())
            .containsExactly("192.0.2.53", "192.0.2.54", "2001:db8:0:0:0:0:0:53", "2001:db8:0:0:0:0:0:54");
        assertThat(settings.dnsTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.refreshInterval()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.recheckGrace()).isZero();
        assertThat(settings.failureAction()).isEqualTo(FailureAction.REJECT);
        assertThat(settings.lookupFailureAction()).isEqualTo(LookupFailureAction.NO_POLICY);
    }

    @Test
    void trustAnchorsComeFromPemFilesAndAKeyStore(@TempDir Path directory) throws Exception {
        TestCertificates.Authority authority = TestCertificates.newAuthority("Settings Test CA");
        Path pem = authority.writePem(directory.resolve("ca.pem"));
        Path keystore = Files.writeString(directory.resolve("trust.p12"), "not read by the parser");

        MtaStsSettings settings = MtaStsSettingsParser.parse(Map.of(
            TRUST_JDK_DEFAULTS, "false",
            TRUST_PEM_FILES, "ca.pem",
            TRUST_KEYSTORE, keystore.toString(),
            TRUST_KEYSTORE_TYPE, "JKS",
            TRUST_KEYSTORE_PASSWORD, "changeit"), directory, directory.resolve("var"));

        assertThat(settings.trust()).isEqualTo(new TrustSettings(false, List.of(pem), Optional.of(keystore), "JKS",
            Optional.of("changeit")));
        assertThat(settings.trust().toString()).doesNotContain("changeit");
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
            Arguments.of("unknown key", "cache.maxdomains", "10", "unknown key"),
            Arguments.of("max domains not a number", CACHE_MAX_DOMAINS, "many", "not a whole number"),
            Arguments.of("max domains zero", CACHE_MAX_DOMAINS, "0", "between 1 and"),
            Arguments.of("max domains too large", CACHE_MAX_DOMAINS, "99999999999", "between 1 and"),
            Arguments.of("fetch timeout without number", FETCH_TIMEOUT, "s", "not a duration"),
            Arguments.of("fetch timeout with unknown unit", FETCH_TIMEOUT, "5 fortnights", "not a duration"),
            Arguments.of("fetch timeout of weeks (James' syntax) above ten minutes", FETCH_TIMEOUT, "5 weeks",
                "must be between"),
            Arguments.of("fetch timeout negative", FETCH_TIMEOUT, "-5s", "not a duration"),
            Arguments.of("fetch timeout zero", FETCH_TIMEOUT, "0", "must be between"),
            Arguments.of("fetch timeout above ten minutes", FETCH_TIMEOUT, "11m", "must be between"),
            Arguments.of("body size zero", FETCH_MAX_BODY_BYTES, "0", "between 1 and"),
            Arguments.of("body size above 16 MiB", FETCH_MAX_BODY_BYTES, "16777217", "between 1 and"),
            Arguments.of("body size with an unknown unit", FETCH_MAX_BODY_BYTES, "64KiB", "not a size"),
            Arguments.of("body size with unit above 16 MiB", FETCH_MAX_BODY_BYTES, "17M", "between 1 and"),
            Arguments.of("dns server neither address nor name", DNS_SERVERS, "ns_1!", "neither an IP address"),
            Arguments.of("dns server octet above 255", DNS_SERVERS, "192.0.2.256", "not an IPv4 address"),
            Arguments.of("dns server port zero", DNS_SERVERS, "192.0.2.53:0", "outside 1 to 65535"),
            Arguments.of("dns server port not a number", DNS_SERVERS, "192.0.2.53:dns", "not a number"),
            Arguments.of("dns server port too large", DNS_SERVERS, "[2001:db8::53]:65536", "outside 1 to 65535"),
            Arguments.of("one bad dns server among good ones", DNS_SERVERS, "192.0.2.53,[2001:db8::53", "closing"),
            Arguments.of("dns timeout zero", DNS_TIMEOUT, "0ms", "must be between"),
            Arguments.of("dns timeout above a minute", DNS_TIMEOUT, "2m", "must be between"),
            Arguments.of("jdk defaults not a boolean", TRUST_JDK_DEFAULTS, "yes", "true or false"),
            Arguments.of("no trust anchors at all", TRUST_JDK_DEFAULTS, "false", "no certificate could ever"),
            Arguments.of("missing pem file", TRUST_PEM_FILES, "conf/missing.pem", "no readable file"),
            Arguments.of("missing keystore", TRUST_KEYSTORE, "conf/missing.p12", "no readable file"),
            Arguments.of("unknown keystore type", TRUST_KEYSTORE_TYPE, "NOPE", "unknown key store type"),
            Arguments.of("password without keystore", TRUST_KEYSTORE_PASSWORD, "secret", "is not"),
            Arguments.of("refresh interval below a minute", REFRESH_INTERVAL, "30s", "must be between"),
            Arguments.of("refresh interval above 30 days", REFRESH_INTERVAL, "31d", "must be between"),
            Arguments.of("recheck grace above a day", RECHECK_GRACE, "25h", "must be between"),
            Arguments.of("recheck grace not a duration", RECHECK_GRACE, "a minute", "not a duration"),
            Arguments.of("failure action unknown", FAILURE_ACTION, "drop", "defer or reject"),
            Arguments.of("lookup failure action unknown", LOOKUP_FAILURE_ACTION, "ignore", "enforce or no-policy"),
            Arguments.of("reports enabled not a boolean", MtaStsSettingsParser.REPORTS_ENABLED, "yes", "true or false"),
            Arguments.of("submitter not a domain", MtaStsSettingsParser.REPORTS_SUBMITTER, "a!b", "domain name"),
            Arguments.of("send delay above a day", MtaStsSettingsParser.REPORTS_SEND_DELAY, "2d", "must be between"),
            Arguments.of("flush interval zero", MtaStsSettingsParser.REPORTS_FLUSH_INTERVAL, "0", "must be between"),
            Arguments.of("dane.enabled unknown", MtaStsSettingsParser.DANE_ENABLED, "yes", "auto, true or false"),
            Arguments.of("dane probe not a name", MtaStsSettingsParser.DANE_VALIDATION_PROBE, "a b", "domain name"));
    }

    @ParameterizedTest(name = "dane.enabled={0}")
    @org.junit.jupiter.params.provider.CsvSource({"auto, AUTO", "true, REQUIRED", "false, OFF", "TRUE, REQUIRED"})
    void daneEnabledIsRead(String value, dev.mtasts.dane.DaneMode mode) throws Exception {
        assertThat(parse(Map.of(MtaStsSettingsParser.DANE_ENABLED, value)).dane().mode()).isEqualTo(mode);
    }

    @Test
    void daneDefaultsToAutoProbingTheRoot() throws Exception {
        MtaStsSettings settings = parse(Map.of());

        assertThat(settings.dane().mode()).isEqualTo(dev.mtasts.dane.DaneMode.AUTO);
        assertThat(settings.dane().validationProbe()).isEqualTo(".");
        assertThat(parse(Map.of(MtaStsSettingsParser.DANE_VALIDATION_PROBE, "dane.test")).dane().validationProbe())
            .isEqualTo("dane.test");
    }

    @ParameterizedTest(name = "{0}: {1}={2}")
    @MethodSource("invalidValues")
    void anInvalidValueNamesItsKey(String name, String key, String value, String problem) {
        assertThatThrownBy(() -> parse(Map.of(key, value)))
            .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo(key))
            .hasMessageStartingWith("mta-sts.properties: " + key + ": ")
            .hasMessageContaining(problem);
    }
}
