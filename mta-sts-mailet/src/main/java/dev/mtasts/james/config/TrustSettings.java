package dev.mtasts.james.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The certificate authorities that policy hosts (RFC 8461 §3.3) and MX hosts (RFC 8461 §4.2) must chain to.
 *
 * @param jdkDefaults      whether the JDK's default trust store is included
 * @param pemFiles         extra trust anchors, PEM files of one or more certificates each
 * @param keystore         an extra key store whose trusted certificates are added
 * @param keystoreType     the key store's type, e.g. {@code PKCS12} or {@code JKS}
 * @param keystorePassword the key store's password, if it has one
 */
public record TrustSettings(boolean jdkDefaults, List<Path> pemFiles, Optional<Path> keystore, String keystoreType,
                            Optional<String> keystorePassword) {

    public TrustSettings {
        pemFiles = List.copyOf(pemFiles);
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystoreType, "keystoreType");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
    }

    public static TrustSettings jdkDefaultsOnly() {
        return new TrustSettings(true, List.of(), Optional.empty(), "PKCS12", Optional.empty());
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "TrustSettings[jdkDefaults=" + jdkDefaults + ", pemFiles=" + pemFiles + ", keystore=" + keystore
            + ", keystoreType=" + keystoreType + ", keystorePassword=" + (keystorePassword.isPresent() ? "***" : "none")
            + "]";
    }
}
