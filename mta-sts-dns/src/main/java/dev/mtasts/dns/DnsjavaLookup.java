package dev.mtasts.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link DnsLookup} over dnsjava's {@link Lookup}.
 *
 * <ul>
 *   <li>Names are absolute: no search path, no {@code /etc/hosts}.</li>
 *   <li>CNAME (and DNAME) chains are followed by {@code Lookup}.</li>
 *   <li>Only records for the question are answers: class IN, the asked type, and owned by the asked name or a
 *       name of the CNAME chain from it (RFC 1034 §3.6.2, §4.3.2). Other records a server adds to its answer
 *       are ignored, whatever dnsjava does with them (dnsjava before 3.6.0 may hand them back,
 *       CVE-2024-25638); an answer with nothing else is NODATA.</li>
 *   <li>Nothing is cached between calls: every lookup gets a fresh cache of its own.</li>
 *   <li>NXDOMAIN and NODATA are {@link DnsAnswer.NotFound}; an error response code (SERVFAIL, REFUSED, ...),
 *       a timeout, a network error, a CNAME loop or anything unexpected is {@link DnsAnswer.TemporaryFailure}
 *       with a detail saying which.</li>
 *   <li>A name that is not a valid DNS name (see {@link QueryName}) is {@link DnsAnswer.NotFound}: it cannot
 *       own a record, and a temporary failure would make callers retry for ever. No query is sent.</li>
 *   <li>A lookup never throws.</li>
 * </ul>
 */
public final class DnsjavaLookup implements DnsLookup {

    private final ResolverSettings settings;
    private final Resolver configuredResolver;

    public DnsjavaLookup(ResolverSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.configuredResolver = settings.usesSystemDefault() ? null : resolverFor(settings);
    }

    /** Over dnsjava's default resolver (James's, when running inside James). */
    public static DnsjavaLookup systemDefault() {
        return new DnsjavaLookup(ResolverSettings.systemDefault());
    }

    public ResolverSettings settings() {
        return settings;
    }

    /**
     * RFC 8461 §3.1, RFC 8460 §3: the character-strings of one record are joined with nothing in between. The
     * joined bytes are read as UTF-8; a byte that is not (U+FFFD) fails both record grammars, which are ASCII.
     */
    @Override
    public DnsAnswer<String> txt(String name) {
        return lookup(name, Type.TXT, record -> joinStrings((TXTRecord) record));
    }

    /** Sorted by preference, then host name. A null MX ({@code 0 .}, RFC 7505) has the host {@code ""}. */
    @Override
    public DnsAnswer<MxHost> mx(String domain) {
        DnsAnswer<MxHost> answer = lookup(domain, Type.MX, record -> {
            MXRecord mx = (MXRecord) record;
            return new MxHost(mx.getPriority(), hostName(mx.getTarget()));
        });
        if (answer instanceof DnsAnswer.Found) {
            List<MxHost> sorted = new ArrayList<>(((DnsAnswer.Found<MxHost>) answer).records());
            sorted.sort(null);
            return DnsAnswer.found(sorted);
        }
        return answer;
    }

    /**
     * A records, then AAAA records. Found if either type has records (the other one's failure, if any, is
     * dropped: one address family is enough to deliver); otherwise a temporary failure of either wins over
     * NotFound.
     */
    @Override
    public DnsAnswer<InetAddress> addresses(String host) {
        DnsAnswer<InetAddress> v4 = lookup(host, Type.A, record -> ((ARecord) record).getAddress());
        DnsAnswer<InetAddress> v6 = lookup(host, Type.AAAA, record -> ((AAAARecord) record).getAddress());
        List<InetAddress> addresses = new ArrayList<>();
        if (v4 instanceof DnsAnswer.Found) {
            addresses.addAll(((DnsAnswer.Found<InetAddress>) v4).records());
        }
        if (v6 instanceof DnsAnswer.Found) {
            addresses.addAll(((DnsAnswer.Found<InetAddress>) v6).records());
        }
        if (!addresses.isEmpty()) {
            return DnsAnswer.found(addresses);
        }
        if (v4 instanceof DnsAnswer.TemporaryFailure) {
            return v4;
        }
        if (v6 instanceof DnsAnswer.TemporaryFailure) {
            return v6;
        }
        return DnsAnswer.notFound(((DnsAnswer.NotFound<InetAddress>) v4).detail() + "; "
                + ((DnsAnswer.NotFound<InetAddress>) v6).detail());
    }

