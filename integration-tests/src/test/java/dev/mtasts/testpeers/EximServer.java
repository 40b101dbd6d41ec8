package dev.mtasts.testpeers;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A real exim4 (Debian's {@code exim4-daemon-light}) receiving mail on port 25 of several loopback addresses, each
 * listener with its own behaviour: STARTTLS with a given certificate, or no STARTTLS at all. Every message lands in
 * one Maildir with headers saying where and how it arrived: {@code X-Test-Listener} (the address it was received
 * on), {@code X-Test-TLS-Cipher} ({@code none} in clear text) and {@code X-Test-TLS-SNI}.
 *
 * <p>Runs exim in the foreground as a child of the test JVM ({@code exim -C conf -bdf}); exim drops root for its
 * own user, so the spool, log and Maildir belong to that user and the keys are readable by it. Needs root (port 25)
 * and the exim binary: {@link #isAvailable()} says whether a test can run here.
 */
public final class EximServer implements AutoCloseable {

    public static final int SMTP_PORT = 25;
    /** How long a stalling listener holds a message's DATA. */
    public static final Duration STALL = Duration.ofSeconds(15);
    private static final String STALL_FLAG = "stall-data";
    private static final String EXIM_USER = "Debian-exim";
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/exim4"), Path.of("/usr/sbin/exim"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * How a listener greets a client: STARTTLS, STARTTLS that speaks only TLS 1.0 and 1.1 (an MX stuck on old TLS,
     * RFC 8461 §4.2 asks for TLS 1.2 or later via RFC 7525), or no STARTTLS at all.
     */
    public enum Tls { STARTTLS, STARTTLS_TLS1_1_AT_MOST, NONE }

    /** One listening address and its behaviour; {@code certificate} only for {@link Tls#STARTTLS}. */
    public record Listener(String address, Tls tls, Optional<TestCertificates.Leaf> certificate) {

        public Listener {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(certificate, "certificate");
            if ((tls != Tls.NONE) != certificate.isPresent()) {
                throw new IllegalArgumentException("a STARTTLS listener needs a certificate, and only it");
            }
        }

        public static Listener startTls(String address, TestCertificates.Leaf certificate) {
            return new Listener(address, Tls.STARTTLS, Optional.of(certificate));
        }

        /** STARTTLS whose TLS stops at version 1.1: a client asking for TLS 1.2 or later cannot complete it. */
        public static Listener startTlsUpToTls11(String address, TestCertificates.Leaf certificate) {
            return new Listener(address, Tls.STARTTLS_TLS1_1_AT_MOST, Optional.of(certificate));
        }

        public static Listener withoutStartTls(String address) {
            return new Listener(address, Tls.NONE, Optional.empty());
        }
    }

    /** A message as exim stored it. */
    public record Message(Path file, Map<String, String> headers, String text) {

        /** The first header of that name, unfolded. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        public String listener() {
            return header("X-Test-Listener").orElse("");
        }

        /** The TLS cipher of the session the message came in on, {@code none} in clear text. */
        public String tlsCipher() {
            return header("X-Test-TLS-Cipher").orElse("none");
        }

        public String envelopeTo() {
            return header("Envelope-to").orElse("");
        }
    }

    private final Path directory;
    private final List<Listener> listeners;
    private final Process process;
    private final Thread shutdownHook;

    private EximServer(Path directory, List<Listener> listeners, Process process) {
        this.directory = directory;
        this.listeners = listeners;
        this.process = process;
        // Should the JVM end without close(), exim must not be left holding port 25.
        this.shutdownHook = new Thread(process::destroyForcibly, "stop exim " + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Whether exim can be run here: its binary is installed and we are root (port 25, and exim's own user). */
    public static boolean isAvailable() {
        return binary().isPresent() && "root".equals(System.getProperty("user.name"));
    }

    private static Optional<Path> binary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    public static EximServer start(List<Listener> listeners) {
        return start(listeners, false, List.of());
    }

    /**
     * @param offerResumption whether to give clients TLS session tickets ({@code tls_resumption_hosts = *}), as
     *                        large receiving MXs do, so that a later session may resume without a full handshake
     */
    public static EximServer start(List<Listener> listeners, boolean offerResumption) {
        return start(listeners, offerResumption, List.of());
    }

    /**
     * With {@code stallingAddresses}: those listeners hold a message's DATA (after the final dot, before the reply)
     * for {@link #STALL} while {@link #stallData(boolean)} is on, log {@code STALLING DATA}, then refuse it with a
     * temporary error if the stall is still on — so a client killed during the stall leaves no message behind.
     */
    public static EximServer start(List<Listener> listeners, List<String> stallingAddresses) {
        return start(listeners, false, stallingAddresses);
    }

    private static EximServer start(List<Listener> listeners, boolean offerResumption,
                                    List<String> stallingAddresses) {
        Path exim = binary().orElseThrow(() -> new IllegalStateException("exim is not installed"));
        for (Listener listener : listeners) {
            if (accepts(listener.address())) {
                throw new IllegalStateException("something already listens on " + listener.address() + ":25");
            }
        }
        try {
            Path directory = Files.createTempDirectory("mta-sts-exim-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Path config = writeConfiguration(directory, listeners, offerResumption, stallingAddresses);
            Process process = new ProcessBuilder(exim.toString(), "-C", config.toString(), "-bdf", "-q5s")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("exim.out").toFile())
                .start();
            EximServer server = new EximServer(directory, List.copyOf(listeners), process);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeConfiguration(Path directory, List<Listener> listeners, boolean offerResumption,
                                           List<String> stallingAddresses) throws IOException {
        String stalling = "${if and{{inlist{$received_ip_address}{" + String.join(":", stallingAddresses)
            + "}}{exists{" + directory.resolve(STALL_FLAG) + "}}}}";
        Path spool = ownedByExim(Files.createDirectories(directory.resolve("spool")));
        Path log = ownedByExim(Files.createDirectories(directory.resolve("log")));
        Path maildir = ownedByExim(Files.createDirectories(directory.resolve("maildir")));
        Map<String, Path[]> keyPairs = new LinkedHashMap<>();
        for (Listener listener : listeners) {
            if (listener.certificate().isPresent()) {
                TestCertificates.Leaf leaf = listener.certificate().get();
                Path chain = readable(leaf.writeChainPem(directory.resolve("chain-" + listener.address() + ".pem")));
                Path key = readable(writeTraditionalKey(leaf, directory.resolve("key-" + listener.address() + ".pem")));
                keyPairs.put(listener.address(), new Path[]{chain, key});
            }
        }
        String interfaces = String.join(" ; ", listeners.stream()
            .map(listener -> listener.address() + "." + SMTP_PORT).toList());
        String startTlsAddresses = String.join(":", keyPairs.keySet());
        String oldTlsAddresses = String.join(":", listeners.stream()
            .filter(listener -> listener.tls() == Tls.STARTTLS_TLS1_1_AT_MOST).map(Listener::address).toList());
        String configuration = String.join("\n",
            "primary_hostname = mx.exim.test",
            "exim_user = " + EXIM_USER,
            "exim_group = " + EXIM_USER,
            "never_users =",
            "spool_directory = " + spool,
            "log_file_path = " + log + "/%slog",
            "pid_file_path = " + directory.resolve("exim.pid"),
            "local_interfaces = <; " + interfaces,
            "daemon_smtp_ports = " + SMTP_PORT,
            "host_lookup =",
            "rfc1413_hosts =",
            "queue_only = false",
            "message_size_limit = 10M",
            // STARTTLS only on the listeners that have a certificate; $received_ip_address is ours.
            "tls_resumption_hosts = " + (offerResumption ? "*" : ""),
            "tls_advertise_hosts = ${if inlist{$received_ip_address}{" + startTlsAddresses + "}{*}{}}",
            "tls_certificate = " + byListener(keyPairs, 0),
            "tls_privatekey = " + byListener(keyPairs, 1),
            // GnuTLS priority strings: the old-TLS listeners offer nothing above TLS 1.1.
            "tls_require_ciphers = ${if inlist{$received_ip_address}{" + oldTlsAddresses + "}"
                + "{NORMAL:%COMPAT:-VERS-ALL:+VERS-TLS1.1:+VERS-TLS1.0}{NORMAL}}",
            "acl_smtp_rcpt = accept_all",
            "acl_smtp_data = data_acl",
            "begin acl",
            "accept_all:",
            "  accept",
            "data_acl:",
            "  warn condition = " + stalling,
            "       logwrite = STALLING DATA from $sender_host_address",
            "       delay = " + STALL.toSeconds() + "s",
            "  defer condition = " + stalling,
            "        message = stalled by the test",
            "  accept",
            "begin routers",
            "everything:",
            "  driver = accept",
            "  transport = maildir",
            "begin transports",
            "maildir:",
            "  driver = appendfile",
            "  directory = " + maildir,
            "  maildir_format = true",
            "  envelope_to_add = true",
            "  return_path_add = true",
            "  user = " + EXIM_USER,
            "  group = " + EXIM_USER,
            "  headers_add = X-Test-Listener: $received_ip_address\\n"
                + "X-Test-TLS-Cipher: ${if def:tls_in_cipher{$tls_in_cipher}{none}}\\n"
                + "X-Test-TLS-SNI: ${if def:tls_in_sni{$tls_in_sni}{none}}",
            "begin retry",
            "*   *   F,1m,1m",
            "");
        Path file = directory.resolve("exim.conf");
        Files.writeString(file, configuration, StandardCharsets.US_ASCII);
        // exim insists on a configuration only root can change.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /** {@code ${if eq{$received_ip_address}{A}{fileA}{${if eq{...}{B}{fileB}{fileA}}}}}: each listener's own file. */
    private static String byListener(Map<String, Path[]> keyPairs, int which) {
        if (keyPairs.isEmpty()) {
            return "";
        }
        String fallback = keyPairs.values().iterator().next()[which].toString();
        String expansion = fallback;
        List<Map.Entry<String, Path[]>> entries = new ArrayList<>(keyPairs.entrySet());
        for (int i = entries.size() - 1; i >= 0; i--) {
            Map.Entry<String, Path[]> entry = entries.get(i);
            expansion = "${if eq{$received_ip_address}{" + entry.getKey() + "}{" + entry.getValue()[which] + "}{"
                + expansion + "}}";
        }
        return expansion;
    }

    /**
     * The key as OpenSSL's traditional {@code EC PRIVATE KEY} (RFC 5915) with its curve and public key: the GnuTLS
     * of Debian's exim cannot read the JDK's minimal encoding, which leaves both out.
     */
    private static Path writeTraditionalKey(TestCertificates.Leaf leaf, Path file) throws IOException {
        ECPrivateKey key = (ECPrivateKey) leaf.privateKey();
        ASN1Encodable curve = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm().getParameters();
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(leaf.certificate().getPublicKey()
            .getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey structure = new org.bouncycastle.asn1.sec.ECPrivateKey(
            key.getParams().getOrder().bitLength(), key.getS(), publicKey.getPublicKeyData(), curve);
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject("EC PRIVATE KEY", structure.getEncoded()));
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    private static Path ownedByExim(Path path) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(EXIM_USER);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(EXIM_USER);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-x---"));
        return path;
    }

    private static Path readable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        for (Listener listener : listeners) {
            while (!accepts(listener.address())) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exim stopped: " + output());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("exim does not listen on " + listener.address() + ": "
                        + output());
                }
                pause();
            }
        }
    }

    private static boolean accepts(String address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, SMTP_PORT), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String output() {
        try {
            return Files.readString(directory.resolve("exim.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Turns the stall of the stalling listeners on or off (see {@link #start(List, List)}). */
    public void stallData(boolean on) {
        try {
            if (on) {
                Files.writeString(directory.resolve(STALL_FLAG), "on\n");
            } else {
                Files.deleteIfExists(directory.resolve(STALL_FLAG));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** exim's main log so far. */
    public String mainLog() {
        try {
            Path log = directory.resolve("log").resolve("mainlog");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the main log holds {@code text} at least {@code times} times; returns whether it did. */
    public boolean awaitLog(String text, int times, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (mainLog().split(java.util.regex.Pattern.quote(text), -1).length - 1 < times) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** Every message stored so far, oldest first. */
    public List<Message> messages() {
        Path delivered = directory.resolve("maildir").resolve("new");
        if (!Files.isDirectory(delivered)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(delivered)) {
            return files.sorted(Comparator.comparing(Path::getFileName)).map(EximServer::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a stored message matches, or the timeout passes. */
    public Optional<Message> awaitMessage(Predicate<Message> wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<Message> found = messages().stream().filter(wanted).findFirst();
            if (found.isPresent() || Instant.now().isAfter(deadline)) {
                return found;
            }
            pause();
        }
    }

    /** The messages stored so far that match. */
    public List<Message> messagesMatching(Predicate<Message> wanted) {
        return messages().stream().filter(wanted).toList();
    }

    private static Message read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\n\n");
            String head = end < 0 ? text : text.substring(0, end);
            Map<String, String> headers = new LinkedHashMap<>();
            String unfolded = head.replaceAll("\n[ \t]+", " ");
            for (String line : unfolded.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
                }
            }
            return new Message(file, headers, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.destroy();
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        // A killed daemon can linger a while: wait for the ports, not for the process table.
        while (listeners.stream().anyMatch(listener -> accepts(listener.address()))) {
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                break;
            }
            pause();
        }
        deleteDirectory();
    }

    private void deleteDirectory() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Left behind in the temporary directory; nothing depends on it.
        }
    }
}
