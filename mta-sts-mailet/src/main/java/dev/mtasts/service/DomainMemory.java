package dev.mtasts.service;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.cache.PolicyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The policy service's memory of domains, in front of the persistent {@link PolicyStore}:
 * <ul>
 *     <li>bounded: beyond {@code maxDomains} the least recently used tenth is dropped, domains without a policy
 *     first; a dropped policy stays in the store and is read back on the domain's next lookup (eviction bounds
 *     memory, it never forgets a policy — forgetting would let a blocked policy host downgrade);</li>
 *     <li>writes to the store only when a policy changes, and a confirmation only once it moved the expiry by an
 *     hour (or half of {@code max_age}, if less);</li>
 *     <li>ordered with operators' evictions: a change computed by a lookup that started before {@link #evict} is
 *     dropped, in memory and in the store, so an eviction is never undone by a lookup that was in flight.</li>
 * </ul>
 */
final class DomainMemory {

    private static final Logger LOGGER = LoggerFactory.getLogger(DomainMemory.class);
    /** A confirmation that extends a stored policy's life by less than this is not worth a write. */
    private static final Duration PERSIST_CONFIRMATION_STEP = Duration.ofHours(1);
    /**
     * How long the mark of an eviction outlives it when memory is short: longer than any lookup takes (the fetch
     * timeout is at most ten minutes, DNS one).
     */
    private static final long EVICTION_MARK_MILLIS = Duration.ofMinutes(15).toMillis();

    private final PolicyStore store;
    private final int maxDomains;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private final PolicyDomainIndex policyDomains = new PolicyDomainIndex();

