package dev.mtasts.cache;

import java.util.List;
import java.util.Optional;

/**
 * Where cached policies persist. The policy service keeps its own in-memory view in front of the store, so a
 * store is read at start-up and written when a policy changes, never on a delivery's cache hit.
 */
public interface PolicyStore {

    Optional<CachedPolicy> get(String domain);

    void put(CachedPolicy policy);

    void remove(String domain);

    /** Every stored policy, for loading at start-up and for listing. */
    List<CachedPolicy> all();
}
