package dev.mtasts.integration;

import com.google.inject.Module;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.modules.data.MemoryUsersRepositoryModule;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.server.core.configuration.Configuration;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import java.io.File;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * An in-memory James (SMTP only) built by James' own test extension, with a conf directory written by the test and
 * James' DNS replaced by {@link LoopbackDns}. The extension is loaded the production way: from
 * {@code extensions.properties} in that conf directory.
 */
public final class MtaStsJames {

    private MtaStsJames() {
    }

    /** A James started once for the test class. {@code conf} writes the files into the conf directory. */
    public static JamesServerExtension perClass(Consumer<File> conf, DNSService dns) {
        return perClass(conf, dns, binder -> { });
    }

    /** As {@link #perClass(Consumer, DNSService)}, with {@code overrides} over the memory server's modules. */
    public static JamesServerExtension perClass(Consumer<File> conf, DNSService dns, Module overrides) {
        return new JamesServerBuilder<Configuration>(workingDirectory -> {
            conf.accept(new File(workingDirectory, "conf"));
            return Configuration.builder().workingDirectory(workingDirectory).build();
        })
            .server(configuration -> GuiceJamesServer.forConfiguration(configuration)
                .combineWith(MemoryJamesServerMain.SMTP_ONLY_MODULE)
                .combineWith(new MemoryUsersRepositoryModule())
                .overrideWith(binder -> binder.bind(DNSService.class).toInstance(dns))
                .overrideWith(overrides))
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }

    /** Hands James a message over SMTP, as a client on the loopback network (allowed to relay). */
    public static void send(GuiceJamesServer james, String from, String to, String subject) throws MessagingException {
        send(james.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue(), from, to, subject);
    }

    /** Hands a message to the James whose SMTP server listens on {@code port} of 127.0.0.1. */
    public static void send(int port, String from, String to, String subject) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.localhost", "client.test");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("A test message for " + to + ".\n");
        Transport.send(message);
    }
}