    DomainMemory(PolicyStore store, int maxDomains) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxDomains < 1) {
            throw new IllegalArgumentException("maxDomains must be at least 1, was " + maxDomains);
        }
        this.maxDomains = maxDomains;
    }

    /** What a store write does along with a change of the entry. */
    enum StoreWrite {
        NONE, PUT, REMOVE
    }

    /** The stamp a lookup takes when it starts: its changes are dropped if the domain is evicted after this. */
    long stamp() {
        return clock.get();
    }

    DomainEntry get(String key) {
        Slot slot = slots.get(key);
        return slot == null ? null : slot.entryOrNull();
    }

    /** The domain's policy in memory, expired or not; never reads the store. */
    CachedPolicy cachedInMemory(String key) {
        DomainEntry entry = get(key);
        return entry == null ? null : entry.state().cachedOrNull();
    }

    /**
     * Sets the domain's entry, and writes the store as {@code write} says ({@code PUT} stores the entry's cached
     * policy), unless the domain was evicted after {@code stamp}. Returns whether the change was kept.
     */
    boolean update(String key, long stamp, DomainEntry entry, StoreWrite write) {
        boolean[] kept = {false};
        boolean[] newPolicyDomain = {false};
        slots.compute(key, (domain, current) -> {
            if (current != null && current.evictedAt() > stamp) {
                return current; // evicted while this lookup was in flight: the eviction stands
            }
            if (write == StoreWrite.PUT) {
                entry.state().cached().ifPresent(store::put);
            } else if (write == StoreWrite.REMOVE) {
                store.remove(domain);
            }
            kept[0] = true;
            DomainEntry before = current == null ? null : current.entryOrNull();
            newPolicyDomain[0] = entry.state() instanceof DomainState.Cached
                && (before == null || !(before.state() instanceof DomainState.Cached));
            return entry.carrying(current == null ? 0 : current.evictedAt());
        });
        if (newPolicyDomain[0]) {
            policyDomains.add(key); // after the policy is in memory: see PolicyDomainIndex
        }
        if (slots.size() > maxDomains) {
            evictLeastRecentlyUsed();
        }
        return kept[0];
    }

    /** Forgets the domain in memory and in the store. Returns whether anything was known. */
    boolean evict(String key) {
        long nowMillis = System.currentTimeMillis(); // real time: the mark must outlive the lookups really running
        boolean[] known = {false};
        slots.compute(key, (domain, current) -> {
            known[0] = current != null && current.entryOrNull() != null;
            known[0] |= store.get(domain).isPresent();
            store.remove(domain);
            return new EvictionMark(clock.incrementAndGet(), nowMillis);
        });
        return known[0];
    }

    /** The domain's policy if it has not expired: from memory, or read through from the store. */
    CachedPolicy unexpiredCachedPolicy(String key, Instant now) {
        DomainEntry entry = get(key);
        CachedPolicy cached = entry != null ? entry.state().cached().orElse(null) : store.get(key).orElse(null);
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

    /** When the stored copy of {@code cached} expires (it may lag behind the one in memory). */
    Instant persistedExpiry(String key, CachedPolicy cached) {
        DomainEntry entry = get(key);
        if (entry != null && entry.state() instanceof DomainState.Cached) {
            DomainState.Cached known = (DomainState.Cached) entry.state();
            if (known.policy().id().equals(cached.id())) {
                return known.persistedExpiresAt();
            }
        }
        return cached.expiresAt();
    }

    /**
     * The domains whose policy is in memory, in domain order (without sorting them per call); a domain may have
     * lost its policy since, so callers check each with {@link #cachedInMemory}.
     */
    String[] policyDomains() {
        return policyDomains.read(domain -> cachedInMemory(domain) != null);
    }

    /** Calls {@code action} for every domain in memory with its entry, in no particular order. */
    void forEachEntry(BiConsumer<String, DomainEntry> action) {
        for (Map.Entry<String, Slot> slot : slots.entrySet()) {
            DomainEntry entry = slot.getValue().entryOrNull();
            if (entry != null) {
                action.accept(slot.getKey(), entry);
            }
        }
    }

    /**
     * Whether a confirmation that moved the expiry from {@code persisted} to {@code confirmed}'s is worth a write:
     * once it moved by an hour, or by half of {@code max_age} if that is less.
     */
    static boolean confirmationWorthWriting(CachedPolicy confirmed, Instant persisted) {
        Duration half = Duration.ofSeconds(confirmed.policy().maxAgeSeconds() / 2);
        Duration step = half.compareTo(PERSIST_CONFIRMATION_STEP) < 0 ? half : PERSIST_CONFIRMATION_STEP;
        return Duration.between(persisted, confirmed.expiresAt()).compareTo(step) >= 0;
    }

    /** Every domain in memory with its entry, by domain. */
    List<Map.Entry<String, DomainEntry>> entries() {
        List<Map.Entry<String, DomainEntry>> entries = new ArrayList<>();
        forEachEntry((domain, entry) -> entries.add(Map.entry(domain, entry)));
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }

    boolean checkpointStore() {
        return store.checkpoint();
    }

    /** Reads the store at start-up; each policy re-checks its TXT record on first use (a new id since?). */
    int load(Instant now) {
        List<String> domains = new ArrayList<>();
        long nowMillis = now.toEpochMilli();
        for (CachedPolicy cached : store.all()) {
            if (cached.isExpiredAtMillis(nowMillis)) {
                store.remove(cached.domain());
                continue;
            }
            slots.put(cached.domain(), new DomainEntry(new DomainState.Cached(cached, cached.expiresAtMillis()),
                now, now, DomainEntry.FailureCount.NONE, Optional.empty()));
            domains.add(cached.domain());
        }
        policyDomains.reset(domains);
        return domains.size();
    }

    private synchronized void evictLeastRecentlyUsed() {
        int excess = slots.size() - maxDomains;
        if (excess <= 0) {
            return;
        }
        int toEvict = Math.max(excess, maxDomains / 10);
        long now = System.currentTimeMillis();
        slots.entrySet().stream()
            .filter(slot -> slot.getValue().isEntry() || now - slot.getValue().lastUsedMillis() > EVICTION_MARK_MILLIS)
            .sorted(Comparator.<Map.Entry<String, Slot>>comparingInt(slot -> slot.getValue().rank())
                .thenComparingLong(slot -> slot.getValue().lastUsedMillis()))
            .limit(toEvict)
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableList())
            .forEach(slots::remove);
    }

    /**
     * A domain's place in memory: its {@link DomainEntry}, or only the mark of an eviction ({@link EvictionMark}),
     * either with the stamp of the last eviction, which later changes carry on.
     */
    abstract static class Slot {
        private final long evictedAt;

        Slot(long evictedAt) {
            this.evictedAt = evictedAt;
        }

        final long evictedAt() {
            return evictedAt;
        }

        final boolean isEntry() {
            return entryOrNull() != null;
        }

        abstract DomainEntry entryOrNull();

        /** Eviction order: old eviction marks, then domains without a policy, then policies. */
        abstract int rank();

        abstract long lastUsedMillis();
    }

    /** What an operator's eviction leaves: no entry, only when (so that lookups in flight do not bring it back). */
    private static final class EvictionMark extends Slot {
        private final long evictedAtMillis;

        EvictionMark(long evictedAt, long evictedAtMillis) {
            super(evictedAt);
            this.evictedAtMillis = evictedAtMillis;
        }

        @Override
        DomainEntry entryOrNull() {
            return null;
        }

        @Override
        int rank() {
            return 0;
        }

        @Override
        long lastUsedMillis() {
            return evictedAtMillis;
        }
    }
}
