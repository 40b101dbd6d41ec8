package dev.mtasts.dns;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link DnssecLookup} that keeps TLSA and MX answers (with their DNSSEC status) for their TTL, at most
 * {@code maxTtl}, in a bounded least-recently-used table. Failed answers (bogus, SERVFAIL, timeout) are never
 * kept: the next attempt asks again (RFC 7672 §2.1.1 treats them as temporary). Address answers are not kept
 * here: the delivery path resolves them at connection time.
 */
public final class CachingDnssecLookup implements DnssecLookup {

    /** Entries kept at most; the least recently used goes first. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    /** The longest an answer is kept, whatever its TTL. */
    public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(1);

    private final DnssecLookup delegate;
    private final Clock clock;
    private final Duration maxTtl;
    private final Map<String, Kept> entries;

    public CachingDnssecLookup(DnssecLookup delegate) {
        this(delegate, Clock.systemUTC(), DEFAULT_MAX_ENTRIES, DEFAULT_MAX_TTL);
    }

    public CachingDnssecLookup(DnssecLookup delegate, Clock clock, int maxEntries, Duration maxTtl) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxTtl = Objects.requireNonNull(maxTtl, "maxTtl");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public DnssecAnswer<TlsaRecord> tlsa(String host) {
        return cached("TLSA " + key(host), host, delegate::tlsa);
    }

    @Override
    public DnssecAnswer<MxHost> mx(String domain) {
        return cached("MX " + key(domain), domain, delegate::mx);
    }

    @Override
    public DnssecAnswer<InetAddress> addresses(String host) {
        return delegate.addresses(host);
    }

    /** How many answers are kept now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    @SuppressWarnings("unchecked")
    private <T> DnssecAnswer<T> cached(String key, String name, Function<String, DnssecAnswer<T>> lookup) {
        Instant now = clock.instant();
        synchronized (entries) {
            Kept entry = entries.get(key);
            if (entry != null && now.isBefore(entry.expires)) {
                return (DnssecAnswer<T>) entry.answer;
            }
            if (entry != null) {
                entries.remove(key);
            }
        }
        DnssecAnswer<T> answer = lookup.apply(name); // outside the lock: a slow resolver blocks no other name
        if (answer instanceof DnssecAnswer.Answered) {
            Duration ttl = ((DnssecAnswer.Answered<T>) answer).ttl();
            Duration kept = ttl.compareTo(maxTtl) > 0 ? maxTtl : ttl;
            if (!kept.isZero() && !kept.isNegative()) {
                synchronized (entries) {
                    entries.put(key, new Kept(answer, now.plus(kept)));
                }
            }
        }
        return answer;
    }

    private static String key(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static final class Kept {
        final DnssecAnswer<?> answer;
        final Instant expires;

        Kept(DnssecAnswer<?> answer, Instant expires) {
            this.answer = answer;
            this.expires = expires;
        }
    }
}
