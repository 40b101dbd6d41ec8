package dev.mtasts.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

/**
 * Outbound sessions per recipient domain and UTC day, of every lane: who still receives our mail in clear text.
 * At most {@code maxDomainsPerDay} domains are kept per day (sessions to further domains go uncounted here, but
 * still count in the overall figures), so memory stays bounded however many domains James sends to.
 */
final class ClearTextTally {

    private static final int SESSIONS = 0;
    private static final int CLEAR_TEXT = 1;

    private final int maxDomainsPerDay;
    private final ConcurrentHashMap<Long, ConcurrentHashMap<String, AtomicLongArray>> days = new ConcurrentHashMap<>();

    ClearTextTally(int maxDomainsPerDay) {
        this.maxDomainsPerDay = maxDomainsPerDay;
    }

    void record(long epochDay, String domain, boolean encrypted) {
        AtomicLongArray counts = counts(epochDay, domain);
        if (counts != null) {
            counts.incrementAndGet(SESSIONS);
            if (!encrypted) {
                counts.incrementAndGet(CLEAR_TEXT);
            }
        }
    }

    void add(long epochDay, DomainSessions sessions) {
        AtomicLongArray counts = counts(epochDay, sessions.domain());
        if (counts != null) {
            counts.addAndGet(SESSIONS, sessions.sessions());
            counts.addAndGet(CLEAR_TEXT, sessions.clearTextSessions());
        }
    }

    private AtomicLongArray counts(long epochDay, String domain) {
        ConcurrentHashMap<String, AtomicLongArray> day = days.computeIfAbsent(epochDay, d -> new ConcurrentHashMap<>());
        AtomicLongArray counts = day.get(domain);
        if (counts != null) {
            return counts;
        }
        if (day.size() >= maxDomainsPerDay) {
            return null;
        }
        return day.computeIfAbsent(domain, d -> new AtomicLongArray(2));
    }

    /** The domains with the most clear-text sessions from {@code fromDay} on, most first, at most {@code limit}. */
    List<DomainSessions> top(long fromDay, int limit) {
        Map<String, long[]> sums = new HashMap<>();
        days.forEach((day, domains) -> {
            if (day >= fromDay) {
                domains.forEach((domain, counts) -> {
                    long[] sum = sums.computeIfAbsent(domain, d -> new long[2]);
                    sum[SESSIONS] += counts.get(SESSIONS);
                    sum[CLEAR_TEXT] += counts.get(CLEAR_TEXT);
                });
            }
        });
        return sums.entrySet().stream()
                .filter(entry -> entry.getValue()[CLEAR_TEXT] > 0)
                .map(entry -> new DomainSessions(entry.getKey(), entry.getValue()[SESSIONS],
                        entry.getValue()[CLEAR_TEXT]))
                .sorted(Comparator.comparingLong(DomainSessions::clearTextSessions).reversed()
                        .thenComparing(DomainSessions::domain))
                .limit(limit)
                .collect(Collectors.toUnmodifiableList());
    }

    void dropBefore(long oldestDay) {
        days.keySet().removeIf(day -> day < oldestDay);
    }

    List<DomainDaySessions> snapshot() {
        List<DomainDaySessions> all = new ArrayList<>();
        days.forEach((day, domains) -> domains.forEach((domain, counts) -> all.add(new DomainDaySessions(day,
                new DomainSessions(domain, counts.get(SESSIONS), counts.get(CLEAR_TEXT))))));
        all.sort(Comparator.comparingLong(DomainDaySessions::epochDay)
                .thenComparing(entry -> entry.sessions().domain()));
        return all;
    }
}
