package io.pptp4j.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code tables of RFC 2637 section 2 carry the RFC's values and names. */
class ControlCodesTest {

    private static List<Integer> values(ControlCode[] codes) {
        return Arrays.stream(codes).map(ControlCode::value).toList();
    }

    @Test
    void controlMessageTypesAreOneToFifteenWithTheirFixedLengths() {
        ControlMessageType[] types = ControlMessageType.values();
        assertThat(values(types)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertThat(Arrays.stream(types).map(ControlMessageType::length))
                .containsExactly(156, 156, 16, 16, 16, 20, 168, 32, 220, 24, 28, 16, 148, 40, 24);
        assertThat(ControlMessageType.of(13)).contains(ControlMessageType.CALL_DISCONNECT_NOTIFY);
        assertThat(ControlMessageType.of(0)).isEmpty();
        assertThat(ControlMessageType.of(16)).isEmpty();
        assertThat(ControlMessageType.describe(14)).isEqualTo("14 (WAN-Error-Notify)");
        assertThat(ControlMessageType.describe(16)).isEqualTo("16 (unknown)");
    }

    @Test
    void generalErrorCodesAreZeroToSix() {
        assertThat(values(GeneralErrorCode.values())).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(Arrays.stream(GeneralErrorCode.values()).map(GeneralErrorCode::displayName)).containsExactly(
                "None", "Not-Connected", "Bad-Format", "Bad-Value", "No-Resource", "Bad-Call ID", "PAC-Error");
        assertThat(GeneralErrorCode.describe(2)).isEqualTo("2 (Bad-Format)");
        assertThat(GeneralErrorCode.of(7)).isEmpty();
    }

    @Test
    void eachReplyHasItsOwnResultTable() {
        assertThat(values(StartControlConnectionResult.values())).containsExactly(1, 2, 3, 4, 5);
        assertThat(values(StopControlConnectionResult.values())).containsExactly(1, 2);
        assertThat(values(EchoReplyResult.values())).containsExactly(1, 2);
        assertThat(values(OutgoingCallResult.values())).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(values(IncomingCallResult.values())).containsExactly(1, 2, 3);
        assertThat(values(CallDisconnectResult.values())).containsExactly(1, 2, 3, 4);
        // the same value means different things in different replies
        assertThat(OutgoingCallResult.describe(3)).isEqualTo("3 (No Carrier)");
        assertThat(IncomingCallResult.describe(3)).isEqualTo("3 (Do Not Accept)");
        assertThat(CallDisconnectResult.describe(3)).isEqualTo("3 (Admin Shutdown)");
        assertThat(StartControlConnectionResult.describe(3)).isEqualTo("3 (Command channel already exists)");
        assertThat(CallDisconnectResult.describe(4)).isEqualTo("4 (Request)");
        assertThat(OutgoingCallResult.of(8)).isEmpty();
        assertThat(EchoReplyResult.of(1)).contains(EchoReplyResult.OK);
    }

    @Test
    void stopReasonsAreOneToThree() {
        assertThat(Arrays.stream(StopControlConnectionReason.values()).map(StopControlConnectionReason::displayName))
                .containsExactly("None", "Stop-Protocol", "Stop-Local-Shutdown");
        assertThat(values(StopControlConnectionReason.values())).containsExactly(1, 2, 3);
        assertThat(StopControlConnectionReason.describe(0)).isEqualTo("0 (unknown)");
    }

    @Test
    void framingAndBearerAreBits() {
        assertThat(Framing.of(1)).contains(Framing.ASYNCHRONOUS);
        assertThat(Framing.of(2)).contains(Framing.SYNCHRONOUS);
        assertThat(Framing.of(3)).isEmpty();
        assertThat(Framing.setOf(3)).containsExactly(Framing.ASYNCHRONOUS, Framing.SYNCHRONOUS);
        assertThat(Framing.describe(3)).isEqualTo("0x00000003 (asynchronous, synchronous)");
        assertThat(Framing.describe(0)).isEqualTo("0x00000000 (none)");
        assertThat(Framing.describe(6)).isEqualTo("0x00000006 (synchronous, 0x00000004)");
        assertThat(Bearer.setOf(2)).containsExactly(Bearer.DIGITAL);
        assertThat(Bearer.describe(1)).isEqualTo("0x00000001 (analog)");
        assertThat(Bearer.describe(0xFFFFFFFFL)).isEqualTo("0xFFFFFFFF (analog, digital, 0xFFFFFFFC)");
    }
}
