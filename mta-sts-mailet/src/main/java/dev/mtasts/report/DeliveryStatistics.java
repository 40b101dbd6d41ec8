package dev.mtasts.report;

import dev.mtasts.discovery.PolicyDomain;
import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.policy.Mode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.mtasts.report.DeliveryCounts.Counter;

/**
 * The figures operators watch, over any recent window, overall and per policy domain:
 *
 * <ol>
 *   <li>TLS enforcement success: sessions in mode enforce that succeeded, out of all of them;</li>
 *   <li>encrypted delivery: outbound SMTP sessions of every lane that went over TLS, out of all of them
 *       ({@link #recordSession}), split by lane;</li>
 *   <li>policy retrieval and validation: policy fetches that got a document, and documents that were valid
 *       policies ({@link #recordPolicyFetch});</li>
 *   <li>deliveries that failed because the policy was enforced ({@link #recordEnforcementFailure}).</li>
 * </ol>
 *
 * <p>Counts are kept per hour for {@code retention}, overall and for at most {@code maxDomains} policy domains
 * (counts for further domains go into the overall figures only), so memory stays bounded. Sessions per recipient
 * domain, of every lane, are kept per day for the clear-text top list ({@link #clearTextDomains}), for at most
 * {@link #DEFAULT_MAX_SESSION_DOMAINS_PER_DAY} domains a day. Recording is a few
 * atomic increments, safe from any thread. {@link #flush()} writes the counts to the {@link TlsReportStore}; they
 * are loaded back on construction.
 */
