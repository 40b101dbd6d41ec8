package dev.mtasts.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The smallest SMTP client that answers RFC 8461 §4.2's questions about an MX host: does it offer STARTTLS
 * (RFC 3207), which TLS version does it speak, and which certificate does it present for its name?
 *
 * <p>One connection to the first address that accepts it: read the 220 greeting, {@code EHLO} with our address
 * literal (RFC 5321 §4.1.3), look for {@code STARTTLS} among the extensions, send it, expect 220, then do a TLS
 * handshake on the same connection with SNI naming the MX host (RFC 8461 §7.1) and TLS 1.2 or 1.3 only, and end
 * with {@code QUIT}. No mail is ever sent. Replies are read byte by byte within fixed limits
 * ({@link SmtpReplyReader}), and the whole session is bounded by {@link AuditSettings#timeout()}.
 */
final class SmtpProbe {

    private final AuditSettings settings;

    SmtpProbe(AuditSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    SmtpProbeResult probe(String mxHost, List<InetAddress> addresses) {
        Connector.Connected connected;
        try {
            connected = Connector.connect(addresses, settings.smtpPort(), settings.connectTimeout());
        } catch (Connector.UnreachableException e) {
            return new SmtpProbeResult.Unreachable(e.getMessage());
        }
        Socket socket = connected.socket();
        InetAddress address = connected.address();
        try (SocketDeadline deadline = SocketDeadline.start(socket, settings.timeout())) {
            return converse(mxHost, socket, address, deadline);
        } finally {
            Connector.closeQuietly(socket);
        }
    }

    private SmtpProbeResult converse(String mxHost, Socket socket, InetAddress address, SocketDeadline deadline) {
        String stage = "greeting";
        try {
            socket.setSoTimeout((int) settings.timeout().toMillis());
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            SmtpReplyReader replies = new SmtpReplyReader(in);
            SmtpReply greeting = replies.read();
            if (greeting.code() != 220) {
                // RFC 5321 §4.2: 554 (or any other code) instead of 220 means no service
                quitQuietly(out, replies);
                return new SmtpProbeResult.SmtpFailed(address, stage, "greeting " + greeting);
            }
            stage = "EHLO";
            send(out, "EHLO " + addressLiteral(socket.getLocalAddress()));
            SmtpReply ehlo = replies.read();
            if (ehlo.code() != 250) {
                quitQuietly(out, replies);
                return new SmtpProbeResult.SmtpFailed(address, stage, "EHLO answered " + ehlo);
            }
            if (!ehlo.offers("STARTTLS")) {
                quitQuietly(out, replies);
                return new SmtpProbeResult.NoStartTls(address, ehlo.ehloKeywords());
            }
            stage = "STARTTLS";
            send(out, "STARTTLS");
            SmtpReply ready = replies.read();
            if (ready.code() != 220) {
                quitQuietly(out, replies);
                return new SmtpProbeResult.StartTlsRefused(address, ready.toString());
            }
        } catch (IOException | SmtpProtocolException e) {
            String detail = deadline.explain(e);
            return new SmtpProbeResult.SmtpFailed(address, stage, detail);
        }
        TlsClient.Secured secured;
        try {
            secured = TlsClient.handshake(socket, address, mxHost);
        } catch (IOException e) {
            String detail = deadline.explain(e);
            return new SmtpProbeResult.HandshakeFailed(address, detail,
                    !deadline.timedOut(e) && TlsClient.isVersionProblem(e));
        }
        deadline.watch(secured.socket());
        try {
            // RFC 3207 §4.2 would have us EHLO again before a transaction; for QUIT there is no need
            quitQuietly(secured.socket().getOutputStream(), new SmtpReplyReader(secured.socket().getInputStream()));
        } catch (IOException e) {
            // the handshake is what counts; a server that drops the connection at QUIT is still secure
        } finally {
            Connector.closeQuietly(secured.socket());
        }
        return new SmtpProbeResult.Secured(secured.peer());
    }

    /** RFC 5321 §4.1.3: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
    static String addressLiteral(InetAddress address) {
        if (address instanceof Inet6Address) {
            String text = address.getHostAddress();
            int zone = text.indexOf('%');
            return "[IPv6:" + (zone < 0 ? text : text.substring(0, zone)) + "]";
        }
        return "[" + address.getHostAddress() + "]";
    }

    private static void send(OutputStream out, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * QUIT and its reply, whatever the reply says (RFC 5321 §4.1.1.10). The probe's verdict is made by then:
     * a server that drops the connection instead of answering changes nothing.
     */
    private static void quitQuietly(OutputStream out, SmtpReplyReader replies) {
        try {
            send(out, "QUIT");
            replies.read();
        } catch (IOException | SmtpProtocolException e) {
            // closing anyway
        }
    }
}
