package io.pptp4j.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TargetStreamTest {
    private static final TargetStream.Resolver NO_DNS = name -> {
        throw new UnknownHostException(name);
    };

    private static List<String> all(TargetStream s) {
        List<String> l = new ArrayList<>();
        s.forEachRemaining(t -> l.add(t.ip() + ":" + t.port() + (t.hostName() != null ? " (" + t.hostName() + ")" : "")
                + (t.unresolved() != null ? " " + t.unresolved() : "")));
        return l;
    }

    private static List<TargetSpec> specs(String... s) {
        return java.util.Arrays.stream(s).map(TargetSpec::parse).toList();
    }

    @Test
    void everyAddressOnEveryPortInOrder() {
        TargetStream s = new TargetStream(specs("192.0.2.0/31", "198.51.100.9").iterator(), PortList.parse("1723,1724"),
                Exclusions.NONE, NO_DNS);
        assertThat(all(s)).containsExactly("192.0.2.0:1723", "192.0.2.0:1724", "192.0.2.1:1723", "192.0.2.1:1724",
                "198.51.100.9:1723", "198.51.100.9:1724");
    }

    @Test
    void exclusionsAreHonouredAndCounted() {
        TargetStream s = new TargetStream(specs("192.0.2.0/29").iterator(), PortList.parse("1723,1724"),
                Exclusions.of(specs("192.0.2.2/31", "192.0.2.7")), NO_DNS);
        assertThat(all(s)).extracting(x -> x.substring(0, x.indexOf(':'))).containsOnly("192.0.2.0", "192.0.2.1",
                "192.0.2.4", "192.0.2.5", "192.0.2.6").hasSize(10);
        assertThat(s.excluded()).isEqualTo(3);
    }

    @Test
    void namesResolveToEveryAddressAndKeepTheName() {
        TargetStream.Resolver dns = name -> List.of(TargetSpec.literal("203.0.113.5"), TargetSpec.literal("2001:db8::5"));
        TargetStream s = new TargetStream(specs("vpn.example.com").iterator(), PortList.DEFAULT,
                Exclusions.of(specs("2001:db8::5")), dns);
        assertThat(all(s)).containsExactly("203.0.113.5:1723 (vpn.example.com)");
    }

    @Test
    void anUnresolvableNameIsOneTargetWithTheReason() {
        TargetStream s = new TargetStream(specs("nowhere.invalid", "192.0.2.1").iterator(), PortList.parse("1,2"),
                Exclusions.NONE, NO_DNS);
        assertThat(all(s)).containsExactly("nowhere.invalid:1 (nowhere.invalid) cannot resolve nowhere.invalid",
                "192.0.2.1:1", "192.0.2.1:2");
    }

    @Test
    void specsAreTakenOnlyAsTargetsAreNeeded() {
        AtomicInteger taken = new AtomicInteger();
        Iterator<TargetSpec> lazy = new Iterator<>() {
            public boolean hasNext() { return true; }

            public TargetSpec next() {
                taken.incrementAndGet();
                return TargetSpec.parse("10.0.0.0/8");
            }
        };
        TargetStream s = new TargetStream(lazy, PortList.DEFAULT, Exclusions.NONE, NO_DNS);
        for (int i = 0; i < 100_000; i++) s.next();
        assertThat(taken).hasValue(1);
        assertThat(s.next().address()).isEqualTo(TargetSpec.literal("10.1.134.160"));
    }

    @Test
    void endsWithNoSuchElement() {
        TargetStream s = new TargetStream(specs("192.0.2.1").iterator(), PortList.DEFAULT, Exclusions.NONE, NO_DNS);
        s.next();
        assertThat(s.hasNext()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(s::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void anExclusionThatIsANameMustBeResolvedFirst() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Exclusions.of(specs("gw.example.com")))
                .hasMessage("exclusion 'gw.example.com' is a host name: resolve it to addresses first");
    }

}
