package dev.mtasts.james.delivery;

import dev.mtasts.james.config.FailureAction;
import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.policy.Mode;
import dev.mtasts.service.PolicyLookup;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CauseKeepingMailetContextTest {

    private static final String DOMAIN = "example.test";

    private final PolicyWorld world = new PolicyWorld().publish(DOMAIN, "p1", Mode.ENFORCE, "mx.elsewhere.test");
    private DeliveryAttempt attempt;

    @AfterEach
    void endAttempt() {
        if (attempt != null) {
            attempt.end();
        }
    }

    private Mail failedMail(LaneHarness harness) throws Exception {
        Mail mail = FakeMail.builder().name("m").state(Mail.DEFAULT).sender("sender@james.test")
            .recipient("user@" + DOMAIN).build();
        attempt = harness.lane.beginAttempt(mail);
        attempt.policyApplies(DOMAIN, ((PolicyLookup.Applicable) harness.lane.routing().lookup(DOMAIN)).cached());
        attempt.noPermittedMx(List.of("mx1.example.test"));
        return mail;
    }

    @Test
    void jamesBounceTextGainsTheMtaStsCause() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.ENFORCE, FailureAction.DEFER, Map.of());
        Mail mail = failedMail(harness);

        harness.context.bounce(mail, "I'm afraid I wasn't able to deliver your message.\n");

        assertThat(harness.jamesContext.getBouncedMails()).singleElement()
            .satisfies(bounce -> assertThat(bounce.getMessage())
                .startsWith("I'm afraid I wasn't able to deliver your message.")
                .contains("MTA-STS (RFC 8461): no MX host of example.test passed the checks of its policy"
                    + " (policy id p1, mode enforce):")
                .contains("MX mx1.example.test: validation-failure: MX host not permitted by the policy"));
    }

    @Test
    void aBounceProcessorReadsTheCauseAsTheDeliveryError() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.ENFORCE, FailureAction.DEFER,
            Map.of("bounceProcessor", "bounces"));
        Mail mail = failedMail(harness);
        mail.setAttribute(new Attribute(Bouncer.DELIVERY_ERROR,
            AttributeValue.of("Too many retries failure. Bouncing after 3 retries.")));

        harness.context.sendMail(mail, "bounces");

        assertThat(harness.jamesContext.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getState()).isEqualTo("bounces");
            assertThat(String.valueOf(sent.getAttributes().get(Bouncer.DELIVERY_ERROR).getValue().value()))
                .startsWith("MTA-STS (RFC 8461): no MX host of example.test")
                .contains("validation-failure")
                .doesNotContain("\n")
                .endsWith(" (Too many retries failure. Bouncing after 3 retries.)");
            assertThat(sent.getAttributes()).containsKey(OutcomeAttributes.RESULT);
        });
    }

    @Test
    void aBounceWithoutAnMtaStsCauseIsJamesOwn() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.ENFORCE, FailureAction.DEFER, Map.of());
        Mail mail = FakeMail.builder().name("m").state(Mail.DEFAULT).sender("sender@james.test")
            .recipient("user@" + DOMAIN).build();
        attempt = harness.lane.beginAttempt(mail);

        harness.context.bounce(mail, "550 no such user");

        assertThat(harness.jamesContext.getBouncedMails()).singleElement()
            .satisfies(bounce -> assertThat(bounce.getMessage()).isEqualTo("550 no such user"));
    }

    @Test
    void aMessageMovingLanesIsNotBounced() throws Exception {
        LaneHarness harness = new LaneHarness(world, DeliveryRoute.ENFORCE, FailureAction.DEFER,
            Map.of("bounceProcessor", "bounces"));
        Mail mail = failedMail(harness);
        attempt.rerouteTo(DeliveryRoute.TESTING);

        harness.context.bounce(mail, "Too many retries");
        harness.context.sendMail(mail, "bounces");

        assertThat(harness.jamesContext.getBouncedMails()).isEmpty();
        assertThat(harness.jamesContext.getSentMails()).isEmpty();
    }
}
