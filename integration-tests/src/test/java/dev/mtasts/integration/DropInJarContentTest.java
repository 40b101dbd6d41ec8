package dev.mtasts.integration;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drop-in jar ({@code mta-sts-mailet-<version>-extension.jar}, for James' extensions-jars/) holds this
 * project's classes and nothing James already ships: a second copy of a library would be loaded beside James' own
 * and fail in confusing ways.
 */
class DropInJarContentTest {

    /** Packages of libraries James 3.8.1 ships: none may be in the jar. */
    private static final List<String> SHIPPED_BY_JAMES = List.of(
        "org/xbill/", "com/google/", "com/fasterxml/", "reactor/", "org/reactivestreams/", "org/apache/",
        "org/bouncycastle/", "org/slf4j/", "ch/qos/", "javax/", "jakarta/", "com/sun/", "io/netty/",
        "com/github/fge/", "org/reactivestreams/");

    private static List<String> entries() throws Exception {
        Path jar = Path.of(System.getProperty("extension.jar", "missing"));
        assertThat(jar).as("the drop-in jar (build mta-sts-mailet first)").isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream().map(JarEntry::getName).toList();
        }
    }

    @Test
    void holdsOnlyThisProjectsClasses() throws Exception {
        List<String> classes = entries().stream().filter(name -> name.endsWith(".class")).toList();

        assertThat(classes).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("dev/mtasts/"));
        assertThat(entries()).noneMatch(name -> SHIPPED_BY_JAMES.stream().anyMatch(name::startsWith));
    }

    @Test
    void holdsTheExtensionAndTheDnsModule() throws Exception {
        assertThat(entries()).contains(
            "dev/mtasts/james/guice/MtaStsModule.class",
            "dev/mtasts/james/delivery/MtaStsRemoteDelivery.class",
            "dev/mtasts/james/matcher/MtaStsEnforced.class",
            "dev/mtasts/james/tls/EnforcingStartTlsSocketFactory.class",
            "dev/mtasts/service/PolicyService.class",
            "dev/mtasts/discovery/RecordDiscovery.class",
            "dev/mtasts/dns/DnsLookup.class");
    }

    @Test
    void holdsNoTestClass() throws Exception {
        assertThat(entries()).noneMatch(name -> name.contains("/testpeers/") || name.contains("/fixtures/")
            || name.endsWith("Test.class"));
        assertThat(Files.size(Path.of(System.getProperty("extension.jar")))).isLessThan(2_000_000);
    }
}
