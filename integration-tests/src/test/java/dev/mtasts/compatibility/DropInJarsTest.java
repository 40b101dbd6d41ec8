package dev.mtasts.compatibility;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two drop-in jars load where James runs: Java 11 bytecode (James 3.8.x and its official images run Java 11),
 * and for James 3.9 a jakarta jar that references nothing James 3.9 renamed and no James type or member missing
 * from the James 3.9.0 artifacts Maven Central serves. The full list of references, and of the James types that
 * could not be checked, is written to {@code target/jakarta-jar-references.txt}.
 */
class DropInJarsTest {

    /** Java 11's class-file major version. */
    private static final int JAVA_11 = 55;

    private static Path javaxJar;
    private static Path jakartaJar;
    private static List<Path> james39;
    private static List<Path> james38;

    @BeforeAll
    static void jars() {
        javaxJar = Path.of(System.getProperty("extension.jar", "missing"));
        jakartaJar = Path.of(System.getProperty("extension.jakarta.jar", "missing"));
        assertThat(javaxJar).as("the drop-in jar (build mta-sts-mailet first)").isRegularFile();
        assertThat(jakartaJar).as("the jakarta drop-in jar (build mta-sts-mailet first)").isRegularFile();
        james39 = JakartaJarCheck.jarsIn(Path.of(System.getProperty("james39.dir", "missing")));
        assertThat(james39).as("James 3.9.0 artifacts copied by the build").isNotEmpty();
        james38 = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(Path::of)
            .filter(path -> path.getFileName().toString()
                .matches("(james|apache-mailet|metrics|protocols)-.*-3\\.8\\.1\\.jar"))
            .toList();
        assertThat(james38).as("James 3.8.1 jars on the test class path").isNotEmpty();
    }

    @Test
    void everyClassOfBothJarsIsJava11Bytecode() {
        for (Path jar : List.of(javaxJar, jakartaJar)) {
            Map<String, Integer> versions = ClassFileReferences.of(jar).majorVersions();

            assertThat(versions).as(jar.getFileName().toString()).isNotEmpty();
            assertThat(versions.entrySet().stream().filter(entry -> entry.getValue() > JAVA_11)
                .map(entry -> entry.getKey() + " (major " + entry.getValue() + ")"))
                .as("classes above Java 11 in " + jar.getFileName()).isEmpty();
        }
    }

    @Test
    void bothJarsHoldTheSameClasses() {
        assertThat(ClassFileReferences.of(jakartaJar).majorVersions().keySet())
            .isEqualTo(ClassFileReferences.of(javaxJar).majorVersions().keySet());
    }

    @Test
    void theJakartaJarReferencesOnlyWhatJames39Has() throws Exception {
        JakartaJarCheck.Result result = JakartaJarCheck.check(jakartaJar, james39, james38);
        Path report = Path.of("target", "jakarta-jar-references.txt");
        Files.writeString(report, result.report());

        assertThat(result.renamedPackageReferences()).as("see " + report.toAbsolutePath()).isEmpty();
        assertThat(result.missingTypes()).as("see " + report.toAbsolutePath()).isEmpty();
        assertThat(result.missingMembers()).as("see " + report.toAbsolutePath()).isEmpty();
        assertThat(result.unimplementedMethods()).as("see " + report.toAbsolutePath()).isEmpty();
        assertThat(result.passes()).isTrue();
        // The check did look at James types: the Mailet API and James' core are served at 3.9.0.
        assertThat(result.checkedByArtifact()).containsKeys("apache-mailet-api", "james-core");
        assertThat(result.allReferencedTypes()).contains("jakarta.mail.MessagingException")
            .doesNotContain("javax.mail.MessagingException");
    }

    /** The check is not blind: the James 3.8 jar, which does reference javax.mail, fails it. */
    @Test
    void theCheckFailsOnAJarThatStillReferencesJavaxMail() throws Exception {
        JakartaJarCheck.Result result = JakartaJarCheck.check(javaxJar, james39, james38);
        Files.writeString(Path.of("target", "javax-jar-against-james-3.9.txt"), result.report());

        assertThat(result.passes()).isFalse();
        assertThat(result.renamedPackageReferences()).contains("javax.mail.MessagingException",
            "javax.mail.internet.MimeMessage");
        assertThat(result.missingMembers()).contains("org.apache.mailet.Mail#getMessage()Ljavax/mail/internet/MimeMessage;");
        // Our MailetContext wrapper would not implement James 3.9's sendMail(jakarta.mail.internet.MimeMessage).
        assertThat(result.unimplementedMethods()).contains("dev.mtasts.james.delivery.CauseKeepingMailetContext"
            + " lacks org.apache.mailet.MailetContext#sendMail(Ljakarta/mail/internet/MimeMessage;)V");
    }

    @Test
    void theReportNamesWhatCouldNotBeChecked() {
        JakartaJarCheck.Result result = JakartaJarCheck.check(jakartaJar, james39, james38);

        assertThat(result.notCheckedByArtifact()).containsKey("james-server-mailets");
        assertThat(result.notCheckedByArtifact().get("james-server-mailets"))
            .contains("org.apache.james.transport.mailets.RemoteDelivery");
        assertThat(result.notCheckedByArtifact().values().stream().flatMap(List::stream)
            .collect(Collectors.toSet())).doesNotContainAnyElementsOf(result.checkedByArtifact().values().stream()
            .flatMap(List::stream).toList());
    }
}
