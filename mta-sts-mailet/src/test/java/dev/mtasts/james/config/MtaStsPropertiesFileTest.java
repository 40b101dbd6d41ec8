package dev.mtasts.james.config;

import dev.mtasts.testpeers.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mta-sts.properties is read as written: commas, spaces, quotes, '#', '=', non-ASCII letters and backslashes in
 * every string key come out as the operator wrote them (James' own reader would split "Example, Inc." into a list
 * and join it back as "Example,Inc.").
 */
class MtaStsPropertiesFileTest {

    @Test
    void everyStringKeyKeepsItsCommasSpacesAndUnusualCharacters(@TempDir Path james) throws Exception {
        TestCertificates.Authority authority = TestCertificates.newAuthority("Properties Test CA");
        authority.writePem(james.resolve("ca one.pem"));
        authority.writePem(james.resolve("ca two.pem"));
        Files.writeString(james.resolve("trust store, 2026.p12"), "not read by the parser");
        Path file = Files.writeString(james.resolve("mta-sts.properties"), String.join("\n",
            "# a comment, with commas",
            "cache.directory=my cache, policies/v=2 #1",
            "dns.servers= 192.0.2.53 ,[2001:db8::53]:5353 , ",
            "trust.pemFiles=ca one.pem ,  ca two.pem",
            "trust.keystore=trust store, 2026.p12",
            "trust.keystoreType=pkcs12",
            "trust.keystorePassword=pa ss, wörd=#!\\\\",
            "reports.organizationName=Example, Inc. — \"Mail\" Dept., ÄÖ",
            "reports.contactInfo=mailto:tls@example.com, https://example.com/tls?a=1,b=2",
            "reports.submitter=MAIL-1.Example.COM",
            "reports.directory=reports, daily",
            "reports.inbound.localPart=tls+reports",
            "reports.inbound.domains= Example.COM , example.org,, xn--bcher-kva.example",
            "reports.inbound.directory=received reports, ünïcode",
            ""), StandardCharsets.UTF_8);

        Map<String, String> values = MtaStsPropertiesFile.read(file).orElseThrow();
        MtaStsSettings settings = MtaStsSettingsParser.parse(values, james, james.resolve("var"));

        assertThat(settings.cacheDirectory()).isEqualTo(james.resolve("my cache, policies/v=2 #1"));
        assertThat(settings.dnsServers()).extracting(InetSocketAddress::getPort).containsExactly(53, 5353);
        // trust.pemFiles is a list: its commas separate files, the spaces around them go
        assertThat(settings.trust().pemFiles()).containsExactly(james.resolve("ca one.pem"), james.resolve("ca two.pem"));
        assertThat(settings.trust().keystore()).contains(james.resolve("trust store, 2026.p12"));
        assertThat(settings.trust().keystoreType()).isEqualTo("pkcs12");
        assertThat(settings.trust().keystorePassword()).contains("pa ss, wörd=#!\\");
        assertThat(settings.reports().organizationName()).contains("Example, Inc. — \"Mail\" Dept., ÄÖ");
        assertThat(settings.reports().contactInfo())
            .contains("mailto:tls@example.com, https://example.com/tls?a=1,b=2");
        assertThat(settings.reports().submitter()).contains("MAIL-1.Example.COM");
        assertThat(settings.reports().storeDirectory()).isEqualTo(james.resolve("reports, daily"));
        assertThat(settings.inbound().localPart()).isEqualTo("tls+reports");
        assertThat(settings.inbound().domains()).containsExactlyInAnyOrder("example.com", "example.org", "xn--bcher-kva.example");
        assertThat(settings.inbound().directory()).isEqualTo(james.resolve("received reports, ünïcode"));
    }

    @Test
    void noFileIsNoValues(@TempDir Path james) throws Exception {
        assertThat(MtaStsPropertiesFile.read(james.resolve("mta-sts.properties"))).isEqualTo(Optional.empty());
    }

    @Test
    void sizesAndDurationsUseJamesSyntax(@TempDir Path james) throws Exception {
        MtaStsSettings settings = MtaStsSettingsParser.parse(Map.of(
            MtaStsSettingsParser.FETCH_MAX_BODY_BYTES, "64K",
            MtaStsSettingsParser.FETCH_TIMEOUT, "2 minutes",
            MtaStsSettingsParser.REFRESH_INTERVAL, "1w",
            MtaStsSettingsParser.INBOUND_MAX_MAIL_BYTES, "5M"), james, james.resolve("var"));

        assertThat(settings.fetchMaxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(settings.fetchTimeout()).hasMinutes(2);
        assertThat(settings.refreshInterval()).hasDays(7);
        assertThat(settings.inbound().limits().maxMailBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(List.of(settings.recheckGrace())).containsExactly(
            dev.mtasts.service.PolicyServiceSettings.DEFAULT_RECHECK_GRACE);
    }
}
