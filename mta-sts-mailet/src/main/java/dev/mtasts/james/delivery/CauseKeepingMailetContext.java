package dev.mtasts.james.delivery;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.HostAddress;
import org.apache.mailet.LookupException;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.ProcessingState;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The mailet context a lane's RemoteDelivery sees. When James gives up on a message after its last retry, its bounce
 * only says "Too many retries"; this context adds the MTA-STS cause of the last attempt — the domain, policy id, each
 * MX host and its RFC 8460 result type — to the bounce text, or to the {@code delivery-error} attribute a bounce
 * processor (such as {@code DSNBounce}) reads. A message whose policy changed is not bounced at all: it moves to
 * another lane. Everything else goes to James' context unchanged.
 */
final class CauseKeepingMailetContext implements MailetContext {

    private final MailetContext context;
    private final Optional<ProcessingState> bounceProcessor;

    CauseKeepingMailetContext(MailetContext context, Optional<ProcessingState> bounceProcessor) {
        this.context = Objects.requireNonNull(context, "context");
        this.bounceProcessor = Objects.requireNonNull(bounceProcessor, "bounceProcessor");
    }

    @Override
    public void bounce(Mail mail, String message) throws MessagingException {
        Optional<DeliveryAttempt> attempt = DeliveryAttempt.currentFor(mail);
        if (attempt.isPresent() && attempt.get().reroute().isPresent()) {
            return; // moves to another lane when the queue item is done
        }
        context.bounce(mail, withCause(mail, message, attempt));
    }

    @Override
    public void bounce(Mail mail, String message, MailAddress bouncer) throws MessagingException {
        Optional<DeliveryAttempt> attempt = DeliveryAttempt.currentFor(mail);
        if (attempt.isPresent() && attempt.get().reroute().isPresent()) {
            return;
        }
        context.bounce(mail, withCause(mail, message, attempt), bouncer);
    }

    private static String withCause(Mail mail, String message, Optional<DeliveryAttempt> attempt) {
        if (attempt.isEmpty()) {
            return message;
        }
        OutcomeAttributes.apply(mail, attempt.get());
        return attempt.get().failureNotice()
            .map(notice -> message.stripTrailing() + "\n\n" + notice + "\n")
            .orElse(message);
    }

    @Override
    public void sendMail(Mail mail, String state) throws MessagingException {
        Optional<DeliveryAttempt> attempt = DeliveryAttempt.currentFor(mail);
        if (attempt.isPresent()) {
            boolean bouncing = bounceProcessor.map(processor -> processor.getValue().equals(state)).orElse(false);
            if (bouncing && attempt.get().reroute().isPresent()) {
                return;
            }
            OutcomeAttributes.apply(mail, attempt.get());
            if (bouncing) {
                keepCause(mail, attempt.get());
            }
        }
        context.sendMail(mail, state);
    }

    private static void keepCause(Mail mail, DeliveryAttempt attempt) {
        attempt.failureSummary().ifPresent(notice -> {
            String jamesError = mail.getAttribute(Bouncer.DELIVERY_ERROR)
                .map(Attribute::getValue)
                .map(AttributeValue::value)
                .map(String::valueOf)
                .orElse("");
            String error = jamesError.isEmpty() ? notice : notice + " (" + jamesError + ")";
            mail.setAttribute(new Attribute(Bouncer.DELIVERY_ERROR, AttributeValue.of(error)));
        });
    }

    // Everything below is James' context, unchanged.

    @Override
    public void sendMail(Mail mail, String state, long delay, TimeUnit unit) throws MessagingException {
        context.sendMail(mail, state, delay, unit);
    }

    @Override
    public void sendMail(Mail mail) throws MessagingException {
        context.sendMail(mail);
    }

    @Override
    public void sendMail(Mail mail, long delay, TimeUnit unit) throws MessagingException {
        context.sendMail(mail, delay, unit);
    }

    @Override
    public void sendMail(MimeMessage message) throws MessagingException {
        context.sendMail(message);
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message)
        throws MessagingException {
        context.sendMail(sender, recipients, message);
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message, String state)
        throws MessagingException {
        context.sendMail(sender, recipients, message, state);
    }

    @Override
    public int getMajorVersion() {
        return context.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return context.getMinorVersion();
    }

    @Override
    public String getServerInfo() {
        return context.getServerInfo();
    }

    @Override
    @Deprecated
    public Iterator<String> getAttributeNames() {
        return context.getAttributeNames();
    }

    @Override
    @Deprecated
    public Object getAttribute(String name) {
        return context.getAttribute(name);
    }

    @Override
    @Deprecated
    public void setAttribute(String name, Object value) {
        context.setAttribute(name, value);
    }

    @Override
    @Deprecated
    public void removeAttribute(String name) {
        context.removeAttribute(name);
    }

    @Override
    @Deprecated
    public void log(String message) {
        context.log(message);
    }

    @Override
    @Deprecated
    public void log(String message, Throwable t) {
        context.log(message, t);
    }

    @Override
    @Deprecated
    public void log(LogLevel level, String message) {
        context.log(level, message);
    }

    @Override
    @Deprecated
    public void log(LogLevel level, String message, Throwable t) {
        context.log(level, message, t);
    }

    @Override
    public MailAddress getPostmaster() {
        return context.getPostmaster();
    }

    @Override
    public boolean isLocalServer(Domain domain) {
        return context.isLocalServer(domain);
    }

    @Override
    @Deprecated
    public boolean isLocalUser(String userAccount) {
        return context.isLocalUser(userAccount);
    }

    @Override
    public boolean isLocalEmail(MailAddress mailAddress) {
        return context.isLocalEmail(mailAddress);
    }

    @Override
    public Collection<MailAddress> localRecipients(Collection<MailAddress> recipients) {
        return context.localRecipients(recipients);
    }

    @Override
    @Deprecated
    public Collection<String> getMailServers(Domain domain) {
        return context.getMailServers(domain);
    }

    @Override
    @Deprecated
    public Iterator<HostAddress> getSMTPHostAddresses(Domain domain) {
        return context.getSMTPHostAddresses(domain);
    }

    @Override
    public List<String> dnsLookup(String name, RecordType type) throws LookupException {
        return context.dnsLookup(name, type);
    }

    @Override
    public org.slf4j.Logger getLogger() {
        return context.getLogger();
    }
}
