package dev.mtasts.report;

import dev.mtasts.outcome.TlsOutcome;

import dev.mtasts.outcome.ResultType;

import dev.mtasts.discovery.PolicyDomain;
import dev.mtasts.policy.Mode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Counts TLS outcomes per UTC day, policy domain and policy, the way an RFC 8460 report presents them, and keeps the
 * reports of finished days until they are delivered.
 *
 * <p>{@link #record} runs on every delivery attempt: it touches only in-memory counters and may be called from any
 * number of threads. {@link #flush()} writes what changed to the {@link TlsReportStore}; counts and pending reports
 * are loaded back from the store on construction, so they survive a restart.
 *
 * <p>A day is <em>open</em> while its outcomes are counted. {@link #closeDay} turns its counts into
 * {@link PendingReport}s; outcomes for a closed day that arrive later are not counted (RFC 8460 §4.1: a report
 * covers one day, and is sent once). Memory is bounded by {@link Limits}: what does not fit is not counted, and that
 * is logged.
 */
public final class TlsReportAggregator implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(TlsReportAggregator.class);

    /** Bounds on what one day may hold. */
    public static final class Limits {

        public static final Limits DEFAULT = new Limits(100_000, 16, 256);

        private final int domainsPerDay;
        private final int policiesPerDomain;
        private final int failureDetailsPerPolicy;

        public Limits(int domainsPerDay, int policiesPerDomain, int failureDetailsPerPolicy) {
            if (domainsPerDay < 1 || policiesPerDomain < 1 || failureDetailsPerPolicy < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
            this.domainsPerDay = domainsPerDay;
            this.policiesPerDomain = policiesPerDomain;
            this.failureDetailsPerPolicy = failureDetailsPerPolicy;
        }

        /** Distinct policy domains per day. */
        public int domainsPerDay() {
            return domainsPerDay;
        }

        /** Distinct policies (id and text) per domain and day. */
        public int policiesPerDomain() {
            return policiesPerDomain;
        }

        /**
         * Distinct failure details per policy and day; further kinds of failure still count in
         * {@code total-failure-session-count}.
         */
        public int failureDetailsPerPolicy() {
            return failureDetailsPerPolicy;
        }
    }

    private final TlsReportStore store;
    private final Limits limits;
    /** Read lock: counting and snapshots. Write lock: closing a day and changing pending reports. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object storeWrites = new Object();
    private final ConcurrentHashMap<LocalDate, DayState> days = new ConcurrentHashMap<>();
    private final AtomicLong uncounted = new AtomicLong();
    private volatile LocalDate lastClosedDay;

    public TlsReportAggregator(TlsReportStore store) {
        this(store, Limits.DEFAULT);
    }

    public TlsReportAggregator(TlsReportStore store, Limits limits) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        load();
    }

    /**
     * Counts one session. Outcomes of domains without an MTA-STS policy (mode {@code none} and no
     * {@code sts-*} failure) are not part of an MTA-STS report and are ignored. Never throws for what the outcome
     * holds.
     */
    public void record(TlsOutcome outcome) {
        if (!isReported(outcome)) {
            return;
        }
        String domain = PolicyDomain.normalize(outcome.domain());
        if (domain.isEmpty()) {
            return;
        }
        LocalDate day = utcDay(outcome.at());
        lock.readLock().lock();
        try {
            DayState state = days.get(day);
            if (state == null) {
                LocalDate lastClosed = lastClosedDay;
                if (lastClosed != null && !day.isAfter(lastClosed)) {
                    notCounted(outcome, "its day's reports are already made");
                    return;
                }
                state = days.computeIfAbsent(day, DayState::new);
            }
            if (state.closed) {
                notCounted(outcome, "its day's reports are already made");
                return;
            }
            state.count(domain, outcome);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Outcomes not counted: late for their day, or beyond the {@link Limits}. */
    public long uncountedOutcomes() {
        return uncounted.get();
    }

    /** The days still counting, oldest first. */
    public List<LocalDate> openDays() {
        return days.values().stream().filter(state -> !state.closed).map(state -> state.day).sorted()
                .collect(Collectors.toUnmodifiableList());
    }

    /** What an open day has counted so far, by domain; empty for a closed or unknown day. */
    public List<DomainDayTally> tallies(LocalDate day) {
        lock.readLock().lock();
        try {
            DayState state = days.get(day);
            return state == null || state.closed ? List.of() : state.tallies();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** What an open day has counted so far for {@code domain}. */
    public Optional<DomainDayTally> tally(LocalDate day, String domain) {
        String key = PolicyDomain.normalize(domain);
        return tallies(day).stream().filter(tally -> tally.domain().equals(key)).findFirst();
    }

    /**
     * Closes {@code day}: its counts become reports, made by {@code toReport} (which may decline a domain), and
     * later outcomes for the day are no longer counted. Returns the reports made.
     */
    public List<PendingReport> closeDay(LocalDate day, Function<DomainDayTally, Optional<PendingReport>> toReport) {
        lock.writeLock().lock();
        try {
            DayState state = days.computeIfAbsent(day, DayState::new);
            if (state.closed) {
                return List.of();
            }
            List<PendingReport> made = new ArrayList<>();
            for (DomainDayTally tally : state.tallies()) {
                toReport.apply(tally).ifPresent(report -> {
                    state.pending.put(report.domain(), report);
                    made.add(report);
                });
            }
            state.domains.clear();
            state.closed = true;
            state.dirty.set(true);
            LocalDate lastClosed = lastClosedDay;
            if (lastClosed == null || day.isAfter(lastClosed)) {
                lastClosedDay = day;
            }
            return made;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Every report awaiting delivery, by day and domain. */
    public List<PendingReport> pendingReports() {
        lock.readLock().lock();
        try {
            return days.values().stream()
                    .flatMap(state -> state.pending.values().stream())
                    .sorted(Comparator.comparing(PendingReport::day).thenComparing(PendingReport::domain))
                    .collect(Collectors.toUnmodifiableList());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Replaces the pending report of the same day, domain and id; does nothing if it is no longer pending. */
    public void updatePending(PendingReport report) {
        changePending(report, state -> state.pending.put(report.domain(), report));
    }

    /** Forgets a pending report: delivered, not wanted, or given up. */
    public void removePending(PendingReport report) {
        changePending(report, state -> state.pending.remove(report.domain()));
    }

    private void changePending(PendingReport report, java.util.function.Consumer<DayState> change) {
        lock.writeLock().lock();
        try {
            DayState state = days.get(report.day());
            PendingReport current = state == null ? null : state.pending.get(report.domain());
            if (current != null && current.reportId().equals(report.reportId())) {
                change.accept(state);
                state.dirty.set(true);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Forgets closed days before {@code cutoff} that have nothing left to deliver. A closed day is remembered for a
     * while so that late outcomes for it are recognised even after a restart.
     */
    public void forgetClosedDaysBefore(LocalDate cutoff) {
        synchronized (storeWrites) {
            List<LocalDate> forgotten = new ArrayList<>();
            lock.writeLock().lock();
            try {
                days.values().removeIf(state -> {
                    boolean forget = state.closed && state.pending.isEmpty() && state.day.isBefore(cutoff);
                    if (forget) {
                        forgotten.add(state.day);
                    }
                    return forget;
                });
            } finally {
                lock.writeLock().unlock();
            }
            forgotten.forEach(this::deleteFromStore);
        }
    }

    /** Writes every day that changed since the last flush to the store. Never throws. */
    public void flush() {
        synchronized (storeWrites) {
            List<StoredDay> changed = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (DayState state : days.values()) {
                    if (state.dirty.compareAndSet(true, false)) {
                        changed.add(state.snapshot());
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            for (StoredDay day : changed) {
                try {
                    if (!day.closed() && day.tallies().isEmpty()) {
                        store.delete(day.day());
                    } else {
                        store.save(day);
                    }
                } catch (RuntimeException e) {
                    LOGGER.error("TLS report counts for {} could not be stored", day.day(), e);
                    DayState state = days.get(day.day());
                    if (state != null) {
                        state.dirty.set(true);
                    }
                }
            }
        }
    }

    /** Flushes. */
    @Override
    public void close() {
        flush();
    }

    private void deleteFromStore(LocalDate day) {
        try {
            store.delete(day);
        } catch (RuntimeException e) {
            LOGGER.error("TLS report day {} could not be deleted from the store", day, e);
        }
    }

    private void load() {
        List<LocalDate> stored;
        try {
            stored = store.days();
        } catch (RuntimeException e) {
            LOGGER.error("TLS report store could not be listed; starting with no counts", e);
            return;
        }
        for (LocalDate day : stored) {
            try {
                store.load(day).ifPresent(this::restore);
            } catch (RuntimeException e) {
                LOGGER.error("TLS report counts for {} could not be loaded", day, e);
            }
        }
    }

    private void restore(StoredDay stored) {
        DayState state = new DayState(stored.day());
        if (stored.closed()) {
            state.closed = true;
            stored.pending().forEach(report -> state.pending.put(report.domain(), report));
            if (lastClosedDay == null || stored.day().isAfter(lastClosedDay)) {
                lastClosedDay = stored.day();
            }
        } else {
            stored.tallies().forEach(state::restore);
        }
        days.put(stored.day(), state);
    }

    private void notCounted(TlsOutcome outcome, String reason) {
        uncounted.incrementAndGet();
        LOGGER.debug("TLS outcome not counted for the TLS report ({}): {}", reason, outcome.toLogLine());
    }

    /** RFC 8460 §4.1: reports cover UTC days. */
    static LocalDate utcDay(Instant at) {
        return LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), 86_400L));
    }

    private static boolean isReported(TlsOutcome outcome) {
        // a DANE session is reported whether or not the domain also has an MTA-STS policy (RFC 8460 §4.4: tlsa)
        return outcome.isDane() || outcome.mode() != Mode.NONE
                || outcome.failure().map(ResultType::isPolicyFailure).orElse(false);
    }

    private static Optional<String> address(Optional<InetAddress> address) {
        return address.map(InetAddress::getHostAddress);
    }

    private final class DayState {
        final LocalDate day;
        final ConcurrentHashMap<String, DomainState> domains = new ConcurrentHashMap<>();
        /** By domain; changed under the write lock only. */
        final Map<String, PendingReport> pending = new ConcurrentHashMap<>();
        final AtomicBoolean dirty = new AtomicBoolean();
        final AtomicBoolean overflowLogged = new AtomicBoolean();
        volatile boolean closed;

        DayState(LocalDate day) {
            this.day = day;
        }

        void count(String domain, TlsOutcome outcome) {
            DomainState domainState = domains.get(domain);
            if (domainState == null) {
                if (domains.size() >= limits.domainsPerDay()) {
                    overflow(outcome, "more than " + limits.domainsPerDay() + " policy domains");
                    return;
                }
                domainState = domains.computeIfAbsent(domain, name -> new DomainState());
            }
            ReportedPolicy reportedPolicy = ReportedPolicy.of(outcome);
            PolicyKey key = PolicyKey.of(reportedPolicy);
            PolicyState policyState = domainState.policies.get(key);
            if (policyState == null) {
                if (domainState.policies.size() >= limits.policiesPerDomain()) {
                    overflow(outcome, "more than " + limits.policiesPerDomain() + " policies for " + domain);
                    return;
                }
                policyState = domainState.policies.computeIfAbsent(key,
                        k -> new PolicyState(reportedPolicy));
            }
            Optional<ResultType> failure = outcome.failure();
            if (failure.isEmpty()) {
                policyState.successes.increment();
            } else {
                policyState.failed.increment();
                SessionFailure detail = new SessionFailure(failure.get(), address(outcome.sendingMtaIp()),
                        PolicyDomain.normalize(outcome.mxHost()), outcome.receivingMxHelo(), address(outcome.receivingIp()),
                        outcome.failureReasonCode());
                LongAdder sessions = policyState.failures.get(detail);
                if (sessions == null) {
                    if (policyState.failures.size() >= limits.failureDetailsPerPolicy()) {
                        overflow(outcome, "more than " + limits.failureDetailsPerPolicy()
                                + " kinds of failure for " + domain + " (still counted in the total)");
                        markDirty();
                        return;
                    }
                    sessions = policyState.failures.computeIfAbsent(detail, d -> new LongAdder());
                }
                sessions.increment();
            }
            markDirty();
        }

        private void markDirty() {
            if (!dirty.get()) {
                dirty.set(true);
            }
        }

        private void overflow(TlsOutcome outcome, String what) {
            uncounted.incrementAndGet();
            if (overflowLogged.compareAndSet(false, true)) {
                LOGGER.warn("TLS report for {}: {}; further outcomes beyond the limit are not reported that day. "
                        + "First one: {}", day, what, outcome.toLogLine());
            }
        }

        void restore(DomainDayTally tally) {
            DomainState domainState = domains.computeIfAbsent(tally.domain(), name -> new DomainState());
            for (PolicyTally policy : tally.policies()) {
                ReportedPolicy reported = policy.policy();
                PolicyState policyState = domainState.policies.computeIfAbsent(
                        PolicyKey.of(reported), key -> new PolicyState(reported));
                policyState.successes.add(policy.successfulSessions());
                policyState.failed.add(policy.failedSessions());
                for (FailureCount failure : policy.failures()) {
                    policyState.failures.computeIfAbsent(failure.failure(), key -> new LongAdder())
                            .add(failure.sessions());
                }
            }
        }

        List<DomainDayTally> tallies() {
            List<DomainDayTally> tallies = new ArrayList<>();
            domains.forEach((domain, state) -> tallies.add(new DomainDayTally(day, domain, state.tallies())));
            tallies.sort(Comparator.comparing(DomainDayTally::domain));
            return tallies;
        }

        StoredDay snapshot() {
            return new StoredDay(day, closed, closed ? List.of() : tallies(), pendingInOrder());
        }

        private List<PendingReport> pendingInOrder() {
            Map<String, PendingReport> sorted = new LinkedHashMap<>();
            pending.keySet().stream().sorted().forEach(domain -> sorted.put(domain, pending.get(domain)));
            return List.copyOf(sorted.values());
        }
    }

    private static final class PolicyKey {
        private final String policyId;
        private final String text;

        PolicyKey(String policyId, String text) {
            this.policyId = policyId;
            this.text = text;
        }

        /** MTA-STS policies by id and text; a DANE policy by its host and TLSA records. */
        static PolicyKey of(ReportedPolicy policy) {
            return policy.policyType().equals(ReportedPolicy.STS) ? new PolicyKey(policy.policyId(), policy.text())
                    : new PolicyKey(ReportedPolicy.TLSA + " " + String.join(" ", policy.mxHost()), policy.text());
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof PolicyKey)) {
                return false;
            }
            PolicyKey that = (PolicyKey) other;
            return Objects.equals(policyId, that.policyId) && Objects.equals(text, that.text);
        }

        @Override
        public int hashCode() {
            return Objects.hash(policyId, text);
        }
    }

    private static final class DomainState {
        final ConcurrentHashMap<PolicyKey, PolicyState> policies = new ConcurrentHashMap<>();

        List<PolicyTally> tallies() {
            List<PolicyTally> tallies = new ArrayList<>();
            for (PolicyState state : policies.values()) {
                tallies.add(state.tally());
            }
            tallies.sort(Comparator.comparing((PolicyTally tally) -> tally.policy().policyId())
                    .thenComparing(tally -> tally.policy().text()));
            return tallies;
        }
    }

    private static final class PolicyState {
        final ReportedPolicy policy;
        final LongAdder successes = new LongAdder();
        final LongAdder failed = new LongAdder();
        final ConcurrentHashMap<SessionFailure, LongAdder> failures = new ConcurrentHashMap<>();

        PolicyState(ReportedPolicy policy) {
            this.policy = policy;
        }

        PolicyTally tally() {
            List<FailureCount> counts = new ArrayList<>();
            failures.forEach((failure, sessions) -> counts.add(new FailureCount(failure, sessions.sum())));
            counts.sort(FAILURE_ORDER);
            long successful = successes.sum();
            long failedSessions = Math.max(failed.sum(), counts.stream().mapToLong(FailureCount::sessions).sum());
            return new PolicyTally(policy, successful, failedSessions, counts);
        }
    }

    /** A stable order for failure details: by result type, then MX, then addresses. */
    static final Comparator<FailureCount> FAILURE_ORDER = Comparator
            .comparing((FailureCount count) -> count.failure().resultType().wireName())
            .thenComparing(count -> count.failure().receivingMxHostname())
            .thenComparing(count -> count.failure().receivingIp().orElse(""))
            .thenComparing(count -> count.failure().sendingMtaIp().orElse(""))
            .thenComparing(count -> count.failure().receivingMxHelo().orElse(""))
            .thenComparing(count -> count.failure().failureReasonCode().orElse(""));
}
