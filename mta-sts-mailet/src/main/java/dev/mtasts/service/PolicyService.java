package dev.mtasts.service;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.cache.PolicyStore;
import dev.mtasts.discovery.PolicyDomain;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.discovery.StsDiscovery;
import dev.mtasts.fetch.FetchResult;
import dev.mtasts.fetch.PolicyFetcher;
import dev.mtasts.policy.Mode;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.service.DomainEntry.FailedFetch;
import dev.mtasts.service.DomainEntry.FailureCount;
import dev.mtasts.service.DomainMemory.StoreWrite;
import dev.mtasts.service.PolicyLookup.Applicable;
import dev.mtasts.service.PolicyLookup.NoPolicy;
import dev.mtasts.service.PolicyLookup.Source;
import dev.mtasts.service.PolicyLookup.TemporaryFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Answers "which MTA-STS policy applies to domain D right now?" exactly as RFC 8461 §3 and §5.1 say.
 *
 * <ul>
 *     <li>A cached answer is served with no I/O until the TXT re-check grace runs out.</li>
 *     <li>After the grace, the {@code _mta-sts} TXT record is read again: the same id keeps the cached policy, a new
 *     id fetches the new policy (RFC 8461 §3.1).</li>
 *     <li>A failed fetch keeps the cached policy; with nothing cached the domain is treated as having no policy and
 *     the same domain and id is not fetched again within the back-off (RFC 8461 §3.3).</li>
 *     <li>A vanished TXT record keeps the cached policy until it expires; a policy expires {@code max_age} after its
 *     last successful fetch or after the TXT record last confirmed its id (RFC 8461 §3.1, §3.3, §5.1).</li>
 *     <li>Concurrent callers for one domain with one intent share one TXT query and one fetch; intents never share
 *     an answer: an operator's {@link #refresh} always fetches, a {@link #recheck} always asks DNS (it never gets an
 *     answer from within the grace), a plain {@link #policyFor} may be answered from memory.</li>
 *     <li>{@link #evict} is ordered with lookups in flight: what a lookup that started before it learns is dropped,
 *     so an operator's eviction is never undone ({@link DomainMemory}).</li>
 * </ul>
 *
 * <p>Per-domain state is one {@link DomainState}; memory bounds, store read-through and write throttling live in
 * {@link DomainMemory}.
 *
 * <p>Never throws for anything DNS or HTTPS sends: every outcome is a {@link PolicyLookup}.
 */
public final class PolicyService {

    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyService.class);

    private final RecordDiscovery discovery;
    private final PolicyFetcher fetcher;
    private final PolicyServiceSettings settings;
    private final Clock clock;
    private final DomainMemory memory;

    private final ConcurrentHashMap<Flight, CompletableFuture<PolicyLookup>> inFlight = new ConcurrentHashMap<>();
    private volatile PolicyServiceListener listener = PolicyServiceListener.NONE;

    public PolicyService(RecordDiscovery discovery, PolicyFetcher fetcher, PolicyStore store,
                         PolicyServiceSettings settings, Clock clock, int maxDomains) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.memory = new DomainMemory(Objects.requireNonNull(store, "store"), maxDomains);
        LOGGER.info("MTA-STS policy cache loaded {} policies", memory.load(clock.instant()));
    }

    /** Sets who hears cache hits, misses and fetches (metrics); {@link PolicyServiceListener#NONE} by default. */
    public void setListener(PolicyServiceListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The policy that applies to {@code domain} now. Within the re-check grace this is a map lookup that allocates
     * nothing.
     */
    public PolicyLookup policyFor(String domain) {
        String key = PolicyDomain.normalize(domain);
        PolicyLookup cached = fresh(key);
        if (cached != null) {
            hearCacheHit();
            return cached;
        }
        hearCacheMiss();
        return singleFlight(key, Intent.LOOKUP);
    }

    /**
     * Reads the TXT record now, ignoring the grace: RFC 8461 §5.1 asks for this before a message to an enforce
     * domain fails permanently, in case the domain published a new policy.
     */
    public PolicyLookup recheck(String domain) {
        return singleFlight(PolicyDomain.normalize(domain), Intent.RECHECK);
    }

    /** Fetches the policy again even if the TXT id is unchanged, ignoring the failed-fetch back-off (operators). */
    public PolicyLookup refresh(String domain) {
        return singleFlight(PolicyDomain.normalize(domain), Intent.REFRESH);
    }

    /** The background refresh of one domain: fetches again, but respects the failed-fetch back-off. */
    PolicyLookup refreshInBackground(String domain) {
        return singleFlight(PolicyDomain.normalize(domain), Intent.BACKGROUND_REFRESH);
    }

    /**
     * Forgets everything about {@code domain}, in memory and in the store; a lookup in flight for it does not bring
     * it back. Returns whether anything was known.
     */
    public boolean evict(String domain) {
        return memory.evict(PolicyDomain.normalize(domain));
    }

    /** Every cached policy that has not expired, by domain. */
    public List<CachedPolicy> cachedPolicies() {
        return cachedPolicies(0, Integer.MAX_VALUE).policies();
    }

    /**
     * The cached policies that have not expired, by domain, from {@code offset} on, at most {@code limit}, with how
     * many there are in all: a page for listings, without sorting every domain per call ({@link PolicyDomainIndex}).
     */
    public CachedPolicyPage cachedPolicies(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
        }
        long nowMillis = clock.millis();
        List<CachedPolicy> page = new ArrayList<>(Math.min(limit, 1_024));
        int total = 0;
        for (String domain : memory.policyDomains()) {
            CachedPolicy cached = memory.cachedInMemory(domain);
            if (cached == null || cached.isExpiredAtMillis(nowMillis)) {
                continue;
            }
            if (total >= offset && page.size() < limit) {
                page.add(cached);
            }
            total++;
        }
        return new CachedPolicyPage(total, offset, page);
    }

    /** How many cached policies have not expired: {@code cachedPolicies().size()} without listing them. */
    public int cachedPolicyCount() {
        long nowMillis = clock.millis();
        int[] count = {0};
        memory.forEachEntry((domain, entry) -> {
            CachedPolicy cached = entry.state().cachedOrNull();
            if (cached != null && !cached.isExpiredAtMillis(nowMillis)) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** What the service knows about {@code domain}, if anything. */
    public Optional<DomainStatus> status(String domain) {
        String key = PolicyDomain.normalize(domain);
        return Optional.ofNullable(memory.get(key)).map(entry -> entry.status(key));
    }

    /** Every known domain's status, by domain. */
    public List<DomainStatus> statuses() {
        return memory.entries().stream()
            .map(entry -> entry.getValue().status(entry.getKey()))
            .collect(Collectors.toUnmodifiableList());
    }

    /**
     * The status of every domain whose refreshes failed at least {@code failures} times in a row, by domain: what
     * {@code statuses()} filtered on {@link DomainStatus#consecutiveFailures()} gives, without a status per domain.
     */
    public List<DomainStatus> statusesFailingAtLeast(int failures) {
        List<DomainStatus> failing = new ArrayList<>();
        memory.forEachEntry((domain, entry) -> {
            if (entry.failures().count() >= failures) {
                failing.add(entry.status(domain));
            }
        });
        failing.sort(Comparator.comparing(DomainStatus::domain));
        return Collections.unmodifiableList(failing);
    }

    /** Lets the store catch up after many changes ({@link dev.mtasts.cache.PolicyStore#checkpoint()}). */
    boolean checkpointStore() {
        return memory.checkpointStore();
    }

    PolicyServiceSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    /** The cached policies the background refresh should look at now, with the time each fell due. */
    List<CachedPolicy> policiesDueForRefresh() {
        Instant now = clock.instant();
        List<CachedPolicy> due = new ArrayList<>();
        memory.forEachEntry((domain, entry) -> {
            CachedPolicy cached = entry.state().cachedOrNull();
            if (cached != null && !now.isBefore(refreshDueAt(cached))) {
                due.add(cached);
            }
        });
        return Collections.unmodifiableList(due);
    }

    /**
     * RFC 8461 §3.3: refresh proactively, daily by default, and well before {@code max_age} runs out — at the latest
     * at half the policy's lifetime.
     */
    Instant refreshDueAt(CachedPolicy cached) {
        Duration interval = settings.refreshInterval();
        Duration half = Duration.ofSeconds(cached.policy().maxAgeSeconds()).dividedBy(2);
        return cached.fetchedAt().plus(half.compareTo(interval) < 0 ? half : interval);
    }

    private PolicyLookup fresh(String key) {
        DomainEntry entry = memory.get(key);
        return entry == null ? null : entry.servableAt(clock.millis());
    }

    /**
     * Runs one lookup per domain and intent at a time; concurrent callers with the same intent wait for it and share
     * its answer. Lookups of different intents for one domain run side by side, each asking on its own.
     */
    private PolicyLookup singleFlight(String key, Intent intent) {
        Flight flight = new Flight(key, intent);
        CompletableFuture<PolicyLookup> mine = new CompletableFuture<>();
        CompletableFuture<PolicyLookup> running = inFlight.putIfAbsent(flight, mine);
        if (running != null) {
            return running.join();
        }
        try {
            // A lookup that finished just before this one registered may already have answered.
            PolicyLookup answer = intent == Intent.LOOKUP ? fresh(key) : null;
            if (answer == null) {
                answer = resolve(key, intent.refetch);
            }
            mine.complete(answer);
            return answer;
        } catch (RuntimeException e) {
            LOGGER.error("MTA-STS policy lookup for {} failed unexpectedly", key, e);
            PolicyLookup fallback = fallback(key, e);
            mine.complete(fallback);
            return fallback;
        } catch (Error e) {
            // The waiters get an answer even when this thread cannot go on.
            mine.complete(fallback(key, e));
            throw e;
        } finally {
            inFlight.remove(flight, mine);
        }
    }

    /** What an unexpected failure leaves: the cached policy if one is still valid (RFC 8461 §3.3), else unknown. */
    private PolicyLookup fallback(String key, Throwable failure) {
        try {
            CachedPolicy cached = memory.unexpiredCachedPolicy(key, clock.instant());
            if (cached != null) {
                return new Applicable(cached, Source.CACHED_AFTER_FAILED_REFRESH);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        return new TemporaryFailure("internal error: " + failure);
    }

    private PolicyLookup resolve(String key, Refetch refetch) {
        Lookup lookup = new Lookup(key, memory.stamp(), clock.instant());
        CachedPolicy cached = memory.unexpiredCachedPolicy(key, lookup.now);
        StsDiscovery record = discovery.sts(key);
        if (record instanceof StsDiscovery.Found) {
            return onRecord(lookup, cached, ((StsDiscovery.Found) record).record().id(), refetch);
        }
        if (record instanceof StsDiscovery.Absent) {
            return onNoRecord(lookup, cached, ((StsDiscovery.Absent) record).detail());
        }
        if (record instanceof StsDiscovery.Invalid) {
            return onNoRecord(lookup, cached, ((StsDiscovery.Invalid) record).detail());
        }
        return onDnsFailure(lookup, cached, ((StsDiscovery.TemporaryFailure) record).detail());
    }

    // RFC 8461 §3.3: a DNS failure never removes a cached policy. With nothing cached the answer is unknown.
    private PolicyLookup onDnsFailure(Lookup lookup, CachedPolicy cached, String detail) {
        LOGGER.warn("MTA-STS TXT lookup for _mta-sts.{} failed temporarily: {}", lookup.key, detail);
        DomainStatus.LastError error = new DomainStatus.LastError(Optional.empty(), "DNS: " + detail, lookup.now);
        if (cached != null) {
            return remember(lookup, cached, Source.CACHED_AFTER_FAILED_REFRESH, Health.FAILURE, error);
        }
        // Nothing to serve within the grace: the next caller asks DNS again.
        TemporaryFailure answer = new TemporaryFailure("TXT lookup for _mta-sts." + lookup.key + " failed: " + detail);
        lookup.write(new DomainState.Unknown(answer, lookup.now), Health.FAILURE, error, StoreWrite.NONE);
        return answer;
    }

    // RFC 8461 §3.1, §5.1: a record that vanished or became invalid leaves the cached policy in force until expiry.
    private PolicyLookup onNoRecord(Lookup lookup, CachedPolicy cached, String detail) {
        if (cached != null) {
            LOGGER.info("MTA-STS TXT record for {} is gone or invalid ({}); cached policy id {} stays until {}",
                lookup.key, detail, cached.id(), cached.expiresAt());
            return remember(lookup, cached, Source.CACHED_AFTER_FAILED_REFRESH, Health.UNCHANGED, null);
        }
        NoPolicy answer = new NoPolicy(detail, Optional.empty());
        lookup.write(new DomainState.Absent(answer), Health.SUCCESS, null, StoreWrite.NONE);
        return answer;
    }

    private PolicyLookup onRecord(Lookup lookup, CachedPolicy cached, String id, Refetch refetch) {
        boolean sameId = cached != null && cached.id().equals(id);
        if (sameId && refetch == Refetch.ON_NEW_ID) {
            return confirm(lookup, cached);
        }
        DomainState.ModeNone none = nonePolicy(lookup);
        if (none != null && none.id().equals(id) && refetch == Refetch.ON_NEW_ID) {
            // RFC 8461 §3.1: same id, same policy — still mode none, no fetch needed.
            lookup.write(none, Health.SUCCESS, null, StoreWrite.NONE);
            return none.answer();
        }
        FailedFetch failed = lookup.previous == null ? null : lookup.previous.backoff().orElse(null);
        if (refetch != Refetch.ALWAYS && failed != null && failed.blocks(id, lookup.now)) {
            // RFC 8461 §3.3: at most one fetch per domain and id every five minutes after a failure.
            return afterFailedFetch(lookup, cached, failed.failure(), Health.UNCHANGED);
        }
        PolicyServiceListener.FetchWatch watch = fetchWatch(lookup.key);
        FetchResult fetched = fetcher.fetch(lookup.key);
        hearFetchEnded(watch, fetched instanceof FetchResult.Failed
            ? Optional.of(((FetchResult.Failed) fetched).type()) : Optional.empty());
        if (fetched instanceof FetchResult.Fetched) {
            lookup.backoff = Optional.empty();
            return onFetched(lookup, id, (FetchResult.Fetched) fetched);
        }
        FetchResult.Failed failure = (FetchResult.Failed) fetched;
        lookup.backoff = Optional.of(new FailedFetch(id, lookup.now.plus(settings.fetchBackoff()), failure));
        LOGGER.warn("MTA-STS policy fetch for {} (id {}) failed: {}: {}", lookup.key, id, failure.type(),
            failure.detail());
        return afterFailedFetch(lookup, cached, failure, Health.FAILURE);
    }

    private void hearCacheHit() {
        try {
            listener.onCacheHit();
        } catch (RuntimeException e) {
            LOGGER.warn("MTA-STS policy service listener failed", e);
        }
    }

    private void hearCacheMiss() {
        try {
            listener.onCacheMiss();
        } catch (RuntimeException e) {
            LOGGER.warn("MTA-STS policy service listener failed", e);
        }
    }

    private PolicyServiceListener.FetchWatch fetchWatch(String key) {
        try {
            PolicyServiceListener.FetchWatch watch = listener.onFetchStarted(key);
            return watch == null ? PolicyServiceListener.FetchWatch.NONE : watch;
        } catch (RuntimeException e) {
            LOGGER.warn("MTA-STS policy service listener failed", e);
            return PolicyServiceListener.FetchWatch.NONE;
        }
    }

    private static void hearFetchEnded(PolicyServiceListener.FetchWatch watch, Optional<ResultType> failure) {
        try {
            watch.ended(failure);
        } catch (RuntimeException e) {
            LOGGER.warn("MTA-STS policy service listener failed", e);
        }
    }

    /**
     * The TXT record confirmed the cached policy's id: the policy lives {@code max_age} from now. The new expiry is
     * written to the store only once it is worth it ({@link DomainMemory#confirmationWorthWriting}).
     */
    private PolicyLookup confirm(Lookup lookup, CachedPolicy cached) {
        CachedPolicy confirmed = cached.confirmedAt(lookup.now);
        Instant persisted = memory.persistedExpiry(lookup.key, cached);
        boolean write = DomainMemory.confirmationWorthWriting(confirmed, persisted);
        lookup.write(new DomainState.Cached(confirmed, write ? confirmed.expiresAt() : persisted), Health.SUCCESS,
            null, write ? StoreWrite.PUT : StoreWrite.NONE);
        return new Applicable(confirmed, Source.CACHED);
    }

    private DomainState.ModeNone nonePolicy(Lookup lookup) {
        DomainEntry entry = lookup.previous;
        if (entry != null && entry.state() instanceof DomainState.ModeNone) {
            DomainState.ModeNone none = (DomainState.ModeNone) entry.state();
            return none.validAt(lookup.now) ? none : null;
        }
        return null;
    }

    private PolicyLookup onFetched(Lookup lookup, String id, FetchResult.Fetched fetched) {
        if (fetched.policy().mode() == Mode.NONE) {
            // RFC 8461 §5: mode none is as though there were no policy; only its id is remembered.
            DomainState.ModeNone none = new DomainState.ModeNone(id,
                lookup.now.plusSeconds(fetched.policy().maxAgeSeconds()));
            boolean hadPolicy = lookup.previous == null || lookup.previous.state() instanceof DomainState.Cached;
            lookup.write(none, Health.SUCCESS, null, hadPolicy ? StoreWrite.REMOVE : StoreWrite.NONE);
            return none.answer();
        }
        Instant expiresAt = lookup.now.plusSeconds(fetched.policy().maxAgeSeconds());
        CachedPolicy policy = new CachedPolicy(lookup.key, id, fetched.policy(), fetched.text(), lookup.now,
            expiresAt);
        LOGGER.info("MTA-STS policy for {} fetched: id {}, mode {}, mx {}, max_age {}", lookup.key, id,
            policy.policy().mode(), policy.policy().mx(), policy.policy().maxAgeSeconds());
        lookup.write(new DomainState.Cached(policy, policy.expiresAt()), Health.SUCCESS, null, StoreWrite.PUT);
        return new Applicable(policy, Source.FRESH);
    }

    private PolicyLookup afterFailedFetch(Lookup lookup, CachedPolicy cached, FetchResult.Failed failure,
                                          Health health) {
        DomainStatus.LastError error =
            new DomainStatus.LastError(Optional.of(failure.type()), failure.detail(), lookup.now);
        if (cached != null) {
            return remember(lookup, cached, Source.CACHED_AFTER_FAILED_REFRESH, health, error);
        }
        // RFC 8461 §3.3: nothing valid cached, so deliver as though the domain had no policy.
        NoPolicy noPolicy = new NoPolicy(failure.type().wireName() + ": " + failure.detail(),
            Optional.of(failure.type()));
        lookup.write(new DomainState.Absent(noPolicy), health, error, StoreWrite.NONE);
        return noPolicy;
    }

    private PolicyLookup remember(Lookup lookup, CachedPolicy cached, Source source, Health health,
                                  DomainStatus.LastError error) {
        lookup.write(new DomainState.Cached(cached, memory.persistedExpiry(lookup.key, cached)), health, error,
            StoreWrite.NONE);
        return new Applicable(cached, source);
    }

    /** One lookup of one domain: what it started from, and where its result goes. */
    private final class Lookup {
        final String key;
        final long stamp;
        final Instant now;
        final DomainEntry previous;
        /** The fetch back-off after this lookup: kept from before unless a fetch succeeded or failed anew. */
        Optional<FailedFetch> backoff;

        Lookup(String key, long stamp, Instant now) {
            this.key = key;
            this.stamp = stamp;
            this.now = now;
            this.previous = memory.get(key);
            this.backoff = previous == null ? Optional.empty() : previous.backoff();
        }

        void write(DomainState state, Health health, DomainStatus.LastError error, StoreWrite storeWrite) {
            DomainEntry entry = new DomainEntry(state, now, now.plus(settings.recheckGrace()),
                health.next(previous, error), backoff);
            if (!memory.update(key, stamp, entry, storeWrite)) {
                LOGGER.info("MTA-STS: {} was evicted while it was looked up; the lookup's result is not kept", key);
            }
        }
    }

    /** Why a lookup runs; lookups share an answer only with lookups of the same intent. */
    private enum Intent {
        /** A delivery's lookup: an answer within the grace will do. */
        LOOKUP(Refetch.ON_NEW_ID),
        /** RFC 8461 §5.1: the TXT record, now. */
        RECHECK(Refetch.ON_NEW_ID),
        /** An operator's refresh: always a fetch. */
        REFRESH(Refetch.ALWAYS),
        /** The background refresh (RFC 8461 §3.3). */
        BACKGROUND_REFRESH(Refetch.ALWAYS_WITHIN_BACKOFF);

        final Refetch refetch;

        Intent(Refetch refetch) {
            this.refetch = refetch;
        }
    }

    /** A lookup in flight: one domain, one intent. */
    private static final class Flight {
        private final String key;
        private final Intent intent;

        Flight(String key, Intent intent) {
            this.key = key;
            this.intent = intent;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Flight && ((Flight) other).key.equals(key) && ((Flight) other).intent == intent;
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + intent.hashCode();
        }
    }

    /** When a lookup fetches the policy. */
    private enum Refetch {
        /** Only when the TXT id differs from the cached policy's (RFC 8461 §3.1). */
        ON_NEW_ID,
        /** Always, unless a fetch for this id failed within the back-off (background refresh, RFC 8461 §3.3). */
        ALWAYS_WITHIN_BACKOFF,
        /** Always (an operator asked). */
        ALWAYS
    }

    /** How a lookup changes a domain's failure count (RFC 8461 §10.2: alert on repeated refresh failures). */
    private enum Health {
        SUCCESS, FAILURE, UNCHANGED;

        FailureCount next(DomainEntry previous, DomainStatus.LastError error) {
            FailureCount before = previous == null ? FailureCount.NONE : previous.failures();
            switch (this) {
                case SUCCESS:
                    return FailureCount.NONE;
                case FAILURE:
                    return new FailureCount(before.count() + 1, error);
                case UNCHANGED:
                    return error == null || before.lastError() != null ? before
                        : new FailureCount(before.count(), error);
                default:
                    throw new IllegalStateException("unexpected " + this);
            }
        }
    }
}
