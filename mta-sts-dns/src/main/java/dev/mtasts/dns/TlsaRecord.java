package dev.mtasts.dns;

import java.util.Arrays;
import java.util.Locale;

/**
 * One TLSA record (RFC 6698 §2.1): certificate usage, selector, matching type and certificate association data.
 * {@link #toString()} gives the presentation form, {@code 3 1 1 8d02...}; {@link #parse} reads it back.
 */
public final class TlsaRecord {

    private final int usage;
    private final int selector;
    private final int matchingType;
    private final byte[] data;

    public TlsaRecord(int usage, int selector, int matchingType, byte[] data) {
        if (usage < 0 || usage > 255 || selector < 0 || selector > 255 || matchingType < 0 || matchingType > 255) {
            throw new IllegalArgumentException("TLSA fields are octets: " + usage + " " + selector + " " + matchingType);
        }
        this.usage = usage;
        this.selector = selector;
        this.matchingType = matchingType;
        this.data = data.clone();
    }

    /** {@code "3 1 1 <hex>"}, as a zone file or {@code dig} shows it. */
    public static TlsaRecord parse(String text) {
        String[] parts = text.trim().split("\\s+", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("a TLSA record is 'usage selector matching-type hex': " + text);
        }
        try {
            String hex = parts[3].replaceAll("\\s+", "");
            if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
                throw new IllegalArgumentException("not hexadecimal: " + parts[3]);
            }
            byte[] bytes = new byte[hex.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            return new TlsaRecord(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    bytes);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a TLSA record: " + text, e);
        }
    }

    /** 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE (RFC 7218). */
    public int usage() {
        return usage;
    }

    /** 0 the full certificate, 1 the SubjectPublicKeyInfo. */
    public int selector() {
        return selector;
    }

    /** 0 exact, 1 SHA-256, 2 SHA-512. */
    public int matchingType() {
        return matchingType;
    }

    public byte[] data() {
        return data.clone();
    }

    /** The association data in lower-case hexadecimal. */
    public String dataHex() {
        StringBuilder hex = new StringBuilder(data.length * 2);
        for (byte b : data) {
            hex.append(String.format(Locale.ROOT, "%02x", b & 0xff));
        }
        return hex.toString();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TlsaRecord)) {
            return false;
        }
        TlsaRecord that = (TlsaRecord) other;
        return usage == that.usage && selector == that.selector && matchingType == that.matchingType
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * usage + selector) + matchingType) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return usage + " " + selector + " " + matchingType + " " + dataHex();
    }
}
