package dev.mtasts.dns;

import java.util.Objects;

/**
 * One MX record: preference and exchange host name, lower-cased and without the trailing dot.
 */
public record MxHost(int preference, String host) implements Comparable<MxHost> {

    public MxHost {
        Objects.requireNonNull(host, "host");
    }

    @Override
    public int compareTo(MxHost other) {
        int byPreference = Integer.compare(preference, other.preference);
        return byPreference != 0 ? byPreference : host.compareTo(other.host);
    }

    /** Wire form, as in a zone file: {@code 10 mx1.example.com.} */
    @Override
    public String toString() {
        return preference + " " + host + ".";
    }
}
