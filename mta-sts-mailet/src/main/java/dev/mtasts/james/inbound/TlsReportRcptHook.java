package dev.mtasts.james.inbound;

import dev.mtasts.james.config.MtaStsSettings;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;

import com.google.inject.Inject;

/**
 * Makes {@code tls-reports@<any James domain>} (RFC 8460 §3 {@code rua=mailto:}) a valid recipient at SMTP although no
 * such user exists. Listed in {@code smtpserver.xml} before {@code ValidRcptHandler}:
 * <pre>{@code <handler class="dev.mtasts.james.inbound.TlsReportRcptHook"/>}</pre>
 * It accepts only that local part at James' own domains and declines everything else, so it opens no relaying; the
 * {@code IsTlsReportRecipient} matcher then hands such mail to {@code TlsReportReceiver} before local delivery.
 */
public final class TlsReportRcptHook implements RcptHook {

    private final String localPart;
    private final LocalDomains localDomains;

    @Inject
    public TlsReportRcptHook(MtaStsSettings settings, LocalDomains localDomains) {
        this.localPart = settings.inbound().localPart();
        this.localDomains = localDomains;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (rcpt.getLocalPart().equalsIgnoreCase(localPart) && localDomains.contains(rcpt.getDomain().asString())) {
            return HookResult.OK;
        }
        return HookResult.DECLINED;
    }
}
