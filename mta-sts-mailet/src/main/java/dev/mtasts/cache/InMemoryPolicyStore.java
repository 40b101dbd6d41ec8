package dev.mtasts.cache;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** A store that forgets everything on restart: for tests and for nodes that want no files. */
public final class InMemoryPolicyStore implements PolicyStore {

    private final ConcurrentHashMap<String, CachedPolicy> policies = new ConcurrentHashMap<>();

    @Override
    public Optional<CachedPolicy> get(String domain) {
        return Optional.ofNullable(policies.get(domain));
    }

    @Override
    public void put(CachedPolicy policy) {
        policies.put(policy.domain(), policy);
    }

    @Override
    public void remove(String domain) {
        policies.remove(domain);
    }

    @Override
    public List<CachedPolicy> all() {
        return policies.values().stream().sorted(Comparator.comparing(CachedPolicy::domain))
                .collect(Collectors.toUnmodifiableList());
    }
}
