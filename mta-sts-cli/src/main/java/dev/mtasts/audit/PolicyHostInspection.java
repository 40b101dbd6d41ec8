package dev.mtasts.audit;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What fetching {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} showed, step by step. */
sealed interface PolicyHostInspection {

    /** The policy host's address lookup found nothing, or failed. */
    record NoAddress(String detail, boolean temporary) implements PolicyHostInspection {
    }

    /** No address accepted a connection. */
    record Unreachable(String detail) implements PolicyHostInspection {
    }

    /** Connected, but the TLS handshake failed. */
    record HandshakeFailed(InetAddress address, String detail, boolean versionProblem)
            implements PolicyHostInspection {
    }

    /** TLS is up, but no complete HTTP response came. */
    record HttpFailed(TlsPeer peer, String detail) implements PolicyHostInspection {
    }

    /** A complete HTTP response. */
    record Responded(TlsPeer peer, HttpAnswer answer) implements PolicyHostInspection {
        public Responded {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(answer, "answer");
        }
    }

    /**
     * The parts of the HTTP response that RFC 8461 §3.2 and §3.3 care about.
     *
     * @param contentTypes every {@code Content-Type} header value
     * @param location     the {@code Location} header, for a redirect
     * @param body         the body, read only for status 200 and only up to the size limit
     * @param tooLarge     whether the 200 body was larger than the limit (then {@code body} is empty)
     */
    record HttpAnswer(int status, String reason, List<String> contentTypes, Optional<String> location,
                      Optional<byte[]> body, boolean tooLarge) {
        public HttpAnswer {
            Objects.requireNonNull(reason, "reason");
            contentTypes = List.copyOf(contentTypes);
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(body, "body");
        }
    }
}
