package dev.mtasts.james.tls;

import java.util.Objects;
import java.util.Optional;

/** Tells two observers the same things, in order: a policy or DANE lane's attempt and the session records. */
public final class BothObservers implements MxTlsObserver {

    private final MxTlsObserver first;
    private final MxTlsObserver second;

    public BothObservers(MxTlsObserver first, MxTlsObserver second) {
        this.first = Objects.requireNonNull(first, "first");
        this.second = Objects.requireNonNull(second, "second");
    }

    @Override
    public void ehloReplied(MxConnection connection, String ehloName, boolean startTlsOffered) {
        first.ehloReplied(connection, ehloName, startTlsOffered);
        second.ehloReplied(connection, ehloName, startTlsOffered);
    }

    @Override
    public void certificateVerified(MxConnection connection, Optional<TlsFailure> failure, String sessionDetail) {
        first.certificateVerified(connection, failure, sessionDetail);
        second.certificateVerified(connection, failure, sessionDetail);
    }

    @Override
    public void daneChecked(MxConnection connection, Optional<TlsFailure> failure, String sessionDetail) {
        first.daneChecked(connection, failure, sessionDetail);
        second.daneChecked(connection, failure, sessionDetail);
    }

    @Override
    public void tlsEstablished(MxConnection connection, String protocol, String cipherSuite) {
        first.tlsEstablished(connection, protocol, cipherSuite);
        second.tlsEstablished(connection, protocol, cipherSuite);
    }

    @Override
    public void messageStarted(MxConnection connection, boolean overTls) {
        first.messageStarted(connection, overTls);
        second.messageStarted(connection, overTls);
    }
}
