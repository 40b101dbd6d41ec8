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
import dev.mtasts.service.PolicyLookup.Applicable;
import dev.mtasts.service.PolicyLookup.NoPolicy;
import dev.mtasts.service.PolicyLookup.Source;
import dev.mtasts.service.PolicyLookup.TemporaryFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *     <li>Concurrent callers for one domain share one TXT query and one fetch.</li>
 * </ul>
 *
 * <p>Never throws for anything DNS or HTTPS sends: every outcome is a {@link PolicyLookup}.
 */
public final class PolicyService {

    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyService.class);
    /** A confirmation that extends a stored policy's life by less than this is not worth a write. */
    private static final Duration PERSIST_CONFIRMATION_STEP = Duration.ofHours(1);

    private final RecordDiscovery discovery;
    private final PolicyFetcher fetcher;
    private final PolicyStore store;
    private final PolicyServiceSettings settings;
    private final Clock clock;
    private final int maxDomains;

    private final ConcurrentHashMap<String, DomainEntry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<PolicyLookup>> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, FailedFetch> failedFetches = new ConcurrentHashMap<>();
    private volatile PolicyServiceListener listener = PolicyServiceListener.NONE;

    public PolicyService(RecordDiscovery discovery, PolicyFetcher fetcher, PolicyStore store,
                         PolicyServiceSettings settings, Clock clock, int maxDomains) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxDomains < 1) {
            throw new IllegalArgumentException("maxDomains must be at least 1, was " + maxDomains);
        }
        this.maxDomains = maxDomains;
        loadStore();
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
        PolicyLookup cached = fresh(key, clock.millis());
        if (cached != null) {
            hearCacheHit();
            return cached;
        }
        hearCacheMiss();
        return singleFlight(key, Refetch.ON_NEW_ID, true);
    }

    /**
     * Reads the TXT record now, ignoring the grace: RFC 8461 §5.1 asks for this before a message to an enforce
     * domain fails permanently, in case the domain published a new policy.
     */
    public PolicyLookup recheck(String domain) {
        return singleFlight(PolicyDomain.normalize(domain), Refetch.ON_NEW_ID, false);
    }

    /** Fetches the policy again even if the TXT id is unchanged, ignoring the failed-fetch back-off (operators). */
    public PolicyLookup refresh(String domain) {
        return singleFlight(PolicyDomain.normalize(domain), Refetch.ALWAYS, false);
    }

    /** The background refresh of one domain: fetches again, but respects the failed-fetch back-off. */
    PolicyLookup refreshInBackground(String domain) {
        return singleFlight(PolicyDomain.normalize(domain), Refetch.ALWAYS_WITHIN_BACKOFF, false);
    }

    /** Forgets everything about {@code domain}. Returns whether anything was known. */
    public boolean evict(String domain) {
        String key = PolicyDomain.normalize(domain);
        failedFetches.remove(key);
        DomainEntry removed = entries.remove(key);
        boolean stored = store.get(key).isPresent();
        store.remove(key);
        return removed != null || stored;
    }

    /** Every cached policy that has not expired, by domain. */
    public List<CachedPolicy> cachedPolicies() {
        Instant now = clock.instant();
        return entries.values().stream()
            .map(entry -> entry.cached)
            .filter(Objects::nonNull)
            .filter(cached -> !cached.isExpiredAt(now))
            .sorted(Comparator.comparing(CachedPolicy::domain))
            .collect(Collectors.toUnmodifiableList());
    }

    /** What the service knows about {@code domain}, if anything. */
    public Optional<DomainStatus> status(String domain) {
        String key = PolicyDomain.normalize(domain);
        return Optional.ofNullable(entries.get(key)).map(entry -> entry.status(key));
    }

    /** Every known domain's status, by domain. */
    public List<DomainStatus> statuses() {
        return entries.entrySet().stream()
            .sorted(java.util.Map.Entry.comparingByKey())
            .map(entry -> entry.getValue().status(entry.getKey()))
            .collect(Collectors.toUnmodifiableList());
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
        return entries.values().stream()
            .map(entry -> entry.cached)
            .filter(Objects::nonNull)
            .filter(cached -> !now.isBefore(refreshDueAt(cached)))
            .collect(Collectors.toUnmodifiableList());
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

    private PolicyLookup fresh(String key, long nowMillis) {
        DomainEntry entry = entries.get(key);
        if (entry == null || nowMillis >= entry.recheckAtMillis || nowMillis >= entry.expiresAtMillis) {
            return null;
        }
        entry.lastUsedMillis = nowMillis;
        return entry.answer;
    }

    /**
     * Runs one lookup per domain at a time; concurrent callers wait for it and share its answer.
     *
     * @param acceptFresh whether an answer cached within the grace will do (a plain {@link #policyFor})
     */
    private PolicyLookup singleFlight(String key, Refetch refetch, boolean acceptFresh) {
        CompletableFuture<PolicyLookup> mine = new CompletableFuture<>();
        CompletableFuture<PolicyLookup> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        try {
            // A lookup that finished just before this one registered may already have answered.
            PolicyLookup answer = acceptFresh ? fresh(key, clock.millis()) : null;
            if (answer == null) {
                answer = resolve(key, refetch);
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
            inFlight.remove(key, mine);
        }
    }

    /** What an unexpected failure leaves: the cached policy if one is still valid (RFC 8461 §3.3), else unknown. */
    private PolicyLookup fallback(String key, Throwable failure) {
        try {
            CachedPolicy cached = unexpiredCachedPolicy(key, clock.instant());
            if (cached != null) {
                return new Applicable(cached, Source.CACHED_AFTER_FAILED_REFRESH);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        return new TemporaryFailure("internal error: " + failure);
    }

    private PolicyLookup resolve(String key, Refetch refetch) {
        Instant now = clock.instant();
        CachedPolicy cached = unexpiredCachedPolicy(key, now);
        StsDiscovery record = discovery.sts(key);
        if (record instanceof StsDiscovery.Found) {
            return onRecord(key, cached, ((StsDiscovery.Found) record).record().id(), refetch, now);
        }
        if (record instanceof StsDiscovery.Absent) {
            return onNoRecord(key, cached, ((StsDiscovery.Absent) record).detail(), now);
        }
        if (record instanceof StsDiscovery.Invalid) {
            return onNoRecord(key, cached, ((StsDiscovery.Invalid) record).detail(), now);
        }
        return onDnsFailure(key, cached, ((StsDiscovery.TemporaryFailure) record).detail(), now);
    }

    /**
     * The domain's policy if it has not expired: from memory, or from the store for a domain evicted from memory
     * (eviction bounds memory, it never forgets a policy — forgetting would let a blocked policy host downgrade).
     */
    private CachedPolicy unexpiredCachedPolicy(String key, Instant now) {
        DomainEntry entry = entries.get(key);
        CachedPolicy cached = entry != null ? entry.cached : store.get(key).orElse(null);
        if (cached == null) {
            return null;
        }
        if (cached.isExpiredAt(now)) {
            LOGGER.info("MTA-STS policy for {} (id {}) expired at {}", key, cached.id(), cached.expiresAt());
            store.remove(key);
            return null;
        }
        return cached;
    }

    // RFC 8461 §3.3: a DNS failure never removes a cached policy. With nothing cached the answer is unknown.
    private PolicyLookup onDnsFailure(String key, CachedPolicy cached, String detail, Instant now) {
        LOGGER.warn("MTA-STS TXT lookup for _mta-sts.{} failed temporarily: {}", key, detail);
        DomainStatus.LastError error = new DomainStatus.LastError(Optional.empty(), "DNS: " + detail, now);
        if (cached != null) {
            return remember(key, cached, Source.CACHED_AFTER_FAILED_REFRESH, now, Health.FAILURE, error);
        }
        // Nothing to serve within the grace: the next caller asks DNS again.
        put(key, new DomainEntry(null, null, null, null, Long.MIN_VALUE, Long.MIN_VALUE, now,
            Health.FAILURE.next(entries.get(key), error)));
        return new TemporaryFailure("TXT lookup for _mta-sts." + key + " failed: " + detail);
    }

    // RFC 8461 §3.1, §5.1: a record that vanished or became invalid leaves the cached policy in force until expiry.
    private PolicyLookup onNoRecord(String key, CachedPolicy cached, String detail, Instant now) {
        if (cached != null) {
            LOGGER.info("MTA-STS TXT record for {} is gone or invalid ({}); cached policy id {} stays until {}",
                key, detail, cached.id(), cached.expiresAt());
            return remember(key, cached, Source.CACHED_AFTER_FAILED_REFRESH, now, Health.UNCHANGED, null);
        }
        return rememberNoPolicy(key, new NoPolicy(detail, Optional.empty()), now, Health.SUCCESS, null);
    }

    private PolicyLookup onRecord(String key, CachedPolicy cached, String id, Refetch refetch, Instant now) {
        boolean sameId = cached != null && cached.id().equals(id);
        if (sameId && refetch == Refetch.ON_NEW_ID) {
            return confirm(key, cached, now);
        }
        NonePolicy none = nonePolicy(key, now);
        if (none != null && none.id().equals(id) && refetch == Refetch.ON_NEW_ID) {
            // RFC 8461 §3.1: same id, same policy — still mode none, no fetch needed.
            return rememberNone(key, none, now);
        }
        FailedFetch failed = failedFetches.get(key);
        if (refetch != Refetch.ALWAYS && failed != null && failed.blocks(id, now)) {
            // RFC 8461 §3.3: at most one fetch per domain and id every five minutes after a failure.
            return afterFailedFetch(key, cached, failed.failure(), now, Health.UNCHANGED);
        }
        PolicyServiceListener.FetchWatch watch = fetchWatch(key);
        FetchResult fetched = fetcher.fetch(key);
        hearFetchEnded(watch, fetched instanceof FetchResult.Failed
            ? Optional.of(((FetchResult.Failed) fetched).type()) : Optional.empty());
        if (fetched instanceof FetchResult.Fetched) {
            return onFetched(key, id, (FetchResult.Fetched) fetched, now);
        }
        FetchResult.Failed failure = (FetchResult.Failed) fetched;
        failedFetches.put(key, new FailedFetch(id, now.plus(settings.fetchBackoff()), failure));
        LOGGER.warn("MTA-STS policy fetch for {} (id {}) failed: {}: {}", key, id, failure.type(), failure.detail());
        return afterFailedFetch(key, cached, failure, now, Health.FAILURE);
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
     * written to the store once it has moved by an hour (or half of {@code max_age}, if less), not at every
     * confirmation.
     */
    private PolicyLookup confirm(String key, CachedPolicy cached, Instant now) {
        CachedPolicy confirmed = cached.confirmedAt(now);
        Instant persisted = persistedExpiry(key, cached);
        Duration step = Duration.ofSeconds(cached.policy().maxAgeSeconds() / 2);
        if (Duration.between(persisted, confirmed.expiresAt())
            .compareTo(step.compareTo(PERSIST_CONFIRMATION_STEP) < 0 ? step : PERSIST_CONFIRMATION_STEP) >= 0) {
            store.put(confirmed);
            persisted = confirmed.expiresAt();
        }
        return remember(key, confirmed, Source.CACHED, now, Health.SUCCESS, null, persisted);
    }

    /** When the stored copy of {@code cached} expires (it may lag behind the one in memory). */
    private Instant persistedExpiry(String key, CachedPolicy cached) {
        DomainEntry entry = entries.get(key);
        return entry != null && entry.cached != null && entry.cached.id().equals(cached.id())
            ? entry.persistedExpiresAt : cached.expiresAt();
    }

    private NonePolicy nonePolicy(String key, Instant now) {
        DomainEntry entry = entries.get(key);
        return entry != null && entry.none != null && now.isBefore(entry.none.expiresAt()) ? entry.none : null;
    }

    private PolicyLookup onFetched(String key, String id, FetchResult.Fetched fetched, Instant now) {
        failedFetches.remove(key);
        if (fetched.policy().mode() == Mode.NONE) {
            // RFC 8461 §5: mode none is as though there were no policy; only its id is remembered.
            DomainEntry previous = entries.get(key);
            if (previous == null || previous.cached != null) {
                store.remove(key);
            }
            return rememberNone(key, new NonePolicy(id, now.plusSeconds(fetched.policy().maxAgeSeconds())), now);
        }
        Instant expiresAt = now.plusSeconds(fetched.policy().maxAgeSeconds());
        CachedPolicy policy = new CachedPolicy(key, id, fetched.policy(), fetched.text(), now, expiresAt);
        store.put(policy);
        LOGGER.info("MTA-STS policy for {} fetched: id {}, mode {}, mx {}, max_age {}", key, id,
            policy.policy().mode(), policy.policy().mx(), policy.policy().maxAgeSeconds());
        return remember(key, policy, Source.FRESH, now, Health.SUCCESS, null, policy.expiresAt());
    }

    private PolicyLookup afterFailedFetch(String key, CachedPolicy cached, FetchResult.Failed failure, Instant now,
                                          Health health) {
        DomainStatus.LastError error =
            new DomainStatus.LastError(Optional.of(failure.type()), failure.detail(), now);
        if (cached != null) {
            return remember(key, cached, Source.CACHED_AFTER_FAILED_REFRESH, now, health, error);
        }
        // RFC 8461 §3.3: nothing valid cached, so deliver as though the domain had no policy.
        NoPolicy noPolicy = new NoPolicy(failure.type().wireName() + ": " + failure.detail(),
            Optional.of(failure.type()));
        return rememberNoPolicy(key, noPolicy, now, health, error);
    }

    private PolicyLookup remember(String key, CachedPolicy cached, Source source, Instant now, Health health,
                                  DomainStatus.LastError error) {
        return remember(key, cached, source, now, health, error, persistedExpiry(key, cached));
    }

    private PolicyLookup remember(String key, CachedPolicy cached, Source source, Instant now, Health health,
                                  DomainStatus.LastError error, Instant persistedExpiresAt) {
        Applicable answer = new Applicable(cached, source);
        // Later callers within the grace see a freshly fetched policy as cached.
        PolicyLookup served = source == Source.FRESH ? new Applicable(cached, Source.CACHED) : answer;
        put(key, new DomainEntry(cached, persistedExpiresAt, null, served, recheckAt(now),
            cached.expiresAt().toEpochMilli(), now, health.next(entries.get(key), error)));
        return answer;
    }

    private PolicyLookup rememberNoPolicy(String key, NoPolicy answer, Instant now, Health health,
                                          DomainStatus.LastError error) {
        put(key, new DomainEntry(null, null, null, answer, recheckAt(now), Long.MAX_VALUE, now,
            health.next(entries.get(key), error)));
        return answer;
    }

    private PolicyLookup rememberNone(String key, NonePolicy none, Instant now) {
        NoPolicy answer = new NoPolicy("policy mode is none (id " + none.id() + ")", Optional.empty());
        put(key, new DomainEntry(null, null, none, answer, recheckAt(now), Long.MAX_VALUE, now,
            Health.SUCCESS.next(entries.get(key), null)));
        return answer;
    }

    private long recheckAt(Instant now) {
        return now.plus(settings.recheckGrace()).toEpochMilli();
    }

    private void put(String key, DomainEntry entry) {
        entries.put(key, entry);
        if (entries.size() > maxDomains) {
            evictLeastRecentlyUsed();
        }
    }

    /**
     * Keeps memory bounded: drops the least recently used tenth of the domains, those without a policy first. A
     * dropped policy stays in the store and is read back on the domain's next lookup.
     */
    private synchronized void evictLeastRecentlyUsed() {
        int excess = entries.size() - maxDomains;
        if (excess <= 0) {
            return;
        }
        int toEvict = Math.max(excess, maxDomains / 10);
        entries.entrySet().stream()
            .sorted(Comparator.<java.util.Map.Entry<String, DomainEntry>>comparingInt(
                    entry -> entry.getValue().cached == null ? 0 : 1)
                .thenComparingLong(entry -> entry.getValue().lastUsedMillis))
            .limit(toEvict)
            .map(java.util.Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableList())
            .forEach(domain -> {
                entries.remove(domain);
                failedFetches.remove(domain);
            });
    }

    private void loadStore() {
        Instant now = clock.instant();
        List<CachedPolicy> stored = store.all();
        for (CachedPolicy cached : stored) {
            if (cached.isExpiredAt(now)) {
                store.remove(cached.domain());
                continue;
            }
            // Re-check the TXT record on first use: a restart must not skip a new id.
            entries.put(cached.domain(), new DomainEntry(cached, cached.expiresAt(), null,
                new Applicable(cached, Source.CACHED), Long.MIN_VALUE, cached.expiresAt().toEpochMilli(), now,
                FailureCount.NONE));
        }
        LOGGER.info("MTA-STS policy cache loaded {} policies", entries.size());
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
            FailureCount before = previous == null ? FailureCount.NONE : previous.failures;
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

    private static final class FailureCount {
        static final FailureCount NONE = new FailureCount(0, null);

        private final int count;
        private final DomainStatus.LastError lastError;

        FailureCount(int count, DomainStatus.LastError lastError) {
            this.count = count;
            this.lastError = lastError;
        }

        int count() {
            return count;
        }

        DomainStatus.LastError lastError() {
            return lastError;
        }
    }

    /** A fetched policy in mode none: only its id and lifetime matter (RFC 8461 §5). */
    private static final class NonePolicy {
        private final String id;
        private final Instant expiresAt;

        NonePolicy(String id, Instant expiresAt) {
            this.id = id;
            this.expiresAt = expiresAt;
        }

        String id() {
            return id;
        }

        Instant expiresAt() {
            return expiresAt;
        }
    }

    private static final class FailedFetch {
        private final String id;
        private final Instant retryAfter;
        private final FetchResult.Failed failure;

        FailedFetch(String id, Instant retryAfter, FetchResult.Failed failure) {
            this.id = id;
            this.retryAfter = retryAfter;
            this.failure = failure;
        }

        FetchResult.Failed failure() {
            return failure;
        }

        boolean blocks(String recordId, Instant now) {
            return id.equals(recordId) && now.isBefore(retryAfter);
        }
    }

    /** One domain's state. Immutable but for the least-recently-used stamp, which is only a hint for eviction. */
    private static final class DomainEntry {
        final CachedPolicy cached;
        /** When the stored copy of {@link #cached} expires; it lags behind after confirmations. */
        final Instant persistedExpiresAt;
        final NonePolicy none;
        final PolicyLookup answer;
        final long recheckAtMillis;
        final long expiresAtMillis;
        final Instant checkedAt;
        final FailureCount failures;
        long lastUsedMillis;

        DomainEntry(CachedPolicy cached, Instant persistedExpiresAt, NonePolicy none, PolicyLookup answer,
                    long recheckAtMillis, long expiresAtMillis, Instant checkedAt, FailureCount failures) {
            this.cached = cached;
            this.persistedExpiresAt = persistedExpiresAt;
            this.none = none;
            this.answer = answer;
            this.recheckAtMillis = recheckAtMillis;
            this.expiresAtMillis = expiresAtMillis;
            this.checkedAt = checkedAt;
            this.failures = failures;
            this.lastUsedMillis = checkedAt.toEpochMilli();
        }

        DomainStatus status(String domain) {
            return new DomainStatus(domain, Optional.ofNullable(cached), Optional.of(checkedAt),
                Optional.ofNullable(failures.lastError()), failures.count());
        }
    }
}