public final class DeliveryStatistics implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryStatistics.class);
    private static final long SECONDS_PER_HOUR = 3600;

    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final int DEFAULT_MAX_DOMAINS = 1_000;
    public static final int DEFAULT_MAX_SESSION_DOMAINS_PER_DAY = 10_000;
    private static final long HOURS_PER_DAY = 24;

    private final TlsReportStore store;
    private final Clock clock;
    private final long retentionHours;
    private final int maxDomains;
    private final HourlyBuckets overall = new HourlyBuckets();
    private final ClearTextTally clearText = new ClearTextTally(DEFAULT_MAX_SESSION_DOMAINS_PER_DAY);
    private final ConcurrentHashMap<String, HourlyBuckets> domains = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean domainLimitLogged = new AtomicBoolean();
    private final Object storeWrites = new Object();

    public DeliveryStatistics(TlsReportStore store, Clock clock) {
        this(store, clock, DEFAULT_RETENTION, DEFAULT_MAX_DOMAINS);
    }

    /**
     * @param retention  how long counts are kept (whole hours, at least one)
     * @param maxDomains for how many policy domains counts are kept separately
     */
    public DeliveryStatistics(TlsReportStore store, Clock clock, Duration retention, int maxDomains) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retentionHours = Math.max(1, retention.toHours());
        if (maxDomains < 0) {
            throw new IllegalArgumentException("maxDomains must not be negative: " + maxDomains);
        }
        this.maxDomains = maxDomains;
        load();
    }

    /**
     * Counts one session with an MX of a policy domain, or with an MX host held to DANE. Not counted here: other
     * outcomes with mode {@code none} (no policy applied) and outcomes about obtaining the policy ({@code sts-*}), which {@link #recordPolicyFetch}
     * counts.
     */
    public void record(TlsOutcome outcome) {
        if (outcome.failure().map(ResultType::isPolicyFailure).orElse(false)) {
            return;
        }
        Counter sessions;
        Counter successes;
        if (outcome.isDane()) {
            // RFC 8460 §4.4: a session with a DANE host is the tlsa policy's, whatever the MTA-STS mode.
            sessions = Counter.DANE_SESSIONS;
            successes = Counter.DANE_SUCCESSES;
        } else if (outcome.mode() == Mode.ENFORCE) {
            sessions = Counter.ENFORCE_SESSIONS;
            successes = Counter.ENFORCE_SUCCESSES;
        } else if (outcome.mode() == Mode.TESTING) {
            sessions = Counter.TESTING_SESSIONS;
            successes = Counter.TESTING_SUCCESSES;
        } else {
            return;
        }
        long hour = hourOf(outcome.at());
        add(outcome.domain(), hour, sessions);
        if (outcome.isSuccess()) {
            add(outcome.domain(), hour, successes);
        }
        Counter failure = outcome.failure().map(DeliveryCounts::sessionFailureCounter).orElse(null);
        if (failure != null) {
            add(outcome.domain(), hour, failure);
        }
    }

    /**
     * Counts one outbound SMTP session of any lane that sent a message, encrypted or in clear text: the basis of the
     * encrypted share of all outbound mail and of the clear-text top list. Sessions of the policy lanes also count
     * for their domain's own figures; domains of the standard lane are too many to keep apart there.
     */
    public void recordSession(OutboundSession session) {
        Lane lane = Lane.of(session.lane());
        long hour = hourOf(session.at());
        String domain = PolicyDomain.normalize(session.domain());
        String figuresDomain = lane.hasPolicy() ? domain : "";
        add(figuresDomain, hour, lane.sessions());
        if (session.isEncrypted()) {
            add(figuresDomain, hour, lane.encrypted());
            if (!session.certificateValid().orElse(false)) {
                add(figuresDomain, hour, Counter.ENCRYPTED_UNVERIFIED);
            }
        }
        if (!domain.isEmpty()) {
            clearText.record(Math.floorDiv(hour, HOURS_PER_DAY), domain, session.isEncrypted());
        }
    }

    /**
     * Counts one policy fetch (RFC 8461 §3.3): {@code failure} empty for a valid policy, else
     * {@code sts-policy-fetch-error}, {@code sts-webpki-invalid} or {@code sts-policy-invalid}. Other result types
     * are not about fetching and are ignored.
     */
    public void recordPolicyFetch(String domain, Optional<ResultType> failure) {
        Counter counter;
        if (failure.isEmpty()) {
            counter = null;
        } else if (failure.get() == ResultType.STS_POLICY_FETCH_ERROR) {
            counter = Counter.POLICY_FETCH_ERRORS;
        } else if (failure.get() == ResultType.STS_WEBPKI_INVALID) {
            counter = Counter.POLICY_WEBPKI_INVALID;
        } else if (failure.get() == ResultType.STS_POLICY_INVALID) {
            counter = Counter.POLICY_INVALID;
        } else {
            return;
        }
        long hour = hourOf(clock.instant());
        add(domain, hour, Counter.POLICY_FETCHES);
        if (counter != null) {
            add(domain, hour, counter);
        }
    }

    /** Counts one delivery attempt that failed because {@code domain}'s policy is enforced and no MX passed it. */
    public void recordEnforcementFailure(String domain) {
        add(domain, hourOf(clock.instant()), Counter.ENFORCEMENT_FAILURES);
    }

    /**
     * The overall counts of each hour from the one containing {@code since} to the current one, oldest first, hours
     * without anything counted included (all zero): the dashboard's charts.
     */
    public List<HourlyCounts> hourly(Instant since) {
        long from = hourOf(since);
        long to = hourOf(clock.instant());
        Map<Long, DeliveryCounts> counted = new java.util.HashMap<>();
        overall.forEach(counted::put);
        List<HourlyCounts> hours = new ArrayList<>();
        for (long hour = from; hour <= to; hour++) {
            hours.add(new HourlyCounts(Optional.empty(), hour, counted.getOrDefault(hour, DeliveryCounts.ZERO)));
        }
        return hours;
    }

    /**
     * The recipient domains with the most clear-text sessions since {@code since} (whole UTC days), most first, at
     * most {@code limit}: who still receives our mail in clear text.
     */
    public List<DomainSessions> clearTextDomains(Instant since, int limit) {
        return clearText.top(Math.floorDiv(hourOf(since), HOURS_PER_DAY), limit);
    }

    /** The figures since {@code since} (the hour containing it counts whole), overall and per domain. */
    public DeliveryReport report(Instant since) {
        long fromHour = hourOf(since);
        Map<String, DeliveryFigures> perDomain = new TreeMap<>();
        domains.forEach((domain, buckets) -> {
            DeliveryCounts counts = buckets.sumFrom(fromHour);
            if (!counts.equals(DeliveryCounts.ZERO)) {
                perDomain.put(domain, DeliveryFigures.of(counts));
            }
        });
        return new DeliveryReport(since, clock.instant(), DeliveryFigures.of(overall.sumFrom(fromHour)), perDomain);
    }

    /** The figures of one domain since {@code since}; all zero when nothing was counted for it. */
    public DeliveryFigures figures(Instant since, String domain) {
        HourlyBuckets buckets = domains.get(PolicyDomain.normalize(domain));
        return DeliveryFigures.of(buckets == null ? DeliveryCounts.ZERO : buckets.sumFrom(hourOf(since)));
    }

    /** Drops counts older than the retention and writes the rest to the store if anything changed. Never throws. */
    public void flush() {
        synchronized (storeWrites) {
            long oldestKept = hourOf(clock.instant()) - retentionHours + 1;
            overall.dropBefore(oldestKept);
            clearText.dropBefore(Math.floorDiv(oldestKept, HOURS_PER_DAY));
            domains.values().forEach(buckets -> buckets.dropBefore(oldestKept));
            domains.values().removeIf(HourlyBuckets::isEmpty);
            if (!dirty.compareAndSet(true, false)) {
                return;
            }
            try {
                store.saveStatistics(snapshot());
            } catch (RuntimeException e) {
                dirty.set(true);
                LOGGER.error("Delivery statistics could not be stored", e);
            }
        }
    }

    /** Flushes. */
    @Override
    public void close() {
        flush();
    }

    /** Everything held, for the store. */
    public StatisticsSnapshot snapshot() {
        List<HourlyCounts> hours = new ArrayList<>();
        overall.forEach((hour, counts) -> hours.add(new HourlyCounts(Optional.empty(), hour, counts)));
        domains.forEach((domain, buckets) -> buckets.forEach(
                (hour, counts) -> hours.add(new HourlyCounts(Optional.of(domain), hour, counts))));
        return new StatisticsSnapshot(hours, clearText.snapshot());
    }

    private void load() {
        try {
            store.loadStatistics().ifPresent(snapshot -> {
                for (HourlyCounts hour : snapshot.hours()) {
                    HourlyBuckets buckets = hour.domain().isEmpty() ? overall : domainBuckets(hour.domain().get());
                    if (buckets != null) {
                        buckets.addAll(hour.epochHour(), hour.counts().toArray());
                    }
                }
                for (DomainDaySessions day : snapshot.domainSessions()) {
                    clearText.add(day.epochDay(), day.sessions());
                }
            });
        } catch (RuntimeException e) {
            LOGGER.error("Delivery statistics could not be loaded; starting from zero", e);
        }
    }

    private void add(String domain, long hour, Counter counter) {
        overall.add(hour, counter);
        HourlyBuckets buckets = domainBuckets(domain);
        if (buckets != null) {
            buckets.add(hour, counter);
        }
        markDirty();
    }

    private HourlyBuckets domainBuckets(String domain) {
        String key = PolicyDomain.normalize(domain);
        HourlyBuckets buckets = domains.get(key);
        if (buckets != null) {
            return buckets;
        }
        if (key.isEmpty()) {
            return null;
        }
        if (domains.size() >= maxDomains) {
            if (domainLimitLogged.compareAndSet(false, true)) {
                LOGGER.warn("Delivery statistics are kept for at most {} domains; {} and further domains count in "
                        + "the overall figures only", maxDomains, key);
            }
            return null;
        }
        return domains.computeIfAbsent(key, name -> new HourlyBuckets());
    }

    private void markDirty() {
        if (!dirty.get()) {
            dirty.set(true);
        }
    }

    private static long hourOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), SECONDS_PER_HOUR);
    }

    /** Counts per hour since the epoch; only hours with something counted take memory. */
    private static final class HourlyBuckets {
        private final ConcurrentHashMap<Long, AtomicLongArray> hours = new ConcurrentHashMap<>();

        void add(long hour, Counter counter) {
            bucket(hour).incrementAndGet(counter.ordinal());
        }

        void addAll(long hour, long[] counts) {
            AtomicLongArray bucket = bucket(hour);
            for (int i = 0; i < counts.length; i++) {
                bucket.addAndGet(i, counts[i]);
            }
        }

        private AtomicLongArray bucket(long hour) {
            AtomicLongArray bucket = hours.get(hour);
            return bucket != null ? bucket
                    : hours.computeIfAbsent(hour, h -> new AtomicLongArray(DeliveryCounts.NAMES.size()));
        }

        DeliveryCounts sumFrom(long fromHour) {
            long[] sum = new long[DeliveryCounts.NAMES.size()];
            hours.forEach((hour, bucket) -> {
                if (hour >= fromHour) {
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += bucket.get(i);
                    }
                }
            });
            return DeliveryCounts.fromArray(sum);
        }

        void dropBefore(long oldestKept) {
            hours.keySet().removeIf(hour -> hour < oldestKept);
        }

        boolean isEmpty() {
            return hours.isEmpty();
        }

        void forEach(java.util.function.BiConsumer<Long, DeliveryCounts> action) {
            new TreeMap<>(hours).forEach((hour, bucket) -> {
                long[] counts = new long[bucket.length()];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = bucket.get(i);
                }
                action.accept(hour, DeliveryCounts.fromArray(counts));
            });
        }
    }
}
