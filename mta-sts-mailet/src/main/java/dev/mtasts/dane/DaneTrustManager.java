package dev.mtasts.dane;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A JSSE trust manager that authenticates an MX host by DANE (RFC 7672 §3) instead of WebPKI: the handshake
 * fails with a {@link DaneCertificateException} naming the RFC 8460 result type unless {@link DaneAuthenticator}
 * accepts the chain. The verdict, good or bad, goes to {@code verdicts} (for outcomes and reports).
 *
 * <p>It ignores the socket's or engine's host name: the reference names are in the {@link DaneRequirement}.
 * Being an {@link X509ExtendedTrustManager}, JSSE does not add its own endpoint identification on top.
 * Where MTA-STS enforce applies too, the caller checks PKIX as well: both must pass.
 */
public final class DaneTrustManager extends ServerOnlyTrustManager {

    private final DaneRequirement requirement;
    private final Clock clock;
    private final Consumer<DaneVerdict> verdicts;

    public DaneTrustManager(DaneRequirement requirement, Clock clock, Consumer<DaneVerdict> verdicts) {
        this.requirement = Objects.requireNonNull(requirement, "requirement");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        DaneVerdict verdict = DaneAuthenticator.verify(chain, requirement, clock.instant());
        verdicts.accept(verdict);
        if (!verdict.authenticated()) {
            throw new DaneCertificateException(verdict);
        }
    }
}
