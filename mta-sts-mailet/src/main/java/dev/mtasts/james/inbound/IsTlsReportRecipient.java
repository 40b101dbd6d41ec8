package dev.mtasts.james.inbound;

import dev.mtasts.james.config.MtaStsSettings;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import com.google.inject.Inject;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Matches the recipients that are the TLS report address ({@code reports.inbound.localPart}, {@code tls-reports} by
 * default) at one of James' own domains:
 * <pre>{@code <mailet match="dev.mtasts.james.inbound.IsTlsReportRecipient"
 *         class="dev.mtasts.james.inbound.TlsReportReceiver"/>}</pre>
 */
public final class IsTlsReportRecipient extends GenericMatcher {

    private final String localPart;
    private final LocalDomains localDomains;

    @Inject
    public IsTlsReportRecipient(MtaStsSettings settings, LocalDomains localDomains) {
        this.localPart = settings.inbound().localPart();
        this.localDomains = localDomains;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Set<String> domains = localDomains.all();
        return mail.getRecipients().stream()
            .filter(recipient -> ReportAddress.matches(recipient.getLocalPart(), recipient.getDomain().asString(),
                localPart, domains))
            .collect(Collectors.toUnmodifiableList());
    }
}
