package io.pptp4j.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetSpecTest {

    private static InetAddress ip(String s) {
        return TargetSpec.literal(s);
    }

    private static List<String> all(Iterator<InetAddress> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(a -> l.add(a.getHostAddress()));
        return l;
    }

    @Test
    void parsesAnIpv4Address() {
        assertThat(TargetSpec.parse("192.0.2.7")).isEqualTo(new TargetSpec.Address(ip("192.0.2.7")));
    }

    @Test
    void parsesAnIpv6AddressWithoutLookingItUp() {
        assertThat(TargetSpec.parse("2001:db8::1")).isEqualTo(new TargetSpec.Address(ip("2001:db8::1")));
        assertThat(TargetSpec.parse("[2001:db8::1]")).isEqualTo(new TargetSpec.Address(ip("2001:db8::1")));
    }

    @Test
    void parsesAHostNameAsANameToResolveLater() {
        assertThat(TargetSpec.parse("vpn.example.com")).isEqualTo(new TargetSpec.HostName("vpn.example.com"));
    }

    @Test
    void widensABlockWithHostBitsToItsNetwork() {
        TargetSpec.Block b = (TargetSpec.Block) TargetSpec.parse("192.0.2.77/30");
        assertThat(b.toString()).isEqualTo("192.0.2.76/30");
        assertThat(all(b.addresses())).containsExactly("192.0.2.76", "192.0.2.77", "192.0.2.78", "192.0.2.79");
    }

    @Test
    void walksAnIpv6BlockAcrossAnOctetBoundary() {
        TargetSpec.Block b = (TargetSpec.Block) TargetSpec.parse("2001:db8::fe/126");
        assertThat(b.toString()).isEqualTo("2001:db8:0:0:0:0:0:fc/126");
        assertThat(all(b.addresses())).containsExactly("2001:db8:0:0:0:0:0:fc", "2001:db8:0:0:0:0:0:fd",
                "2001:db8:0:0:0:0:0:fe", "2001:db8:0:0:0:0:0:ff");
        Iterator<InetAddress> it = ((TargetSpec.Block) TargetSpec.parse("2001:db8::ff/127")).addresses();
        it.next();
        assertThat(it.next().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:ff");
    }

    @Test
    void aSlashEightIsWalkedLazily() {
        TargetSpec.Block b = (TargetSpec.Block) TargetSpec.parse("10.0.0.0/8");
        assertThat(b.size()).isEqualTo(BigInteger.valueOf(1 << 24));
        Iterator<InetAddress> it = b.addresses();
        for (int i = 0; i < 256 + 3; i++) it.next();
        assertThat(it.next().getHostAddress()).isEqualTo("10.0.1.3");
        assertThat(((TargetSpec.Block) TargetSpec.parse("0.0.0.0/0")).size()).isEqualTo(BigInteger.ONE.shiftLeft(32));
        assertThat(((TargetSpec.Block) TargetSpec.parse("2001:db8::/32")).size()).isEqualTo(BigInteger.ONE.shiftLeft(96));
    }

    @Test
    void theLastAddressOfTheSpaceEndsTheWalk() {
        assertThat(all(((TargetSpec.Block) TargetSpec.parse("255.255.255.254/31")).addresses()))
                .containsExactly("255.255.255.254", "255.255.255.255");
    }

    @Test
    void blocksContainTheirAddressesOnly() {
        TargetSpec.Block b = (TargetSpec.Block) TargetSpec.parse("198.51.100.0/25");
        assertThat(b.contains(ip("198.51.100.127"))).isTrue();
        assertThat(b.contains(ip("198.51.100.128"))).isFalse();
        assertThat(b.contains(ip("2001:db8::1"))).isFalse();
        assertThat(((TargetSpec.Block) TargetSpec.parse("0.0.0.0/0")).contains(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void rejectsAPrefixLengthOutOfRange() {
        assertThatThrownBy(() -> TargetSpec.parse("192.0.2.0/33"))
                .hasMessage("'192.0.2.0/33': prefix length must be 0 to 32, found '33'");
        assertThatThrownBy(() -> TargetSpec.parse("2001:db8::/129"))
                .hasMessage("'2001:db8::/129': prefix length must be 0 to 128, found '129'");
        assertThatThrownBy(() -> TargetSpec.parse("192.0.2.0/+8"))
                .hasMessage("'192.0.2.0/+8': prefix length must be 0 to 32, found '+8'");
    }

    @Test
    void rejectsAnOctetOver255() {
        assertThatThrownBy(() -> TargetSpec.parse("192.0.2.256")).hasMessage("'192.0.2.256': octet 256 is over 255");
    }

    @Test
    void rejectsABlockOfAName() {
        assertThatThrownBy(() -> TargetSpec.parse("vpn.example.com/24"))
                .hasMessage("'vpn.example.com/24': a CIDR block needs an address before '/', found 'vpn.example.com'");
    }

    @Test
    void rejectsTextThatIsNoTarget() {
        assertThatThrownBy(() -> TargetSpec.parse("vpn!example")).hasMessage("'vpn!example' is not an address, a CIDR block or a host name");
        assertThatThrownBy(() -> TargetSpec.parse("http://x")).hasMessage("'http://x': a CIDR block needs an address before '/', found 'http:'");
        assertThatThrownBy(() -> TargetSpec.parse(" ")).hasMessage("empty target");
    }
}
