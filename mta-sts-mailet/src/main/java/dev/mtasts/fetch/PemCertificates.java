package dev.mtasts.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every {@code CERTIFICATE} block of a PEM file (RFC 7468 §5). Text outside the blocks (comments, the
 * {@code subject=} lines some tools write) and blocks of other types are ignored.
 */
final class PemCertificates {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    private static final Pattern BLOCK = Pattern.compile(Pattern.quote(BEGIN) + "(.*?)" + Pattern.quote(END), Pattern.DOTALL);
    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/=\\s]*");

    private PemCertificates() {
    }

    static List<X509Certificate> read(Path file) throws TrustAnchorException {
        String source = file.toString();
        String text;
        try {
            // ISO-8859-1 maps every byte to a character: decoding cannot fail, and binary junk fails below.
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TrustAnchorException(source, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new TrustAnchorException(source, "permission denied", e);
        } catch (IOException e) {
            throw new TrustAnchorException(source, "cannot be read: " + e, e);
        }
        return parse(source, text);
    }

    static List<X509Certificate> parse(String source, String text) throws TrustAnchorException {
        CertificateFactory factory = x509Factory(source);
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        int searchFrom = 0;
        while (block.find()) {
            int number = certificates.size() + 1;
            if (block.group(1).contains(BEGIN)) {
                throw new TrustAnchorException(source, "certificate " + number + " has no END line");
            }
            certificates.add(decode(source, number, block.group(1), factory));
            searchFrom = block.end();
        }
        if (text.indexOf(BEGIN, searchFrom) >= 0) {
            throw new TrustAnchorException(source, "certificate " + (certificates.size() + 1) + " has no END line");
        }
        if (certificates.isEmpty()) {
            throw new TrustAnchorException(source, "no PEM certificate (" + BEGIN + ") found");
        }
        return List.copyOf(certificates);
    }

    private static X509Certificate decode(String source, int number, String base64, CertificateFactory factory)
            throws TrustAnchorException {
        if (!BASE64_TEXT.matcher(base64).matches()) {
            throw new TrustAnchorException(source, "certificate " + number + " is not base64 text");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new TrustAnchorException(source, "certificate " + number + " is not valid base64: " + e.getMessage(), e);
        }
        try {
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new TrustAnchorException(source, "certificate " + number + " is not a valid X.509 certificate: "
                    + e.getMessage(), e);
        }
    }

    private static CertificateFactory x509Factory(String source) throws TrustAnchorException {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new TrustAnchorException(source, "this JVM cannot read X.509 certificates", e);
        }
    }
}
