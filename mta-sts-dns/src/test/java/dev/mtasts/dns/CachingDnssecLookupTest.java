package dev.mtasts.dns;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** TLSA and MX answers are kept for their TTL (capped), in a bounded table; failures are never kept. */
class CachingDnssecLookupTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private final List<String> asked = new ArrayList<>();
    private DnssecAnswer<TlsaRecord> next = DnssecAnswer.secure(
            List.of(TlsaRecord.parse("3 1 1 00")), Duration.ofSeconds(300), "secure");

    private final DnssecLookup counting = new DnssecLookup() {
        @Override
        public DnssecAnswer<TlsaRecord> tlsa(String host) {
            asked.add("TLSA " + host);
            return next;
        }

        @Override
        public DnssecAnswer<MxHost> mx(String domain) {
            asked.add("MX " + domain);
            return DnssecAnswer.insecure(List.of(new MxHost(10, "mx." + domain)), Duration.ofSeconds(60), "insecure");
        }

        @Override
        public DnssecAnswer<InetAddress> addresses(String host) {
            asked.add("A " + host);
            return DnssecAnswer.failed("not asked here");
        }
    };

    @Test
    void keepsAnAnswerForItsTtl() {
        CachingDnssecLookup cache = new CachingDnssecLookup(counting, clock, 10, Duration.ofHours(1));

        cache.tlsa("mx.dane.test");
        now.set(now.get().plusSeconds(299));
        cache.tlsa("MX.dane.test.");
        now.set(now.get().plusSeconds(1));
        cache.tlsa("mx.dane.test");

        assertThat(asked).containsExactly("TLSA mx.dane.test", "TLSA mx.dane.test");
    }

    @Test
    void capsTheTtl() {
        next = DnssecAnswer.secure(List.of(TlsaRecord.parse("3 1 1 00")), Duration.ofDays(2), "secure");
        CachingDnssecLookup cache = new CachingDnssecLookup(counting, clock, 10, Duration.ofMinutes(10));

        cache.tlsa("mx.dane.test");
        now.set(now.get().plus(Duration.ofMinutes(10)));
        cache.tlsa("mx.dane.test");

        assertThat(asked).hasSize(2);
    }

    @Test
    void neverKeepsAFailure() {
        next = DnssecAnswer.failed("SERVFAIL");
        CachingDnssecLookup cache = new CachingDnssecLookup(counting, clock, 10, Duration.ofHours(1));

        cache.tlsa("mx.dane.test");
        cache.tlsa("mx.dane.test");

        assertThat(asked).hasSize(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void keepsMxAnswersWithTheirStatus() {
        CachingDnssecLookup cache = new CachingDnssecLookup(counting, clock, 10, Duration.ofHours(1));

        DnssecAnswer<MxHost> first = cache.mx("dane.test");
        DnssecAnswer<MxHost> second = cache.mx("dane.test");

        assertThat(second).isSameAs(first).isInstanceOf(DnssecAnswer.Insecure.class);
        assertThat(asked).containsExactly("MX dane.test");
    }

    @Test
    void isBounded() {
        CachingDnssecLookup cache = new CachingDnssecLookup(counting, clock, 3, Duration.ofHours(1));

        for (int i = 0; i < 10; i++) {
            cache.tlsa("mx" + i + ".dane.test");
        }
        cache.tlsa("mx0.dane.test");

        assertThat(cache.size()).isEqualTo(3);
        assertThat(asked).hasSize(11);
    }
}
