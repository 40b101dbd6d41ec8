package dev.mtasts.james.tls;

import java.net.InetAddress;
import java.net.Socket;
import java.util.Objects;
import java.util.Optional;

/**
 * One SMTP connection to an MX host, as RFC 8460 §4.4 describes a failed session: the MX host name, the MX
 * address ({@code receiving-ip}) and ours ({@code sending-mta-ip}).
 */
public final class MxConnection {

    private final String mxHost;
    private final Optional<InetAddress> receivingIp;
    private final Optional<InetAddress> sendingIp;

    public MxConnection(String mxHost, Optional<InetAddress> receivingIp, Optional<InetAddress> sendingIp) {
        this.mxHost = Objects.requireNonNull(mxHost, "mxHost");
        this.receivingIp = Objects.requireNonNull(receivingIp, "receivingIp");
        this.sendingIp = Objects.requireNonNull(sendingIp, "sendingIp");
    }

    static MxConnection of(String mxHost, Socket socket) {
        return new MxConnection(mxHost, Optional.ofNullable(socket.getInetAddress()),
            Optional.ofNullable(socket.getLocalAddress()).filter(address -> !address.isAnyLocalAddress()));
    }

    public String mxHost() {
        return mxHost;
    }

    public Optional<InetAddress> receivingIp() {
        return receivingIp;
    }

    public Optional<InetAddress> sendingIp() {
        return sendingIp;
    }

    @Override
    public String toString() {
        return mxHost + receivingIp.map(address -> " [" + address.getHostAddress() + "]").orElse("");
    }
}
