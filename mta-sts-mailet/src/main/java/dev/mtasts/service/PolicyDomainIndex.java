package dev.mtasts.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The domains that hold a cached policy, in domain order, so that listing a page of policies (WebAdmin, the
 * dashboard) does not sort every domain on every request.
 *
 * <p>A sorted array plus the domains added since: a read merges the few new ones in (the array is not sorted again)
 * and drops the domains that no longer hold a policy. The array may still name a domain that lost its policy since
 * the last merge, so a reader checks each domain it lists. What a reader must not miss: a domain is {@link #add}ed
 * only after its policy is in memory.
 */
final class PolicyDomainIndex {

    private static final String[] NONE = new String[0];

    private volatile String[] sorted = NONE;
    private final Set<String> added = ConcurrentHashMap.newKeySet();

    /** Starts over with {@code domains} (any order, no duplicates). */
    synchronized void reset(List<String> domains) {
        String[] fresh = domains.toArray(NONE);
        Arrays.sort(fresh);
        sorted = fresh;
        added.clear();
    }

    /** {@code domain} has a policy now; call after the policy is visible to {@code stillListed} of {@link #read}. */
    void add(String domain) {
        added.add(domain);
    }

    /** The domains in order; those for which {@code stillListed} is false are dropped when new ones are merged. */
    String[] read(Predicate<String> stillListed) {
        String[] current = sorted;
        return added.isEmpty() ? current : merge(stillListed);
    }

    private synchronized String[] merge(Predicate<String> stillListed) {
        List<String> fresh = new ArrayList<>(added);
        added.removeAll(fresh);
        fresh.sort(null);
        String[] old = sorted;
        List<String> merged = new ArrayList<>(old.length + fresh.size());
        int i = 0;
        int j = 0;
        String last = null;
        while (i < old.length || j < fresh.size()) {
            String next;
            if (j == fresh.size() || (i < old.length && old[i].compareTo(fresh.get(j)) <= 0)) {
                next = old[i++];
            } else {
                next = fresh.get(j++);
            }
            if (!next.equals(last) && stillListed.test(next)) {
                merged.add(next);
                last = next;
            }
        }
        String[] result = merged.toArray(NONE);
        sorted = result;
        return result;
    }
}
