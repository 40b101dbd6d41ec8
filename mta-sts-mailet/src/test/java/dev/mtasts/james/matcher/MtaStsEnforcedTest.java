package dev.mtasts.james.matcher;

import dev.mtasts.james.config.LookupFailureAction;
import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.james.routing.PolicyRouting;
import dev.mtasts.policy.Mode;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.mail.MessagingException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MtaStsEnforcedTest {

    private static final String ENFORCING = "enforcing.test";
    private static final String TESTING = "testing.test";
    private static final String NONE = "none.test";
    private static final String UNPUBLISHED = "unpublished.test";
    private static final String UNREACHABLE = "unreachable.test";

    private final PolicyWorld world = new PolicyWorld()
        .publish(ENFORCING, "e1", Mode.ENFORCE, "mx.enforcing.test")
        .publish(TESTING, "t1", Mode.TESTING, "mx.testing.test")
        .publish(NONE, "n1", Mode.NONE)
        .unreachable(UNREACHABLE);

    private MtaStsEnforced matcher(String condition, LookupFailureAction onLookupFailure) throws MessagingException {
        MtaStsEnforced matcher = new MtaStsEnforced(new PolicyRouting(world.newService(), onLookupFailure));
        matcher.init(FakeMatcherConfig.builder()
            .matcherName("MtaStsEnforced")
            .condition(condition)
            .build());
        return matcher;
    }

    private static Mail mailTo(String... domains) throws MessagingException {
        FakeMail.Builder mail = FakeMail.builder().name("mail").sender("sender@james.test");
        for (String domain : domains) {
            mail.recipient("user@" + domain);
        }
        return mail.build();
    }

    static Stream<Arguments> conditions() {
        return Stream.of(
            Arguments.of("no condition means enforce", null, new String[]{ENFORCING, UNREACHABLE}),
            Arguments.of("enforce", "enforce", new String[]{ENFORCING, UNREACHABLE}),
            Arguments.of("testing", "testing", new String[]{TESTING}),
            Arguments.of("both", "enforce,testing", new String[]{ENFORCING, TESTING, UNREACHABLE}),
            Arguments.of("both, spaced and upper case", " Testing , ENFORCE ",
                new String[]{ENFORCING, TESTING, UNREACHABLE}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void matchesTheRecipientsWhoseDomainHasAPolicyInTheGivenModes(String name, String condition, String[] expected)
        throws Exception {
        Mail mail = mailTo(ENFORCING, TESTING, NONE, UNPUBLISHED, UNREACHABLE);

        assertThat(matcher(condition, LookupFailureAction.ENFORCE).match(mail))
            .extracting(address -> address.getDomain().asString())
            .containsExactlyInAnyOrder(expected);
    }

    @Test
    void anUnanswerableLookupCountsAsNoPolicyWhenConfiguredSo() throws Exception {
        Mail mail = mailTo(ENFORCING, UNREACHABLE);

        assertThat(matcher("enforce,testing", LookupFailureAction.NO_POLICY).match(mail))
            .extracting(address -> address.getDomain().asString())
            .containsExactly(ENFORCING);
    }

    @Test
    void everyRecipientOfAMatchingDomainIsMatched() throws Exception {
        Mail mail = FakeMail.builder().name("mail")
            .recipients("a@" + ENFORCING, "b@" + UNPUBLISHED, "c@" + ENFORCING.toUpperCase())
            .build();

        assertThat(matcher("enforce", LookupFailureAction.ENFORCE).match(mail))
            .containsExactly(new MailAddress("a@" + ENFORCING), new MailAddress("c@" + ENFORCING.toUpperCase()));
    }

    @Test
    void aMailWithoutPolicyDomainsMatchesNobody() throws Exception {
        assertThat(matcher("enforce,testing", LookupFailureAction.ENFORCE).match(mailTo(NONE, UNPUBLISHED)))
            .isEmpty();
    }

    @ParameterizedTest(name = "condition \"{0}\"")
    @ValueSource(strings = {"none", "enforce,none", "strict", "enforce;testing", "enforce,"})
    void anUnknownModeStopsStartUp(String condition) {
        assertThatThrownBy(() -> matcher(condition, LookupFailureAction.ENFORCE))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("enforce and/or testing");
    }
}
