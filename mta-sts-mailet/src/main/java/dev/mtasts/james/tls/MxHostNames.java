package dev.mtasts.james.tls;

import java.net.InetAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which MX host name each address of one delivery attempt was resolved from. James' standard lane connects to an
 * MX by address, so JavaMail only knows the address; the certificate check (a DNS-ID of the certificate must match
 * the MX host name, RFC 8461 §4.2 via RFC 6125) and the session records need the name. James resolves the MX hosts
 * one after the other, while it tries them, so the latest name that gave an address is the one being tried.
 */
final class MxHostNames {

    private final Map<String, String> nameByAddress = new HashMap<>();

    void resolved(String mxHost, Collection<InetAddress> addresses) {
        String name = mxHost.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        for (InetAddress address : addresses) {
            if (address != null) {
                nameByAddress.put(address.getHostAddress(), name);
            }
        }
    }

    /** The MX host name an address was resolved from; {@code host} itself when it is no such address. */
    String nameOf(String host) {
        return nameByAddress.getOrDefault(host, host);
    }
}
