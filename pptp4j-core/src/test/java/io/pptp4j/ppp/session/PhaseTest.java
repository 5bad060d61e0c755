package io.pptp4j.ppp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhaseTest {
    @Test
    void followsTheRfc1661PhaseDiagram() {
        assertThat(Phase.next(Phase.DEAD, PhaseEvent.UP)).isEqualTo(Phase.ESTABLISH);
        assertThat(Phase.next(Phase.ESTABLISH, PhaseEvent.LCP_OPENED)).isEqualTo(Phase.AUTHENTICATE);
        assertThat(Phase.next(Phase.AUTHENTICATE, PhaseEvent.AUTHENTICATED)).isEqualTo(Phase.NETWORK);
        assertThat(Phase.next(Phase.NETWORK, PhaseEvent.CLOSING)).isEqualTo(Phase.TERMINATE);
        assertThat(Phase.next(Phase.ESTABLISH, PhaseEvent.CLOSING)).isEqualTo(Phase.TERMINATE);
        assertThat(Phase.next(Phase.NETWORK, PhaseEvent.RENEGOTIATE)).isEqualTo(Phase.ESTABLISH);
        for (Phase p : Phase.values()) {
            assertThat(Phase.next(p, PhaseEvent.DOWN)).isEqualTo(Phase.DEAD);
        }
    }

    @Test
    void rejectsNetworkBeforeAuthenticationNamingEventAndPhases() {
        assertThatThrownBy(() -> Phase.next(Phase.ESTABLISH, PhaseEvent.AUTHENTICATED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("phase event AUTHENTICATED in phase ESTABLISH: allowed only in Authenticate");
        assertThatThrownBy(() -> Phase.next(Phase.DEAD, PhaseEvent.CLOSING))
                .hasMessage("phase event CLOSING in phase DEAD: allowed only in any phase but Dead");
    }
}
