package dev.mtasts.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link DnssecLookup} over dnsjava's {@link Resolver#send}, so that the AD bit of each response is seen
 * ({@code Lookup} hides it).
 *
 * <ul>
 *   <li>Each query asks for DNSSEC records (EDNS0 DO bit, RFC 3225) and sets AD (RFC 6840 §5.7), so that a
 *       validating resolver reports its verdict in the AD bit of the response. Nothing is validated here
 *       (RFC 7672 §2.1: the resolver validates; this class only believes it, so the resolver must be
 *       trusted and near, normally on loopback).</li>
 *   <li>CNAMEs are followed here: the CNAMEs of each response are walked from the asked name; if the chain
 *       ends without the asked type, the last name is asked again, at most {@value #MAX_CHAIN} names in all.
 *       The answer is {@link DnssecAnswer.Secure} only if every response used had AD.</li>
 *   <li>Only records of the asked class, type and name or its CNAME chain are answers (the rule of
 *       {@link DnsjavaLookup#answerRecords}, RFC 1034 §3.6.2, §4.3.2; CVE-2024-25638).</li>
 *   <li>SERVFAIL (what a validating resolver answers for bogus data, RFC 4035 §5.5), any other error code,
 *       a timeout, a network error, a truncated or malformed answer is {@link DnssecAnswer.Failed}, with the
 *       extended DNS error (RFC 8914) in the detail when the resolver gave one.</li>
 *   <li>Nothing is cached here; {@link CachingDnssecLookup} caches.</li>
 * </ul>
 */
public final class DnsjavaDnssecLookup implements DnssecLookup {

    /** The longest CNAME chain followed, the asked name included (as dnsjava's own Lookup: 16 is generous). */
    static final int MAX_CHAIN = 8;

    /** Largest UDP payload advertised (the DNS flag day 2020 value); larger answers come over TCP. */
    private static final int EDNS_PAYLOAD = 1232;

    /** Negative answers without an SOA (which a resolver should not send) are kept this long. */
    private static final Duration NEGATIVE_TTL_WITHOUT_SOA = Duration.ofSeconds(60);

    private final Resolver resolver;
    private final Duration timeout;

    public DnsjavaDnssecLookup(ResolverSettings settings) {
        this(settings.usesSystemDefault() ? Lookup.getDefaultResolver() : DnsjavaLookup.resolverFor(settings),
                settings.timeout());
    }

    /** Over any resolver; for tests. */
    DnsjavaDnssecLookup(Resolver resolver, Duration timeout) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public DnssecAnswer<TlsaRecord> tlsa(String host) {
        String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return query("_25._tcp." + text, Type.TLSA, record -> {
            TLSARecord tlsa = (TLSARecord) record;
            return new TlsaRecord(tlsa.getCertificateUsage(), tlsa.getSelector(), tlsa.getMatchingType(),
                    tlsa.getCertificateAssociationData());
        });
    }

    @Override
    public DnssecAnswer<MxHost> mx(String domain) {
        DnssecAnswer<MxHost> answer = query(domain, Type.MX, record -> {
            MXRecord mx = (MXRecord) record;
            return new MxHost(mx.getPriority(), hostName(mx.getTarget()));
        });
        if (answer instanceof DnssecAnswer.Answered) {
            DnssecAnswer.Answered<MxHost> answered = (DnssecAnswer.Answered<MxHost>) answer;
            List<MxHost> sorted = new ArrayList<>(answered.records());
            sorted.sort(null);
            return answer instanceof DnssecAnswer.Secure
                    ? DnssecAnswer.secure(sorted, answered.ttl(), answered.detail())
                    : DnssecAnswer.insecure(sorted, answered.ttl(), answered.detail());
        }
        return answer;
    }

    @Override
    public DnssecAnswer<InetAddress> addresses(String host) {
        DnssecAnswer<InetAddress> v4 = query(host, Type.A, record -> ((ARecord) record).getAddress());
        if (v4 instanceof DnssecAnswer.Failed) {
            return v4;
        }
        DnssecAnswer<InetAddress> v6 = query(host, Type.AAAA, record -> ((AAAARecord) record).getAddress());
        if (v6 instanceof DnssecAnswer.Failed) {
            return v6;
        }
        DnssecAnswer.Answered<InetAddress> a = (DnssecAnswer.Answered<InetAddress>) v4;
        DnssecAnswer.Answered<InetAddress> aaaa = (DnssecAnswer.Answered<InetAddress>) v6;
        List<InetAddress> all = new ArrayList<>(a.records());
        all.addAll(aaaa.records());
        Duration ttl = a.ttl().compareTo(aaaa.ttl()) <= 0 ? a.ttl() : aaaa.ttl();
        String detail = a.detail() + "; " + aaaa.detail();
        return v4 instanceof DnssecAnswer.Secure && v6 instanceof DnssecAnswer.Secure
                ? DnssecAnswer.secure(all, ttl, detail)
                : DnssecAnswer.insecure(all, ttl, detail);
    }

    /**
     * The SOA of {@code zone}: a probe of whether the resolver validates (RFC 7672 §2.1), see
     * {@link ResolverValidation}. The root ({@code "."}) is a name every validating resolver can prove.
     */
    public DnssecAnswer<String> soa(String zone) {
        return query(zone, Type.SOA, record -> record.getName().toString());
    }

    private <T> DnssecAnswer<T> query(String text, int type, Function<Record, T> convert) {
        String question = Type.string(type) + " " + text;
        Name name;
        if (".".equals(text)) {
            name = Name.root;
        } else {
            QueryName queryName = QueryName.parse(text);
            if (queryName instanceof QueryName.Invalid) {
                // Not a name that can own a record; no query. Insecure: nothing is proven about it.
                return DnssecAnswer.insecure(List.of(), NEGATIVE_TTL_WITHOUT_SOA,
                        question + ": not a valid DNS name: " + ((QueryName.Invalid) queryName).reason());
            }
            name = ((QueryName.Valid) queryName).name();
        }
        try {
            return follow(question, name, type, convert);
        } catch (RuntimeException e) {
            return DnssecAnswer.failed(question + ": unexpected " + e);
        }
    }

    private <T> DnssecAnswer<T> follow(String question, Name name, int type, Function<Record, T> convert) {
        List<Name> chain = new ArrayList<>();
        List<Record> answers = new ArrayList<>();
        Name current = name;
        boolean secure = true;
        long ttl = Long.MAX_VALUE;
        for (int queries = 0; queries < MAX_CHAIN; queries++) {
            Message response;
            try {
                response = send(current, type);
            } catch (IOException e) {
                return DnssecAnswer.failed(question + where(chain) + ": " + e.getMessage());
            }
            int rcode = response.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                return DnssecAnswer.failed(question + where(chain) + ": " + Rcode.string(rcode)
                        + extendedError(response) + " from " + resolver
                        + (rcode == Rcode.SERVFAIL ? " (bogus DNSSEC data or a resolver failure)" : ""));
            }
            if (response.getHeader().getFlag(Flags.TC)) {
                return DnssecAnswer.failed(question + where(chain) + ": truncated answer from " + resolver);
            }
            secure &= response.getHeader().getFlag(Flags.AD);
            List<Record> section = response.getSection(Section.ANSWER);
            answers.addAll(section);
            // Walk this response's CNAMEs from the current name (RFC 1034 §3.6.2).
            boolean advanced = false;
            while (!hasType(section, current, type)) {
                CNAMERecord cname = cnameOf(section, current);
                if (cname == null) {
                    break;
                }
                ttl = Math.min(ttl, cname.getTTL());
                current = cname.getTarget();
                if (current.equals(name) || chain.contains(current)) {
                    return DnssecAnswer.failed(question + ": CNAME loop at " + current);
                }
                chain.add(current);
                if (chain.size() >= MAX_CHAIN) {
                    return DnssecAnswer.failed(question + ": CNAME chain longer than " + MAX_CHAIN + " names");
                }
                advanced = true;
            }
            if (hasType(section, current, type) || rcode == Rcode.NXDOMAIN || !advanced) {
                return answer(question, name, chain, type, answers, convert, secure, ttl, response, rcode);
            }
            // The chain left this response unfinished: ask for the name it reached.
        }
        return DnssecAnswer.failed(question + ": CNAME chain longer than " + MAX_CHAIN + " names");
    }

    private static <T> DnssecAnswer<T> answer(String question, Name name, List<Name> chain, int type,
            List<Record> answers, Function<Record, T> convert, boolean secure, long chainTtl, Message last,
            int rcode) {
        String where = question + where(chain);
        DnsAnswer<T> filtered = DnsjavaLookup.answerRecords(where, name, chain, type,
                answers.toArray(new Record[0]), convert);
        List<T> records;
        long ttl = chainTtl;
        String detail;
        if (filtered instanceof DnsAnswer.Found) {
            records = ((DnsAnswer.Found<T>) filtered).records();
            for (Record record : answers) {
                if (record.getType() == type && record.getDClass() == DClass.IN
                        && (record.getName().equals(name) || chain.contains(record.getName()))) {
                    ttl = Math.min(ttl, record.getTTL());
                }
            }
            detail = where + ": " + records.size() + (records.size() == 1 ? " record" : " records");
        } else {
            records = List.of();
            ttl = Math.min(ttl, negativeTtl(last));
            detail = rcode == Rcode.NXDOMAIN ? where + ": NXDOMAIN" : ((DnsAnswer.NotFound<T>) filtered).detail();
        }
        Duration kept = Duration.ofSeconds(ttl == Long.MAX_VALUE ? NEGATIVE_TTL_WITHOUT_SOA.getSeconds() : ttl);
        return secure ? DnssecAnswer.secure(records, kept, detail) : DnssecAnswer.insecure(records, kept, detail);
    }

    /** RFC 2308 §5: the lesser of the SOA's TTL and its MINIMUM field. */
    private static long negativeTtl(Message response) {
        for (Record record : response.getSection(Section.AUTHORITY)) {
            if (record instanceof SOARecord) {
                return Math.min(record.getTTL(), ((SOARecord) record).getMinimum());
            }
        }
        return NEGATIVE_TTL_WITHOUT_SOA.getSeconds();
    }

    private Message send(Name name, int type) throws IOException {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        query.getHeader().setFlag(Flags.AD); // RFC 6840 §5.7: ask for the AD bit
        query.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL); // RFC 3225
        Message response = new DeadlineResolver(resolver, timeout).send(query);
        if (response == null) {
            throw new IOException("no answer from " + resolver);
        }
        return response;
    }

    private static boolean hasType(List<Record> section, Name owner, int type) {
        for (Record record : section) {
            if (record.getType() == type && record.getDClass() == DClass.IN && record.getName().equals(owner)) {
                return true;
            }
        }
        return false;
    }

    private static CNAMERecord cnameOf(List<Record> section, Name owner) {
        for (Record record : section) {
            if (record instanceof CNAMERecord && record.getDClass() == DClass.IN && record.getName().equals(owner)) {
                return (CNAMERecord) record;
            }
        }
        return null;
    }

    private static String where(List<Name> chain) {
        return chain.isEmpty() ? "" : " (after " + chain.size() + (chain.size() == 1 ? " alias" : " aliases") + ")";
    }

    /** RFC 8914: the resolver's extended error, e.g. {@code " (EDE 6 DNSSEC Bogus: ...)"}, or nothing. */
    private static String extendedError(Message response) {
        OPTRecord opt = response.getOPT();
        if (opt == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (EDNSOption option : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
            if (option instanceof ExtendedErrorCodeOption) {
                ExtendedErrorCodeOption error = (ExtendedErrorCodeOption) option;
                text.append(" (EDE ").append(error.getErrorCode()).append(' ')
                        .append(ExtendedErrorCodeOption.text(error.getErrorCode()));
                if (error.getText() != null && !error.getText().isEmpty()) {
                    text.append(": ").append(sanitize(error.getText()));
                }
                text.append(')');
            }
        }
        return text.toString();
    }

    /** A resolver's free text, bounded and printable, for a log line. */
    private static String sanitize(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 200 ? printable.substring(0, 200) + "..." : printable;
    }

    private static String hostName(Name name) {
        if (name.equals(Name.root)) {
            return "";
        }
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "DNSSEC-aware lookups via " + resolver;
    }
}
