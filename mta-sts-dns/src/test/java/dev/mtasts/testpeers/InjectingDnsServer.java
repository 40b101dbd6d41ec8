package dev.mtasts.testpeers;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny UDP DNS server for tests that answers with whatever records the test gives, including records that were
 * not asked for (a broken or malicious server, as in CVE-2024-25638). unbound only ever answers what was asked.
 *
 * <pre>{@code
 * try (InjectingDnsServer dns = InjectingDnsServer.start()) {
 *     dns.answer("_mta-sts.victim.test.", Type.TXT, victimTxt, attackerTxt, unrelatedA);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Listens on {@value #ADDRESS} on a free port; one thread answers one datagram at a time.</li>
 *   <li>A response copies the query's id, RD flag and question, sets QR, AA and RA and puts the given records in
 *       the answer section, as given, in that order: NOERROR. A question without an entry is NXDOMAIN.</li>
 *   <li>No EDNS, no TCP, no truncation: keep the answers small.</li>
 * </ul>
 */
public final class InjectingDnsServer implements AutoCloseable {

    public static final String ADDRESS = "127.0.93.53";

    private final DatagramSocket socket;
    private final Thread thread;
    private final Map<String, List<Record>> answers = new ConcurrentHashMap<>();

    private InjectingDnsServer(DatagramSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "injecting DNS server " + socket.getLocalSocketAddress());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public static InjectingDnsServer start() {
        try {
            return new InjectingDnsServer(new DatagramSocket(new InetSocketAddress(ADDRESS, 0)));
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot bind " + ADDRESS, e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Answers the question {@code type name} (class IN, any case) with these records in the answer section. */
    public InjectingDnsServer answer(String name, int type, Record... records) {
        try {
            answers.put(key(Name.fromString(name, Name.root), type), List.of(records));
        } catch (TextParseException e) {
            throw new IllegalArgumentException(name, e);
        }
        return this;
    }

    private void serve() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            try {
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] response = respond(query).toWire();
                socket.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                // not a DNS query, or the client went away: no answer
            }
        }
    }

    private Message respond(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        List<Record> records = answers.get(key(question.getName(), question.getType()));
        if (records == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        for (Record record : records) {
            response.addRecord(record, Section.ANSWER);
        }
        return response;
    }

    private static String key(Name name, int type) {
        return name.toString().toLowerCase(Locale.ROOT) + " " + Type.string(type);
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
