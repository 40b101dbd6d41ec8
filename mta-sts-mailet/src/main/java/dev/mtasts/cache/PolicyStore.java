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

    /**
     * Makes the next {@link #all()} quick again after many changes (a store that keeps an index or a snapshot);
     * called now and then from a background thread. Returns whether it did any work; by default there is none.
     */
    default boolean checkpoint() {
        return false;
    }
}
