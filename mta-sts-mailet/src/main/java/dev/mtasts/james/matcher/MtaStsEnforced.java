package dev.mtasts.james.matcher;

import dev.mtasts.james.routing.PolicyRouting;
import dev.mtasts.policy.Mode;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import com.google.inject.Inject;
import javax.mail.MessagingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Matches the recipients whose domain publishes an MTA-STS policy (RFC 8461) in one of the given modes:
 * <pre>{@code
 * <mailet match="MtaStsEnforced" ...>                  enforce (the default)
 * <mailet match="MtaStsEnforced=testing" ...>
 * <mailet match="MtaStsEnforced=enforce,testing" ...>
 * }</pre>
 * A recipient domain whose policy cannot be looked up right now (the TXT lookup failed and nothing is cached) counts
 * as {@code enforce} by default, so that it is routed into the safe path; {@code delivery.lookupFailure=no-policy}
 * in {@code mta-sts.properties} makes it count as having no policy instead. The matcher never throws for anything
 * DNS or HTTPS does.
 *
 * <p>Unlike {@code MtaStsRemoteDelivery}, which routes by the cache alone, the matcher looks an uncached domain's
 * policy up on the spool's thread (DNS, then HTTPS, within the engine's timeouts). It has to: it picks the processor
 * a recipient goes to, and nothing downstream would move a recipient of an enforce domain that it let go to a
 * processor with a plain RemoteDelivery, which would be a downgrade. Domains that publish slow policy hosts can
 * hold a spool thread that long; prefer {@code MtaStsRemoteDelivery}, which needs no matcher.
 */
public class MtaStsEnforced extends GenericMatcher {

    private final PolicyRouting routing;
    private Set<Mode> modes;

    @Inject
    public MtaStsEnforced(PolicyRouting routing) {
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    @Override
    public void init() throws MessagingException {
        modes = parseCondition(getCondition());
    }

    static Set<Mode> parseCondition(String condition) throws MessagingException {
        if (condition == null || condition.isBlank()) {
            return EnumSet.of(Mode.ENFORCE);
        }
        Set<Mode> parsed = EnumSet.noneOf(Mode.class);
        for (String item : condition.split(",", -1)) {
            String name = item.trim().toLowerCase(Locale.ROOT);
            Mode mode = Mode.fromWireName(name)
                .filter(candidate -> candidate != Mode.NONE)
                .orElseThrow(() -> new MessagingException("MtaStsEnforced: condition must list enforce and/or"
                    + " testing, comma-separated; got " + condition));
            parsed.add(mode);
        }
        return parsed;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Map<Domain, Boolean> matchedDomains = new HashMap<>();
        List<MailAddress> matched = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            boolean matches = matchedDomains.computeIfAbsent(recipient.getDomain(), this::matches);
            if (matches) {
                matched.add(recipient);
            }
        }
        return matched;
    }

    private boolean matches(Domain domain) {
        Optional<Mode> mode = routing.modeOf(routing.lookup(domain.asString()));
        return mode.map(modes::contains).orElse(false);
    }

    @Override
    public String getMatcherInfo() {
        return "MTA-STS policy mode matcher";
    }
}
