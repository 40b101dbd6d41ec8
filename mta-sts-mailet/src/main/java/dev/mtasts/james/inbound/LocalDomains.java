package dev.mtasts.james.inbound;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Inject;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** James' own domains, asked of its {@link DomainList} at each use (domains added through WebAdmin count at once). */
public final class LocalDomains {

    private static final Logger LOGGER = LoggerFactory.getLogger(LocalDomains.class);

    private final DomainList domainList;

    @Inject
    public LocalDomains(DomainList domainList) {
        this.domainList = domainList;
    }

    /** Lower-case names; empty when the domain list cannot be read (logged). */
    public Set<String> all() {
        Set<String> names = new TreeSet<>();
        try {
            for (Domain domain : domainList.getDomains()) {
                names.add(domain.asString().toLowerCase(Locale.ROOT));
            }
        } catch (DomainListException | RuntimeException e) {
            LOGGER.warn("James' domain list cannot be read: {}", e.toString());
        }
        return names;
    }

    public boolean contains(String domain) {
        try {
            return domainList.containsDomain(Domain.of(domain));
        } catch (DomainListException | RuntimeException e) {
            LOGGER.warn("James' domain list cannot be read: {}", e.toString());
            return false;
        }
    }
}
