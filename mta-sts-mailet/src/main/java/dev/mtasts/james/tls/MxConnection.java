package dev.mtasts.james.tls;

import java.net.InetAddress;
import java.net.Socket;
import java.util.Objects;
import java.util.Optional;

/**
 * One SMTP connection to an MX host, as RFC 8460 §4.4 describes a failed session: the MX host name, the MX
 * address ({@code receiving-ip}) and ours ({@code sending-mta-ip}).
 */
public record MxConnection(String mxHost, Optional<InetAddress> receivingIp, Optional<InetAddress> sendingIp) {

    public MxConnection {
        Objects.requireNonNull(mxHost, "mxHost");
        Objects.requireNonNull(receivingIp, "receivingIp");
        Objects.requireNonNull(sendingIp, "sendingIp");
    }

    static MxConnection of(String mxHost, Socket socket) {
        return new MxConnection(mxHost, Optional.ofNullable(socket.getInetAddress()),
            Optional.ofNullable(socket.getLocalAddress()).filter(address -> !address.isAnyLocalAddress()));
    }
}
