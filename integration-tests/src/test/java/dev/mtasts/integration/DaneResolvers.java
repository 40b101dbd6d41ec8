package dev.mtasts.integration;

import dev.mtasts.testpeers.SignedZones;
import dev.mtasts.testpeers.UnboundServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two real unbound resolvers for the DANE tests of James, started once per test run on 127.0.105.x (stopped by
 * their own shutdown hooks): one validating over zones signed at test time ({@code test.} as trust anchor), one
 * that answers the same names without validating.
 */
final class DaneResolvers {

    /** The signed name James probes (dane.validationProbe) in these tests. */
    static final String PROBE = "test.";

    private static UnboundServer validating;
    private static UnboundServer plain;

    private DaneResolvers() {
    }

    static synchronized String validating() {
        if (validating == null) {
            try {
                Path directory = Files.createTempDirectory("dane-resolver-");
                SignedZones zones = SignedZones.builder(directory)
                        .signed("test.")
                        .record("mx.dane.test. 300 IN A 127.0.105.25")
                        .build();
                validating = zones.serve(UnboundServer.builder().address("127.0.105.53")).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return validating.hostAndPort();
    }

    static synchronized String plain() {
        if (plain == null) {
            plain = UnboundServer.builder().address("127.0.105.54").staticZone("test.")
                    .localData("test. 300 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 60",
                            "mx.dane.test. 300 IN A 127.0.105.25")
                    .start();
        }
        return plain.hostAndPort();
    }
}
