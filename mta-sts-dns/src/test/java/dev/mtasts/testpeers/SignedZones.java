package dev.mtasts.testpeers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * DNSSEC-signed test zones, signed at test time with BIND's {@code dnssec-keygen} and {@code dnssec-signzone}
 * (Debian {@code bind9-utils}), for a validating {@link UnboundServer}.
 *
 * <pre>{@code
 * SignedZones zones = SignedZones.builder(directory)
 *         .signed("test.")                 // the trust anchor's zone: the first one given
 *         .signed("dane.test.")            // a secure delegation: NS and DS in test.
 *         .unsigned("insecure.test.")      // an insecure delegation: NS without DS
 *         .record("dane.test. 300 IN MX 10 mx.dane.test.")
 *         .record("_25._tcp.mx.dane.test. 300 IN TLSA " + SignedZones.tlsa(3, 1, 1, certificate))
 *         .bogus("_25._tcp.mx.bogus.test. 300 IN TLSA 3 1 1 00..", "3 1 1 ff..")   // edited after signing
 *         .build();
 * UnboundServer dns = zones.serve(UnboundServer.builder().address("127.0.105.53")).start();
 * }</pre>
 *
 * <ul>
 *   <li>Each record goes into the closest enclosing zone; every zone gets an SOA (negative TTL 60 s) and NS.</li>
 *   <li>The first zone is the trust anchor (its DNSKEY in {@link #trustAnchor()}); every other zone must be
 *       below one given before it.</li>
 *   <li>A {@link Builder#bogus bogus} record is signed with one value and served with another: a validating
 *       resolver answers SERVFAIL for it (EDE 6, DNSSEC Bogus).</li>
 *   <li>Signatures are valid from an hour ago to 30 days ahead (dnssec-signzone's defaults).</li>
 * </ul>
 */
public final class SignedZones {

    private final Path trustAnchor;
    private final Map<String, Path> zoneFiles;

    private SignedZones(Path trustAnchor, Map<String, Path> zoneFiles) {
        this.trustAnchor = trustAnchor;
        this.zoneFiles = zoneFiles;
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** The file with the first zone's DNSKEY, for {@code trust-anchor-file}. */
    public Path trustAnchor() {
        return trustAnchor;
    }

    /** Zone name (absolute, lower case) to the zone file served. */
    public Map<String, Path> zoneFiles() {
        return zoneFiles;
    }

    /** Makes {@code unbound} validate with this trust anchor and serve these zones as auth zones. */
    public UnboundServer.Builder serve(UnboundServer.Builder unbound) {
        unbound.validating(trustAnchor);
        zoneFiles.forEach(unbound::authZone);
        return unbound;
    }

    /**
     * The TLSA record data {@code "usage selector matching hex"} for a certificate (RFC 6698 §2.1): selector 0
     * the certificate's DER, 1 its SubjectPublicKeyInfo DER; matching 0 exact, 1 SHA-256, 2 SHA-512.
     */
    public static String tlsa(int usage, int selector, int matchingType, X509Certificate certificate) {
        try {
            byte[] selected = selector == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
            byte[] data;
            switch (matchingType) {
                case 0:
                    data = selected;
                    break;
                case 1:
                    data = MessageDigest.getInstance("SHA-256").digest(selected);
                    break;
                case 2:
                    data = MessageDigest.getInstance("SHA-512").digest(selected);
                    break;
                default:
                    throw new IllegalArgumentException("matching type " + matchingType);
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : data) {
                hex.append(String.format(Locale.ROOT, "%02x", b & 0xff));
            }
            return usage + " " + selector + " " + matchingType + " " + hex;
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What zones to sign and which records to put in them. */
    public static final class Builder {

        private final Path directory;
        private final Map<String, Boolean> zones = new LinkedHashMap<>(); // name → signed
        private final List<String> records = new ArrayList<>();
        private final Map<String, String> bogus = new LinkedHashMap<>(); // "owner TYPE" → served rdata

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        public Builder signed(String zone) {
            return zone(zone, true);
        }

        public Builder unsigned(String zone) {
            return zone(zone, false);
        }

        private Builder zone(String zone, boolean signed) {
            String name = absolute(zone);
            if (!zones.isEmpty() && parentOf(name, new ArrayList<>(zones.keySet())) == null) {
                throw new IllegalArgumentException(name + " is below none of " + zones.keySet());
            }
            if (zones.isEmpty() && !signed) {
                throw new IllegalArgumentException("the first zone is the trust anchor's: it must be signed");
            }
            zones.put(name, signed);
            return this;
        }

        /** A record in zone-file form with an absolute owner: {@code mx.dane.test. 300 IN A 127.0.105.25}. */
        public Builder record(String resourceRecord) {
            records.add(resourceRecord);
            return this;
        }

        /** A record signed as given, then served with {@code servedData} as its record data: bogus. */
        public Builder bogus(String resourceRecord, String servedData) {
            String[] fields = resourceRecord.trim().split("\\s+");
            records.add(resourceRecord);
            bogus.put(absolute(fields[0]) + " " + fields[3].toUpperCase(Locale.ROOT), servedData);
            return this;
        }

        /** Writes, signs and (for bogus records) edits the zone files. */
        public SignedZones build() {
            if (zones.isEmpty()) {
                throw new IllegalStateException("no zone");
            }
            try {
                Files.createDirectories(directory);
                List<String> names = new ArrayList<>(zones.keySet());
                Map<String, List<String>> content = new LinkedHashMap<>();
                String apex = names.get(0);
                for (String zone : names) {
                    List<String> lines = new ArrayList<>();
                    lines.add("$TTL 300");
                    lines.add(zone + " 300 IN SOA ns." + apex + " hostmaster." + apex + " 1 3600 600 86400 60");
                    lines.add(zone + " 300 IN NS ns." + apex);
                    content.put(zone, lines);
                }
                content.get(apex).add("ns." + apex + " 300 IN A 127.0.0.53");
                for (String record : records) {
                    String owner = absolute(record.trim().split("\\s+")[0]);
                    String zone = closestZone(owner, names);
                    if (zone == null) {
                        throw new IllegalArgumentException("no zone for " + record);
                    }
                    content.get(zone).add(record);
                }
                // Sign the deepest zones first: a parent needs its signed children's DS records.
                List<String> deepestFirst = new ArrayList<>(names);
                deepestFirst.sort(Comparator.comparingInt((String zone) -> zone.split("\\.").length).reversed());
                Map<String, Path> served = new LinkedHashMap<>();
                Path anchor = null;
                for (String zone : deepestFirst) {
                    String parent = parentOf(zone, names);
                    Path unsignedFile = directory.resolve(zone + "zone");
                    if (parent != null) {
                        content.get(parent).add(zone + " 300 IN NS ns." + apex);
                    }
                    if (!zones.get(zone)) {
                        Files.write(unsignedFile, content.get(zone), StandardCharsets.UTF_8);
                        served.put(zone, unsignedFile);
                        continue;
                    }
                    String key = run("dnssec-keygen", "-q", "-K", directory.toString(), "-a", "ECDSAP256SHA256",
                            "-f", "KSK", zone).trim();
                    Path keyFile = directory.resolve(key + ".key");
                    List<String> lines = new ArrayList<>(content.get(zone));
                    lines.add("$INCLUDE " + keyFile);
                    Files.write(unsignedFile, lines, StandardCharsets.UTF_8);
                    Path signedFile = directory.resolve(zone + "zone.signed");
                    run("dnssec-signzone", "-q", "-z", "-O", "full", "-K", directory.toString(), "-o", zone,
                            "-f", signedFile.toString(), unsignedFile.toString(), keyFile.toString());
                    editBogus(signedFile);
                    served.put(zone, signedFile);
                    if (parent != null) {
                        String ds = run("dnssec-dsfromkey", "-2", keyFile.toString()).trim();
                        content.get(parent).add(ds);
                    } else {
                        anchor = directory.resolve("trust-anchor.key");
                        List<String> dnskey = new ArrayList<>();
                        for (String line : Files.readAllLines(keyFile, StandardCharsets.UTF_8)) {
                            if (!line.startsWith(";")) {
                                dnskey.add(line);
                            }
                        }
                        Files.write(anchor, dnskey, StandardCharsets.UTF_8);
                    }
                }
                Map<String, Path> inOrder = new LinkedHashMap<>();
                for (String zone : names) {
                    inOrder.put(zone, served.get(zone));
                }
                return new SignedZones(anchor, inOrder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void editBogus(Path signedFile) throws IOException {
            if (bogus.isEmpty()) {
                return;
            }
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(signedFile, StandardCharsets.UTF_8)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 4 && !line.startsWith(";")) {
                    String served = bogus.get(absolute(fields[0]) + " " + fields[3].toUpperCase(Locale.ROOT));
                    if (served != null) {
                        line = fields[0] + " " + fields[1] + " " + fields[2] + " " + fields[3] + " " + served;
                    }
                }
                lines.add(line);
            }
            Files.write(signedFile, lines, StandardCharsets.UTF_8);
        }

        private static String closestZone(String owner, List<String> zones) {
            String best = null;
            for (String zone : zones) {
                if ((owner.equals(zone) || owner.endsWith("." + zone)) && (best == null || zone.length() > best.length())) {
                    best = zone;
                }
            }
            return best;
        }

        private static String parentOf(String zone, List<String> zones) {
            String best = null;
            for (String candidate : zones) {
                if (!candidate.equals(zone) && zone.endsWith("." + candidate)
                        && (best == null || candidate.length() > best.length())) {
                    best = candidate;
                }
            }
            return best;
        }

        private String run(String program, String... arguments) {
            List<String> command = new ArrayList<>();
            command.add(program);
            command.addAll(List.of(arguments));
            try {
                Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(false)
                        .start();
                String out;
                String err;
                try (var stdout = process.getInputStream(); var stderr = process.getErrorStream()) {
                    out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
                    err = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(program + " did not finish");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                            + "):\n" + out + err);
                }
                return out;
            } catch (IOException e) {
                throw new IllegalStateException(program + " is not installed (Debian bind9-utils;"
                        + " scripts/install-test-deps.sh installs it): " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + program, e);
            }
        }
    }

    private static String absolute(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }
}
