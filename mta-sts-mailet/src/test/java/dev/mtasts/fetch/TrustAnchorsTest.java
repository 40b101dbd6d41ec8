package dev.mtasts.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.testpeers.TestCertificates;
import dev.mtasts.testpeers.TestCertificates.Authority;
import dev.mtasts.testpeers.TestCertificates.Leaf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrustAnchorsTest {

    private static final char[] PASSWORD = "secret".toCharArray();

    private static Authority firstCa;
    private static Authority secondCa;
    private static Authority strangerCa;

    @TempDir
    Path dir;

    @BeforeAll
    static void createAuthorities() {
        firstCa = TestCertificates.newAuthority("First CA");
        secondCa = TestCertificates.newAuthority("Second CA");
        strangerCa = TestCertificates.newAuthority("Stranger CA");
    }

    @Test
    void trustsEveryCertificateOfAPemBundleAndIgnoresTheTextAround() throws Exception {
        Path bundle = write("bundle.pem", "# operator's bundle\nsubject=CN = First CA\n"
                + TestCertificates.pem(List.of(firstCa.certificate()))
                + "\nsubject=CN = Second CA\n" + TestCertificates.pem(List.of(secondCa.certificate())) + "\n");

        TrustAnchors anchors = TrustAnchors.builder().withoutJdkDefaults().pemFile(bundle).build();

        assertThat(anchors.certificates()).containsExactly(firstCa.certificate(), secondCa.certificate());
        assertTrusted(anchors, firstCa.issue("mta-sts.example.test"));
        assertTrusted(anchors, secondCa.issue("mta-sts.example.test"));
        assertNotTrusted(anchors, strangerCa.issue("mta-sts.example.test"));
    }

    @Test
    void addsFilesToTheJdkDefaults() throws Exception {
        int jdkAnchors = TrustAnchors.jdkDefaults().certificates().size();

        TrustAnchors anchors = TrustAnchors.builder().pemFile(firstCa.writePem(dir.resolve("first.pem"))).build();

        assertThat(jdkAnchors).isPositive();
        assertThat(anchors.certificates()).hasSize(jdkAnchors + 1).contains(firstCa.certificate());
        assertTrusted(anchors, firstCa.issue("mta-sts.example.test"));
    }

    @Test
    void jdkDefaultsDoNotTrustATestCa() {
        assertNotTrusted(TrustAnchors.jdkDefaults(), firstCa.issue("mta-sts.example.test"));
    }

    @Test
    void countsACertificateGivenTwiceOnce() throws Exception {
        Path pem = firstCa.writePem(dir.resolve("first.pem"));

        TrustAnchors anchors = TrustAnchors.builder().withoutJdkDefaults().pemFile(pem).pemFile(pem).build();

        assertThat(anchors.certificates()).containsExactly(firstCa.certificate());
    }

    @Test
    void trustsTheCertificateEntriesOfAKeyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("first", firstCa.certificate());
        store.setCertificateEntry("second", secondCa.certificate());
        Path file = save(store, "anchors.p12");

        TrustAnchors anchors = TrustAnchors.builder().withoutJdkDefaults().keyStore(file, "PKCS12", PASSWORD).build();

        assertThat(anchors.certificates()).containsExactlyInAnyOrder(firstCa.certificate(), secondCa.certificate());
        assertTrusted(anchors, secondCa.issue("mta-sts.example.test"));
    }

    @Test
    void readsAJksKeyStoreOfTheDefaultTypeWhenNoTypeIsGiven() throws Exception {
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setCertificateEntry("first", firstCa.certificate());
        Path jksFile = save(jks, "anchors.jks");
        Path p12File = save(firstCa.trustStore(), "anchors.p12");

        assertThat(TrustAnchors.builder().withoutJdkDefaults().keyStore(jksFile, "JKS", PASSWORD).build().certificates())
                .containsExactly(firstCa.certificate());
        assertThat(TrustAnchors.builder().withoutJdkDefaults().keyStore(p12File, null, PASSWORD).build().certificates())
                .containsExactly(firstCa.certificate());
    }

    @Test
    void refusesToTrustNothing() {
        assertThatThrownBy(() -> TrustAnchors.builder().withoutJdkDefaults().build())
                .isInstanceOfSatisfying(TrustAnchorException.class,
                        e -> assertThat(e.reason()).contains("none configured"));
    }

    static Stream<Arguments> badPemFiles() {
        String valid = TestCertificates.pem(List.of(TestCertificates.newAuthority("Some CA").certificate()));
        String begin = "-----BEGIN CERTIFICATE-----\n";
        String end = "-----END CERTIFICATE-----\n";
        return Stream.of(
                badPem("empty file", new byte[0], "no PEM certificate"),
                badPem("plain text", ascii("hello, world\n"), "no PEM certificate"),
                badPem("DER, not PEM", base64Body(valid), "no PEM certificate"),
                badPem("private key only", ascii("-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----\n"),
                        "no PEM certificate"),
                badPem("BEGIN without END", ascii(begin + "MIIB\n"), "certificate 1 has no END line"),
                badPem("second BEGIN without END", ascii(valid + begin + "MIIB\n"), "certificate 2 has no END line"),
                badPem("END missing before the next BEGIN", ascii(begin + "MIIB\n" + valid), "certificate 1 has no END line"),
                badPem("not base64", ascii(begin + "**not base64**\n" + end), "certificate 1 is not base64 text"),
                badPem("bad base64 padding", ascii(begin + "QUJD=A\n" + end), "certificate 1 is not valid base64"),
                badPem("base64, not a certificate", ascii(begin + "aGVsbG8sIHdvcmxk\n" + end),
                        "certificate 1 is not a valid X.509 certificate"),
                badPem("second certificate truncated", ascii(valid + truncated(valid)),
                        "certificate 2 is not a valid X.509 certificate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPemFiles")
    void namesTheFileAndTheProblemOfABadPemFile(String name, byte[] content, String reason) throws IOException {
        Path file = dir.resolve("anchors.pem");
        Files.write(file, content);

        assertThatThrownBy(() -> TrustAnchors.builder().withoutJdkDefaults().pemFile(file).build())
                .isInstanceOfSatisfying(TrustAnchorException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toString());
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.getMessage()).startsWith(file + ": ");
                });
    }

    @Test
    void namesAMissingPemFile() {
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> TrustAnchors.builder().pemFile(missing).build())
                .isInstanceOfSatisfying(TrustAnchorException.class, e -> {
                    assertThat(e.source()).isEqualTo(missing.toString());
                    assertThat(e.reason()).isEqualTo("no such file");
                });
    }

    @Test
    void namesAPemPathThatIsADirectory() {
        assertThatThrownBy(() -> TrustAnchors.builder().pemFile(dir).build())
                .isInstanceOfSatisfying(TrustAnchorException.class, e -> {
                    assertThat(e.source()).isEqualTo(dir.toString());
                    assertThat(e.reason()).contains("cannot be read");
                });
    }

    @Test
    void namesAKeyStoreWithTheWrongPassword() throws Exception {
        Path file = save(firstCa.trustStore(), "anchors.p12");

        assertKeyStoreFails(file, "PKCS12", "wrong".toCharArray(), "wrong keystore password");
    }

    @Test
    void namesAKeyStoreThatIsNotOne() throws Exception {
        Path file = firstCa.writePem(dir.resolve("anchors.p12"));

        assertKeyStoreFails(file, "PKCS12", PASSWORD, "not a readable PKCS12 keystore");
    }

    @Test
    void namesAnUnknownKeyStoreType() throws Exception {
        Path file = save(firstCa.trustStore(), "anchors.p12");

        assertKeyStoreFails(file, "NO-SUCH-TYPE", PASSWORD, "unknown keystore type NO-SUCH-TYPE");
    }

    @Test
    void namesAMissingKeyStore() {
        assertKeyStoreFails(dir.resolve("missing.p12"), "PKCS12", PASSWORD, "no such file");
    }

    @Test
    void namesAKeyStoreWithoutTrustedCertificates() throws Exception {
        Path file = save(firstCa.issue("mta-sts.example.test").keyStore(PASSWORD), "server.p12");

        assertKeyStoreFails(file, "PKCS12", PASSWORD, "no trusted certificate entry");
    }

    @Test
    void makesClientContextsThatTrustTheAnchors() throws Exception {
        TrustAnchors anchors = TrustAnchors.builder().withoutJdkDefaults()
                .pemFile(firstCa.writePem(dir.resolve("first.pem"))).build();

        assertThat(anchors.newClientSslContext()).isNotSameAs(anchors.newClientSslContext());
        assertThat(anchors.newClientSslContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void clientParametersAllowTls12And13OnlyAndNameTheServer() {
        SSLParameters parameters = TrustAnchors.clientParameters("mx1.example.test");

        assertThat(parameters.getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(parameters.getServerNames()).containsExactly(new SNIHostName("mx1.example.test"));
    }

    private void assertKeyStoreFails(Path file, String type, char[] password, String reason) {
        assertThatThrownBy(() -> TrustAnchors.builder().withoutJdkDefaults().keyStore(file, type, password).build())
                .isInstanceOfSatisfying(TrustAnchorException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toString());
                    assertThat(e.reason()).contains(reason);
                });
    }

    private static void assertTrusted(TrustAnchors anchors, Leaf leaf) {
        assertThatCode(() -> anchors.trustManager().checkServerTrusted(chain(leaf), "ECDHE_ECDSA"))
                .doesNotThrowAnyException();
    }

    private static void assertNotTrusted(TrustAnchors anchors, Leaf leaf) {
        assertThatThrownBy(() -> anchors.trustManager().checkServerTrusted(chain(leaf), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    private static X509Certificate[] chain(Leaf leaf) {
        return leaf.chain().toArray(X509Certificate[]::new);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private Path save(KeyStore store, String name) throws IOException, GeneralSecurityException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    private static Arguments badPem(String name, byte[] content, String reason) {
        return Arguments.of(name, content, reason);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] base64Body(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** The first certificate block of {@code pem} with the second half of its base64 lines cut out. */
    private static String truncated(String pem) {
        String[] lines = pem.split("\n");
        StringBuilder text = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length / 2; i++) {
            text.append(lines[i]).append('\n');
        }
        return text.append(lines[lines.length - 1]).append('\n').toString();
    }
}
