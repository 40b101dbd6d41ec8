package dev.mtasts.report;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A mail transport that keeps what it is given, and refuses recipients the test names. */
final class RecordingMailTransport implements MailReportTransport {

    private final List<TlsReportMail> sent = new CopyOnWriteArrayList<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    @Override
    public void send(TlsReportMail mail) throws ReportDeliveryException {
        if (refused.contains(mail.recipient())) {
            throw new ReportDeliveryException("queue refused " + mail.recipient() + " (test)");
        }
        sent.add(mail);
    }

    void refuse(String recipient) {
        refused.add(recipient);
    }

    void accept(String recipient) {
        refused.remove(recipient);
    }

    List<TlsReportMail> sent() {
        return List.copyOf(sent);
    }
}
