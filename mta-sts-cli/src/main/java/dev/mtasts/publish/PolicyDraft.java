package dev.mtasts.publish;

import dev.mtasts.dns.MxHost;
import dev.mtasts.policy.Mode;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;
import dev.mtasts.policy.PolicyParser;
import dev.mtasts.policy.PolicySyntaxException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A policy for a domain, drafted from its current MX hosts.
 *
 * <p>Which {@code mx} patterns (RFC 8461 §3.2, matched per §4.1):
 * <ul>
 *   <li>Each MX host gets its own exact pattern, in MX preference order, without duplicates.</li>
 *   <li>A wildcard {@code *.parent} replaces the exact names only when at least two MX hosts share the same
 *       parent and that parent lies strictly inside the domain ({@code mx1.mail.example.com} and
 *       {@code mx2.mail.example.com} become {@code *.mail.example.com} for the domain {@code example.com}).
 *       Then every name the wildcard can match is in the owner's own zone, and a third MX under the same
 *       parent needs no policy change.</li>
 *   <li>Never a wildcard over the domain itself ({@code *.example.com} would also admit {@code www} and every
 *       other host of the zone), nor over a name outside the domain (a mail provider's zone, a public suffix):
 *       those MX hosts are always listed exactly.</li>
 * </ul>
 * The draft is checked by the engine's own parser, so what it prints is a policy every sender accepts.
 */
public final class PolicyDraft {

    /** RFC 8461 §3.2 recommends weeks; one week suits a first policy in mode testing. */
    public static final long DEFAULT_MAX_AGE = 604_800;

    private PolicyDraft() {
    }

    /** The {@code mx} patterns for {@code domain}'s MX hosts, by the rules above. */
    public static List<MxPattern> patterns(String domain, List<MxHost> mxHosts) {
        String owner = domain.toLowerCase(Locale.ROOT);
        Set<String> hosts = new LinkedHashSet<>();
        mxHosts.stream().sorted().map(mx -> mx.host().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty())
                .forEach(hosts::add);
        Map<String, Integer> siblings = new LinkedHashMap<>();
        for (String host : hosts) {
            siblings.merge(parent(host), 1, Integer::sum);
        }
        Set<String> patterns = new LinkedHashSet<>();
        for (String host : hosts) {
            String parent = parent(host);
            boolean wildcard = siblings.get(parent) >= 2 && parent.endsWith("." + owner);
            patterns.add(wildcard ? "*." + parent : host);
        }
        List<MxPattern> result = new ArrayList<>();
        patterns.forEach(pattern -> result.add(new MxPattern(pattern)));
        return result;
    }

    /**
     * The policy, as the engine's parser reads it back.
     *
     * @throws PolicySyntaxException when an MX host cannot stand in a policy (e.g. a name with an underscore)
     * @throws IllegalArgumentException for a mode of {@code none} without hosts or a max_age out of range
     */
    public static Policy policy(String domain, List<MxHost> mxHosts, Mode mode, long maxAgeSeconds)
            throws PolicySyntaxException {
        Objects.requireNonNull(mode, "mode");
        Policy draft = new Policy(mode, patterns(domain, mxHosts), maxAgeSeconds);
        return PolicyParser.parse(draft.toString());
    }

    /** {@code mx1.mail.example.com} → {@code mail.example.com}; a single label has the parent {@code ""}. */
    private static String parent(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? "" : host.substring(dot + 1);
    }
}
