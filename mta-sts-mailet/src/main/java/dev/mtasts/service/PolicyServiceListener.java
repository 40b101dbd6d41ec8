package dev.mtasts.service;

import dev.mtasts.outcome.ResultType;

import java.util.Optional;

/**
 * Hears what the {@link PolicyService} does, for metrics and operators' figures: answers served from the cache, answers
 * that needed DNS, and policy fetches with their outcome. Every method does nothing by default.
 *
 * <p>Called on the caller's thread. {@link #onCacheHit()} is on the hot path of every delivery: an implementation
 * must not allocate or block there (a counter increment is fine). A listener that throws is logged and ignored.
 */
public interface PolicyServiceListener {

    /** The listener that hears nothing. */
    PolicyServiceListener NONE = new PolicyServiceListener() {
    };

    /** An answer was served from the cache within the re-check grace, with no I/O. */
    default void onCacheHit() {
    }

    /** No fresh answer was cached: the TXT record is looked up (and the policy fetched if needed). */
    default void onCacheMiss() {
    }

    /**
     * A policy fetch for {@code domain} begins; the returned watch is told how it ended.
     *
     * @return the watch, never null
     */
    default FetchWatch onFetchStarted(String domain) {
        return FetchWatch.NONE;
    }

    /** Follows one policy fetch. */
    @FunctionalInterface
    interface FetchWatch {

        FetchWatch NONE = failure -> {
        };

        /** The fetch ended: with a policy when {@code failure} is empty, else with that RFC 8460 result type. */
        void ended(Optional<ResultType> failure);
    }
}
