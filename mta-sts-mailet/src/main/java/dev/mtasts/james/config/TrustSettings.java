package dev.mtasts.james.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The certificate authorities that policy hosts (RFC 8461 §3.3) and MX hosts (RFC 8461 §4.2) must chain to. */
public final class TrustSettings {

    private final boolean jdkDefaults;
    private final List<Path> pemFiles;
    private final Optional<Path> keystore;
    private final String keystoreType;
    private final Optional<String> keystorePassword;

    public TrustSettings(boolean jdkDefaults, List<Path> pemFiles, Optional<Path> keystore, String keystoreType,
                         Optional<String> keystorePassword) {
        this.jdkDefaults = jdkDefaults;
        this.pemFiles = List.copyOf(pemFiles);
        this.keystore = Objects.requireNonNull(keystore, "keystore");
        this.keystoreType = Objects.requireNonNull(keystoreType, "keystoreType");
        this.keystorePassword = Objects.requireNonNull(keystorePassword, "keystorePassword");
    }

    public static TrustSettings jdkDefaultsOnly() {
        return new TrustSettings(true, List.of(), Optional.empty(), "PKCS12", Optional.empty());
    }

    /** Whether the JDK's default trust store is included. */
    public boolean jdkDefaults() {
        return jdkDefaults;
    }

    /** Extra trust anchors, PEM files of one or more certificates each. */
    public List<Path> pemFiles() {
        return pemFiles;
    }

    /** An extra key store whose trusted certificates are added. */
    public Optional<Path> keystore() {
        return keystore;
    }

    /** The key store's type, e.g. {@code PKCS12} or {@code JKS}. */
    public String keystoreType() {
        return keystoreType;
    }

    /** The key store's password, if it has one. */
    public Optional<String> keystorePassword() {
        return keystorePassword;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TrustSettings)) {
            return false;
        }
        TrustSettings that = (TrustSettings) other;
        return jdkDefaults == that.jdkDefaults && pemFiles.equals(that.pemFiles) && keystore.equals(that.keystore)
            && keystoreType.equals(that.keystoreType) && keystorePassword.equals(that.keystorePassword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jdkDefaults, pemFiles, keystore, keystoreType, keystorePassword);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "TrustSettings[jdkDefaults=" + jdkDefaults + ", pemFiles=" + pemFiles + ", keystore=" + keystore
            + ", keystoreType=" + keystoreType + ", keystorePassword=" + (keystorePassword.isPresent() ? "***" : "none")
            + "]";
    }
}
