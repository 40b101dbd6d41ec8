package dev.mtasts.dns;

import java.util.Objects;

/**
 * One MX record: preference and exchange host name, lower-cased and without the trailing dot.
 */
public final class MxHost implements Comparable<MxHost> {

    private final int preference;
    private final String host;

    public MxHost(int preference, String host) {
        this.preference = preference;
        this.host = Objects.requireNonNull(host, "host");
    }

    public int preference() {
        return preference;
    }

    public String host() {
        return host;
    }

    @Override
    public int compareTo(MxHost other) {
        int byPreference = Integer.compare(preference, other.preference);
        return byPreference != 0 ? byPreference : host.compareTo(other.host);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MxHost && preference == ((MxHost) other).preference
                && host.equals(((MxHost) other).host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(preference, host);
    }

    /** Wire form, as in a zone file: {@code 10 mx1.example.com.} */
    @Override
    public String toString() {
        return preference + " " + host + ".";
    }
}
