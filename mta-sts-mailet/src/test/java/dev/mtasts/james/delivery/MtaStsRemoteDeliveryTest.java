package dev.mtasts.james.delivery;

import dev.mtasts.james.config.LookupFailureAction;
import dev.mtasts.james.config.MtaStsSettingsParser;
import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.james.routing.PolicyRouting;
import dev.mtasts.policy.Mode;
import dev.mtasts.service.PolicyService;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.mail.MessagingException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MtaStsRemoteDeliveryTest {

    private final PolicyWorld world = new PolicyWorld()
        .publish("enforcing.test", "e1", Mode.ENFORCE, "mx.enforcing.test")
        .publish("testing.test", "t1", Mode.TESTING, "mx.testing.test")
        .publish("none.test", "n1", Mode.NONE)
        .unreachable("unreachable.test");
    private final RecordingMailQueues queues = new RecordingMailQueues();
    private final PolicyService policies = world.newService();
    private MtaStsRemoteDelivery mailet;

    /** The policies the server already knows, as it would after earlier deliveries or the background refresh. */
    private void cached(String... domains) {
        for (String domain : domains) {
            policies.policyFor(domain);
        }
    }

    private MtaStsRemoteDelivery mailet(LookupFailureAction onLookupFailure, String... parameters)
        throws MessagingException {
        Collaborators.RecordedOutcomes outcomes = new Collaborators.RecordedOutcomes();
        mailet = new MtaStsRemoteDelivery(new Collaborators.FakeDnsService(), Collaborators.domainList(), queues,
            new RecordingMetricFactory(), new PolicyRouting(policies, onLookupFailure),
            MtaStsSettingsParser.defaults(Path.of("/james"), Path.of("/james/var")), outcomes.recorder(),
            Collaborators.mxTls(), Clock.systemUTC(), RemoteDelivery.ThreadState.DO_NOT_START_THREADS);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder()
            .mailetName("RemoteDelivery")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("outgoing", "out")
            .setProperty("heloName", "james.test");
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    @AfterEach
    void destroy() {
        if (mailet != null) {
            mailet.destroy();
        }
    }

    @Test
    void eachRecipientDomainGoesToTheLaneOfItsCachedPolicy() throws Exception {
        cached("enforcing.test", "testing.test", "none.test", "unreachable.test");
        // unreachable.test: nothing could be cached, so the standard lane looks it up again when it delivers.
        Mail mail = FakeMail.builder().name("m1").sender("sender@james.test")
            .recipients("a@enforcing.test", "b@testing.test", "c@none.test", "d@plain.test", "e@unreachable.test",
                "f@enforcing.test")
            .build();

        mailet(LookupFailureAction.ENFORCE).service(mail);

        assertThat(queues.enqueued("out")).extracting(RecordingMailQueues.Enqueued::recipients)
            .containsExactlyInAnyOrder(List.of("c@none.test"), List.of("d@plain.test"),
                List.of("e@unreachable.test"));
        assertThat(queues.enqueued("out-mta-sts-testing")).extracting(RecordingMailQueues.Enqueued::recipients)
            .containsExactly(List.of("b@testing.test"));
        assertThat(queues.enqueued("out-mta-sts-enforce")).extracting(RecordingMailQueues.Enqueued::recipients)
            .containsExactly(List.of("a@enforcing.test", "f@enforcing.test"));
        assertThat(queues.enqueued("out-mta-sts-enforce")).extracting(RecordingMailQueues.Enqueued::name)
            .containsExactly("m1-to-enforcing.test");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(mail.getName()).isEqualTo("m1");
    }

    @Test
    void aMessageSayingTlsRequiredNoGoesTheStandardWay() throws Exception {
        // RFC 8689 §4.1, RFC 8460 §5.3: TLS reports must get through a broken TLS set-up.
        javax.mail.internet.MimeMessage message =
            new javax.mail.internet.MimeMessage(javax.mail.Session.getInstance(new java.util.Properties()));
        message.setHeader("TLS-Required", "No");
        message.setText("report");
        Mail mail = FakeMail.builder().name("m3").mimeMessage(message)
            .recipients("a@enforcing.test", "b@testing.test").build();

        mailet(LookupFailureAction.ENFORCE).service(mail);

        assertThat(queues.enqueued("out")).extracting(RecordingMailQueues.Enqueued::recipients)
            .containsExactlyInAnyOrder(List.of("a@enforcing.test"), List.of("b@testing.test"));
        assertThat(queues.enqueued("out-mta-sts-enforce")).isEmpty();
        assertThat(queues.enqueued("out-mta-sts-testing")).isEmpty();
    }

    @Test
    void aDomainWithNothingCachedTakesTheStandardLaneWithoutALookup() throws Exception {
        Mail mail = FakeMail.builder().name("m4").recipients("a@enforcing.test", "b@testing.test").build();

        mailet(LookupFailureAction.ENFORCE).service(mail);

        // The standard lane's DNS looks the policy up on its delivery thread and moves the message before it
        // connects anywhere (PolicyAwareDnsServiceTest); the spool's thread waits for no DNS or HTTPS.
        assertThat(queues.enqueued("out")).extracting(RecordingMailQueues.Enqueued::recipients)
            .containsExactlyInAnyOrder(List.of("a@enforcing.test"), List.of("b@testing.test"));
        assertThat(policies.status("enforcing.test")).isEmpty();
        assertThat(policies.status("testing.test")).isEmpty();
    }

    @Test
    void aNewDeliveryStartsWithNoLaneMovesAndNoTestingMark() throws Exception {
        // A bounce is a copy of the bounced mail, attributes included: its own delivery starts afresh.
        Mail mail = FakeMail.builder().name("m5").recipient("a@nopolicy.test").build();
        LaneMoves.increment(mail);
        TestingFallback.mark(mail);

        mailet(LookupFailureAction.ENFORCE).service(mail);

        assertThat(LaneMoves.of(mail)).isZero();
        assertThat(TestingFallback.isMarked(mail)).isFalse();
    }

    @Test
    void anUnanswerableLookupGoesTheStandardWayWhenConfiguredSo() throws Exception {
        Mail mail = FakeMail.builder().name("m2").recipients("e@unreachable.test").build();

        mailet(LookupFailureAction.NO_POLICY).service(mail);

        assertThat(queues.enqueued("out")).extracting(RecordingMailQueues.Enqueued::recipients)
            .containsExactly(List.of("e@unreachable.test"));
        assertThat(queues.enqueued("out-mta-sts-enforce")).isEmpty();
    }

    @Test
    void theDefaultQueueIsJamesDefault() throws Exception {
        Mail mail = FakeMail.builder().name("m3").recipients("a@enforcing.test", "d@plain.test").build();
        cached("enforcing.test");
        Collaborators.RecordedOutcomes outcomes = new Collaborators.RecordedOutcomes();
        mailet = new MtaStsRemoteDelivery(new Collaborators.FakeDnsService(), Collaborators.domainList(), queues,
            new RecordingMetricFactory(), new PolicyRouting(policies, LookupFailureAction.ENFORCE),
            MtaStsSettingsParser.defaults(Path.of("/james"), Path.of("/james/var")), outcomes.recorder(),
            Collaborators.mxTls(), Clock.systemUTC(), RemoteDelivery.ThreadState.DO_NOT_START_THREADS);
        mailet.init(FakeMailetConfig.builder().mailetName("RemoteDelivery")
            .mailetContext(FakeMailContext.defaultContext()).setProperty("heloName", "james.test").build());

        mailet.service(mail);

        assertThat(queues.enqueued("outgoing")).hasSize(1);
        assertThat(queues.enqueued("outgoing-mta-sts-enforce")).hasSize(1);
    }

    @Test
    void everyLaneQueueExistsBeforeAnyLaneStartsDelivering() throws Exception {
        Collaborators.RecordedOutcomes outcomes = new Collaborators.RecordedOutcomes();
        mailet = new MtaStsRemoteDelivery(new Collaborators.FakeDnsService(), Collaborators.domainList(), queues,
            new RecordingMetricFactory(), new PolicyRouting(world.newService(), LookupFailureAction.ENFORCE),
            MtaStsSettingsParser.defaults(Path.of("/james"), Path.of("/james/var")), outcomes.recorder(),
            Collaborators.mxTls(), Clock.systemUTC(), RemoteDelivery.ThreadState.START_THREADS);

        mailet.init(FakeMailetConfig.builder().mailetName("RemoteDelivery")
            .mailetContext(FakeMailContext.defaultContext()).setProperty("outgoing", "out")
            .setProperty("heloName", "james.test").build());

        // A lane starts delivering by subscribing to its queue: by then, any lane may reroute to any other.
        assertThat(queues.queuesAtDequeue()).hasSize(4).allSatisfy(existing -> assertThat(existing)
            .containsExactlyInAnyOrder("out", "out-mta-sts-testing", "out-mta-sts-enforce", "out-mta-sts-dane"));
    }

    @Test
    void aGatewayIsRefused() {
        assertThatThrownBy(() -> mailet(LookupFailureAction.ENFORCE, "gateway", "relay.james.test"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("gateway");
    }

    @Test
    void anUnknownFailureActionIsRefused() {
        assertThatThrownBy(() -> mailet(LookupFailureAction.ENFORCE, "failureAction", "drop"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("failureAction must be defer or reject, was drop");
    }
}
