package dev.mtasts.integration;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The tests' JVM resolves names from {@code test-hosts} only, and James looks up this machine's own name at
 * start-up: before any test runs, the machine's name is added to the file (the JVM reads it at each lookup).
 */
public final class LocalHostNameInHostsFile implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String file = System.getProperty("jdk.net.hosts.file");
        if (file == null) {
            return;
        }
        try {
            Path hosts = Path.of(file);
            String name = localHostName();
            String text = Files.readString(hosts, StandardCharsets.US_ASCII);
            if (!name.isEmpty() && !text.contains(" " + name + "\n")) {
                Files.writeString(hosts, "127.0.0.1    " + name + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String localHostName() throws IOException {
        Path etcHostname = Path.of("/etc/hostname");
        if (Files.isReadable(etcHostname)) {
            return Files.readString(etcHostname, StandardCharsets.US_ASCII).trim();
        }
        return InetAddress.getLoopbackAddress().getHostName();
    }
}
