package dev.mtasts.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TLSARecord;

import java.net.InetAddress;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The DNSSEC status of an answer is the AD bit of every response on the CNAME chain (RFC 7672 §2.1); SERVFAIL
 * and timeouts are failures, never insecure (§2.1.1); only records of the question and its chain count.
 */
class DnsjavaDnssecLookupTest {

    private static final String MX = "mx.dane.test.";
    private static final String TLSA = "TLSA _25._tcp." + MX;
    private static final byte[] HASH = new byte[32];

    enum Expect { SECURE_FOUND, SECURE_EMPTY, INSECURE_FOUND, INSECURE_EMPTY, FAILED }

    static Stream<Arguments> answers() {
        return Stream.of(
                arguments("secure TLSA", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, true, Rcode.NOERROR, tlsa("_25._tcp." + MX, 300))),
                        Expect.SECURE_FOUND),
                arguments("TLSA without AD is insecure", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, false, Rcode.NOERROR, tlsa("_25._tcp." + MX, 300))),
                        Expect.INSECURE_FOUND),
                arguments("SERVFAIL (bogus) fails", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, false, Rcode.SERVFAIL)), Expect.FAILED),
                arguments("REFUSED fails", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, false, Rcode.REFUSED)), Expect.FAILED),
                arguments("timeout fails", new ScriptedResolver(), Expect.FAILED),
                arguments("authenticated NXDOMAIN", new ScriptedResolver()
                        .on(TLSA, q -> withSoa(reply(q, true, Rcode.NXDOMAIN))), Expect.SECURE_EMPTY),
                arguments("authenticated NODATA", new ScriptedResolver()
                        .on(TLSA, q -> withSoa(reply(q, true, Rcode.NOERROR))), Expect.SECURE_EMPTY),
                arguments("NXDOMAIN without AD", new ScriptedResolver()
                        .on(TLSA, q -> withSoa(reply(q, false, Rcode.NXDOMAIN))), Expect.INSECURE_EMPTY),
                arguments("secure CNAME chain in one response", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, true, Rcode.NOERROR, cname("_25._tcp." + MX, "tlsa.dane.test."),
                                tlsa("tlsa.dane.test.", 300))), Expect.SECURE_FOUND),
                arguments("chain finished by a second secure query", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, true, Rcode.NOERROR, cname("_25._tcp." + MX, "tlsa.other.test.")))
                        .on("TLSA tlsa.other.test.", q -> reply(q, true, Rcode.NOERROR, tlsa("tlsa.other.test.", 300))),
                        Expect.SECURE_FOUND),
                arguments("chain whose second step lacks AD is insecure", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, true, Rcode.NOERROR, cname("_25._tcp." + MX, "tlsa.other.test.")))
                        .on("TLSA tlsa.other.test.", q -> reply(q, false, Rcode.NOERROR, tlsa("tlsa.other.test.", 300))),
                        Expect.INSECURE_FOUND),
                arguments("chain whose first step lacks AD is insecure", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, false, Rcode.NOERROR, cname("_25._tcp." + MX, "tlsa.other.test.")))
                        .on("TLSA tlsa.other.test.", q -> reply(q, true, Rcode.NOERROR, tlsa("tlsa.other.test.", 300))),
                        Expect.INSECURE_FOUND),
                arguments("chain whose second step is bogus fails", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, true, Rcode.NOERROR, cname("_25._tcp." + MX, "tlsa.other.test.")))
                        .on("TLSA tlsa.other.test.", q -> reply(q, false, Rcode.SERVFAIL)), Expect.FAILED),
                arguments("CNAME loop fails", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, true, Rcode.NOERROR, cname("_25._tcp." + MX, "a.dane.test."),
                                cname("a.dane.test.", "_25._tcp." + MX))), Expect.FAILED),
                arguments("a record for another name only is NODATA", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, true, Rcode.NOERROR, tlsa("_25._tcp.attacker.test.", 300))),
                        Expect.SECURE_EMPTY),
                arguments("a CNAME that does not start at the name is not followed", new ScriptedResolver()
                        .on(TLSA, q -> reply(q, true, Rcode.NOERROR, cname("elsewhere.test.", "tlsa.dane.test."),
                                tlsa("tlsa.dane.test.", 300))), Expect.SECURE_EMPTY),
                arguments("truncated fails", new ScriptedResolver()
                        .on(TLSA, q -> {
                            Message m = reply(q, true, Rcode.NOERROR);
                            m.getHeader().setFlag(Flags.TC);
                            return m;
                        }), Expect.FAILED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void statusOfTheAnswer(String name, ScriptedResolver resolver, Expect expected) {
        DnssecAnswer<TlsaRecord> answer = new DnsjavaDnssecLookup(resolver, Duration.ofSeconds(1)).tlsa("mx.dane.test");

        assertThat(outcome(answer)).as(answer.detail()).isEqualTo(expected);
    }

    @Test
    void queriesAskForDnssecRecordsAndTheAdBit() {
        ScriptedResolver resolver = new ScriptedResolver()
                .on(TLSA, q -> reply(q, true, Rcode.NOERROR, tlsa("_25._tcp." + MX, 300)));

        new DnsjavaDnssecLookup(resolver, Duration.ofSeconds(1)).tlsa("mx.dane.test");

        Message query = resolver.queries.get(0);
        assertThat(query.getHeader().getFlag(Flags.AD)).isTrue();
        assertThat(query.getHeader().getFlag(Flags.CD)).isFalse();
        assertThat(query.getOPT()).isNotNull();
        assertThat(query.getOPT().getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
    }

    @Test
    void recordsAndTtlOfASecureAnswer() {
        ScriptedResolver resolver = new ScriptedResolver()
                .on(TLSA, q -> reply(q, true, Rcode.NOERROR, cname("_25._tcp." + MX, "t.dane.test.", 120),
                        tlsa("t.dane.test.", 300)));

        DnssecAnswer.Secure<TlsaRecord> answer = (DnssecAnswer.Secure<TlsaRecord>)
                new DnsjavaDnssecLookup(resolver, Duration.ofSeconds(1)).tlsa("mx.dane.test");

        assertThat(answer.records()).containsExactly(new TlsaRecord(3, 1, 1, HASH));
        assertThat(answer.ttl()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void negativeTtlIsTheLesserOfSoaTtlAndMinimum() {
        ScriptedResolver resolver = new ScriptedResolver().on(TLSA, q -> withSoa(reply(q, true, Rcode.NXDOMAIN)));

        DnssecAnswer.Secure<TlsaRecord> answer = (DnssecAnswer.Secure<TlsaRecord>)
                new DnsjavaDnssecLookup(resolver, Duration.ofSeconds(1)).tlsa("mx.dane.test");

        assertThat(answer.ttl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(answer.detail()).contains("NXDOMAIN");
    }

    @Test
    void addressesAreSecureOnlyWhenBothFamiliesAre() throws Exception {
        Record a = new ARecord(Name.fromString(MX), DClass.IN, 60, InetAddress.getByName("127.0.105.25"));
        ScriptedResolver resolver = new ScriptedResolver()
                .on("A " + MX, q -> reply(q, true, Rcode.NOERROR, a))
                .on("AAAA " + MX, q -> withSoa(reply(q, false, Rcode.NOERROR)));

        DnssecAnswer<InetAddress> answer = new DnsjavaDnssecLookup(resolver, Duration.ofSeconds(1)).addresses(MX);

        assertThat(answer).isInstanceOf(DnssecAnswer.Insecure.class);
        assertThat(((DnssecAnswer.Insecure<InetAddress>) answer).records())
                .containsExactly(InetAddress.getByName("127.0.105.25"));
    }

    @Test
    void aBogusAddressFamilyFailsTheHost() throws Exception {
        Record a = new ARecord(Name.fromString(MX), DClass.IN, 60, InetAddress.getByName("127.0.105.25"));
        ScriptedResolver resolver = new ScriptedResolver()
                .on("A " + MX, q -> reply(q, true, Rcode.NOERROR, a))
                .on("AAAA " + MX, q -> reply(q, false, Rcode.SERVFAIL));

        assertThat(new DnsjavaDnssecLookup(resolver, Duration.ofSeconds(1)).addresses(MX))
                .isInstanceOf(DnssecAnswer.Failed.class);
    }

    @Test
    void mxHostsAreSortedByPreference() throws Exception {
        Name domain = Name.fromString("dane.test.");
        Record b = new org.xbill.DNS.MXRecord(domain, DClass.IN, 60, 20, Name.fromString("b.dane.test."));
        Record a = new org.xbill.DNS.MXRecord(domain, DClass.IN, 60, 10, Name.fromString("a.dane.test."));
        ScriptedResolver resolver = new ScriptedResolver().on("MX dane.test.", q -> reply(q, true, Rcode.NOERROR, b, a));

        DnssecAnswer.Secure<MxHost> answer = (DnssecAnswer.Secure<MxHost>)
                new DnsjavaDnssecLookup(resolver, Duration.ofSeconds(1)).mx("dane.test");

        assertThat(answer.records()).extracting(MxHost::host).containsExactly("a.dane.test", "b.dane.test");
    }

    private static Expect outcome(DnssecAnswer<?> answer) {
        if (answer instanceof DnssecAnswer.Secure) {
            return ((DnssecAnswer.Secure<?>) answer).hasRecords() ? Expect.SECURE_FOUND : Expect.SECURE_EMPTY;
        }
        if (answer instanceof DnssecAnswer.Insecure) {
            return ((DnssecAnswer.Insecure<?>) answer).hasRecords() ? Expect.INSECURE_FOUND : Expect.INSECURE_EMPTY;
        }
        return Expect.FAILED;
    }

    static Message reply(Message query, boolean ad, int rcode, Record... answers) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RD);
        response.getHeader().setFlag(Flags.RA);
        if (ad) {
            response.getHeader().setFlag(Flags.AD);
        }
        response.getHeader().setRcode(rcode);
        response.addRecord(query.getQuestion(), Section.QUESTION);
        for (Record record : answers) {
            response.addRecord(record, Section.ANSWER);
        }
        return response;
    }

    static Message withSoa(Message response) {
        try {
            response.addRecord(new SOARecord(Name.fromString("dane.test."), DClass.IN, 300,
                    Name.fromString("ns.dane.test."), Name.fromString("admin.dane.test."), 1, 3600, 600, 86400, 30),
                    Section.AUTHORITY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    static Record tlsa(String owner, long ttl) {
        try {
            return new TLSARecord(Name.fromString(owner), DClass.IN, ttl, 3, 1, 1, HASH);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Record cname(String owner, String target) {
        return cname(owner, target, 300);
    }

    static Record cname(String owner, String target, long ttl) {
        try {
            return new CNAMERecord(Name.fromString(owner), DClass.IN, ttl, Name.fromString(target));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
