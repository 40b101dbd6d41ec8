package dev.mtasts.james.tls;

import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.ResultType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns what one delivery attempt's sessions show into {@link OutboundSession}s, one per session that carried the
 * message, whatever the lane ({@link SessionClassification}). James delivers an attempt on one thread and tries its
 * MX hosts one after the other, so the facts of the current session — the certificate verdict, then the completed
 * handshake — are simply the latest ones.
 */
public final class SessionRecorder implements MxTlsObserver {

    private static final Logger LOGGER = LoggerFactory.getLogger(SessionRecorder.class);

    private final String lane;
    private final String domain;
    private final Consumer<OutboundSession> sink;
    private final Clock clock;
    private Optional<ResultType> certificateFailure = Optional.of(ResultType.VALIDATION_FAILURE);
    private Optional<EstablishedTls> established = Optional.empty();

    /**
     * @param lane   the lane's label ({@code standard}, {@code testing}, {@code enforce})
     * @param domain the recipient domain of the attempt
     * @param sink   where each session goes (the outcome recorder)
     */
    public SessionRecorder(String lane, String domain, Consumer<OutboundSession> sink, Clock clock) {
        this.lane = Objects.requireNonNull(lane, "lane");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void ehloReplied(MxConnection connection, String ehloName, boolean startTlsOffered) {
        // A new connection: nothing of an earlier session applies to it.
        certificateFailure = Optional.of(ResultType.VALIDATION_FAILURE);
        established = Optional.empty();
    }

    @Override
    public void certificateVerified(MxConnection connection, Optional<TlsFailure> failure, String sessionDetail) {
        certificateFailure = failure.map(TlsFailure::type);
    }

    @Override
    public void tlsEstablished(MxConnection connection, String protocol, String cipherSuite) {
        established = Optional.of(new EstablishedTls(protocol, cipherSuite, certificateFailure));
        certificateFailure = Optional.of(ResultType.VALIDATION_FAILURE);
    }

    @Override
    public void messageStarted(MxConnection connection, boolean overTls) {
        String mxHost = MxTlsScope.current().map(scope -> scope.mxHostNames().nameOf(connection.mxHost()))
            .orElse(connection.mxHost());
        Optional<OutboundSession> session = SessionClassification.classify(lane, clock.instant(), domain, mxHost,
            overTls, overTls ? established : Optional.empty());
        if (session.isEmpty()) {
            LOGGER.warn("MTA-STS: a TLS session with {} for {} began without a handshake seen; not counted", mxHost,
                domain);
            return;
        }
        LOGGER.debug("MTA-STS session {}", session.get());
        sink.accept(session.get());
    }
}