    private <T> DnsAnswer<T> lookup(String text, int type, Function<Record, T> convert) {
        String question = Type.string(type) + " " + text;
        try {
            QueryName queryName = QueryName.parse(text);
            if (queryName instanceof QueryName.Invalid) {
                return DnsAnswer.notFound(question + ": not a valid DNS name: "
                        + ((QueryName.Invalid) queryName).reason());
            }
            Name name = ((QueryName.Valid) queryName).name();
            DeadlineResolver resolver = new DeadlineResolver(baseResolver(), settings.timeout());
            Lookup lookup = new Lookup(name, type, DClass.IN);
            lookup.setResolver(resolver);
            lookup.setCache(null); // a fresh cache for this lookup only
            lookup.setSearchPath(List.of()); // the name is absolute anyway
            lookup.setHostsFileParser(null);
            Record[] records = lookup.run();
            return answer(question, name, lookup, records, type, convert, resolver);
        } catch (RuntimeException e) {
            return DnsAnswer.temporaryFailure(question + ": unexpected " + e);
        }
    }

    private static <T> DnsAnswer<T> answer(String question, Name name, Lookup lookup, Record[] records, int type,
            Function<Record, T> convert, DeadlineResolver resolver) {
        String where = question + aliasChain(lookup);
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL:
                return answerRecords(where, name, cnameChain(name, lookup.getAliases(), resolver.answerSections()),
                        type, records, convert);
            case Lookup.HOST_NOT_FOUND:
                return DnsAnswer.notFound(where + ": NXDOMAIN");
            case Lookup.TYPE_NOT_FOUND:
                return DnsAnswer.notFound(where + ": NODATA (no " + Type.string(type) + " record)");
            case Lookup.TRY_AGAIN: {
                String failure = resolver.lastFailure();
                String detail = lookup.getErrorString();
                if ("timed out".equals(detail) || "network error".equals(detail)) {
                    detail = detail + (failure == null ? "" : ": " + failure);
                } else {
                    detail = detail + " from " + resolver;
                }
                return DnsAnswer.temporaryFailure(where + ": " + detail);
            }
            default:
                return DnsAnswer.temporaryFailure(where + ": " + lookup.getErrorString());
        }
    }

    /**
     * The answer to the question {@code type name}, from the records {@code Lookup} returned: only those of class
     * IN and the asked type whose owner is {@code name} or one of {@code chain} (RFC 1034 §4.3.2 step 3a: the
     * answer is the matching records of the name, after following CNAMEs, §3.6.2). Records of another type are
     * dropped without notice (a CNAME, say); records of the asked type for any other name are dropped and
     * counted. No record left is NODATA, as if the server had sent none of that type.
     *
     * @param where   the question as the details name it ({@code "TXT _mta-sts.example.com (after 1 alias)"})
     * @param chain   the names reached from {@code name} through CNAMEs or DNAMEs, see {@link #cnameChain}
     * @param records what {@code Lookup.run()} returned (may be null)
     */
    static <T> DnsAnswer<T> answerRecords(String where, Name name, List<Name> chain, int type, Record[] records,
            Function<Record, T> convert) {
        List<T> values = new ArrayList<>();
        int otherNames = 0;
        for (Record record : records == null ? new Record[0] : records) {
            if (record.getType() != type || record.getDClass() != DClass.IN) {
                continue;
            }
            Name owner = record.getName();
            if (owner.equals(name) || chain.contains(owner)) { // Name.equals ignores case (RFC 4343)
                values.add(convert.apply(record));
            } else {
                otherNames++;
            }
        }
        if (!values.isEmpty()) {
            return DnsAnswer.found(values);
        }
        String typeName = Type.string(type);
        if (otherNames == 0) {
            return DnsAnswer.notFound(where + ": NODATA (answer without " + typeName + " records)");
        }
        return DnsAnswer.notFound(where + ": NODATA (answer without " + typeName + " records for this name; "
                + otherNames + " " + typeName
                + (otherNames == 1 ? " record for another name" : " records for other names") + " ignored)");
    }

    /**
     * The names reached from the question {@code name} through the CNAME chain {@code Lookup} followed, in order,
     * without {@code name} itself; empty if it followed none.
     *
     * <p>{@code Lookup.getAliases()} lists the names it followed a CNAME or DNAME <em>from</em>, the question
     * first; the name the last one led to is not in it. Each step is checked against the CNAME and DNAME records
     * in the answer sections received (RFC 1034 §3.6.2; RFC 6672 §2.2: a DNAME at a proper ancestor rewrites the
     * name's suffix), and the last step's target is taken from them. A step no record backs ends the chain, so a
     * name Lookup went on to is not trusted.
     *
     * @param followed       {@code Lookup.getAliases()}
     * @param answerSections the answer-section records of every response the lookup received
     */
    static List<Name> cnameChain(Name name, Name[] followed, List<Record> answerSections) {
        List<Name> chain = new ArrayList<>();
        Name current = name;
        for (int i = 0; i < followed.length; i++) {
            if (!followed[i].equals(current)) {
                break;
            }
            List<Name> targets = aliasTargets(current, answerSections);
            if (i == followed.length - 1) {
                for (Name target : targets) {
                    if (!target.equals(name) && !chain.contains(target)) {
                        chain.add(target);
                    }
                }
            } else if (targets.contains(followed[i + 1])) {
                current = followed[i + 1];
                chain.add(current);
            } else {
                break;
            }
        }
        return chain;
    }

    /** Where {@code name} leads: the target of its CNAME, or the name a DNAME of a proper ancestor makes of it. */
    private static List<Name> aliasTargets(Name name, List<Record> records) {
        List<Name> targets = new ArrayList<>();
        for (Record record : records) {
            if (record.getDClass() != DClass.IN) {
                continue;
            }
            Name target = null;
            if (record instanceof CNAMERecord && record.getName().equals(name)) {
                target = ((CNAMERecord) record).getTarget();
            } else if (record instanceof DNAMERecord && name.subdomain(record.getName())
                    && !name.equals(record.getName())) {
                try {
                    target = name.fromDNAME((DNAMERecord) record);
                } catch (NameTooLongException e) {
                    // RFC 6672 §2.2: the result would be too long (YXDOMAIN); it leads nowhere
                }
            }
            if (target != null && !targets.contains(target)) {
                targets.add(target);
            }
        }
        return targets;
    }

    private static String aliasChain(Lookup lookup) {
        int followed = lookup.getAliases().length;
        return followed == 0 ? "" : " (after " + followed + (followed == 1 ? " alias" : " aliases") + ")";
    }

    private Resolver baseResolver() {
        return configuredResolver != null ? configuredResolver : Lookup.getDefaultResolver();
    }

    /** The resolver for configured servers, shared by every lookup of one instance. */
    static Resolver resolverFor(ResolverSettings settings) {
        List<InetSocketAddress> servers = settings.servers();
        if (servers.size() == 1) {
            SimpleResolver resolver = new SimpleResolver(servers.get(0));
            resolver.setTimeout(settings.timeout());
            return resolver;
        }
        Duration share = settings.timeout().dividedBy(servers.size());
        List<Resolver> resolvers = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(share);
            resolvers.add(resolver);
        }
        ExtendedResolver extended = new ExtendedResolver(resolvers);
        extended.setTimeout(settings.timeout());
        extended.setRetries(1);
        return extended;
    }

    private static String joinStrings(TXTRecord record) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] string : record.getStringsAsByteArrays()) {
            joined.writeBytes(string);
        }
        return joined.toString(StandardCharsets.UTF_8);
    }

    /** Lower case, without the trailing dot; the root is {@code ""}. */
    private static String hostName(Name name) {
        if (name.equals(Name.root)) {
            return "";
        }
        return name.toString(true).toLowerCase(Locale.ROOT);
    }
}
