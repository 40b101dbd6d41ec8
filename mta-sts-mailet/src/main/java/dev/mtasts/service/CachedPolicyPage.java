package dev.mtasts.service;

import dev.mtasts.cache.CachedPolicy;

import java.util.List;

/** One page of the cached policies, by domain, and how many there are in all. */
public final class CachedPolicyPage {

    private final int total;
    private final int offset;
    private final List<CachedPolicy> policies;

    CachedPolicyPage(int total, int offset, List<CachedPolicy> policies) {
        this.total = total;
        this.offset = offset;
        this.policies = List.copyOf(policies);
    }

    /** How many unexpired policies are cached, on every page. */
    public int total() {
        return total;
    }

    /** The position of the first policy of this page among all, by domain. */
    public int offset() {
        return offset;
    }

    /** This page's policies, by domain. */
    public List<CachedPolicy> policies() {
        return policies;
    }
}
