package io.pptp4j.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortListTest {
    @Test
    void parsesPortsAndRangesInOrderWithoutRepeats() {
        assertThat(PortList.parse("1723,10000-10002, 1723").ports()).containsExactly(1723, 10000, 10001, 10002);
    }

    @Test
    void defaultIsTheControlConnectionPort() {
        assertThat(PortList.DEFAULT.ports()).containsExactly(1723);
    }

    @Test
    void rejectsPortsOutOfRangeAndBackwardRanges() {
        assertThatThrownBy(() -> PortList.parse("0")).hasMessage("'0': port 0 is not 1 to 65535");
        assertThatThrownBy(() -> PortList.parse("65536")).hasMessage("'65536': port 65536 is not 1 to 65535");
        assertThatThrownBy(() -> PortList.parse("20-10")).hasMessage("'20-10': range 20-10 runs backwards");
        assertThatThrownBy(() -> PortList.parse("1723,")).hasMessage("'1723,': '' is not a port (1 to 65535)");
        assertThatThrownBy(() -> PortList.parse("http")).hasMessage("'http': 'http' is not a port (1 to 65535)");
    }
}
