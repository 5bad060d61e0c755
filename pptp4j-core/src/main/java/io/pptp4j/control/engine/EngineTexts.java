package io.pptp4j.control.engine;

import io.pptp4j.control.CallDisconnectResult;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.IncomingCallReply;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.GeneralErrorCode;
import io.pptp4j.control.IncomingCallResult;
import io.pptp4j.control.OutgoingCallResult;
import io.pptp4j.control.StartControlConnectionResult;
import io.pptp4j.wire.Hex;
import java.time.Duration;

/** The log and detail texts of the engines, in one place so that they read alike. */
final class EngineTexts {
    private EngineTexts() {}

    /** {@code Outgoing-Call-Reply (OCRP)}. */
    static String message(ControlMessage m) { return m.name() + " (" + m.abbreviation() + ")"; }

    /**
     * {@code Unexpected SCCRP in control connection state ESTABLISHED (expected in WAIT_CTL_REPLY): ignored}.
     */
    static String unexpected(ControlMessage m, ControlState state, String expected) {
        return unexpected(m, state, expected, "ignored");
    }

    /** The same with what was done instead of ignoring it. */
    static String unexpected(ControlMessage m, ControlState state, String expected, String outcome) {
        return "Unexpected " + message(m) + " in control connection state " + state + " (" + expected + "): " + outcome;
    }

    /** The same for a message about a call: names the connection's state and the call's. */
    static String unexpected(ControlMessage m, ControlState state, CallContext call, String expected) {
        return "Unexpected " + message(m) + " in control connection state " + state + " for " + call.name()
                + " in call state " + call.state + " (" + expected + "): ignored";
    }

    static String version(int v) { return Hex.u16(v) + " (" + (v >> 8) + "." + (v & 0xFF) + ")"; }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String errorCode(int code) { return "Error Code " + GeneralErrorCode.describe(code); }

    static String describe(StartControlConnectionReply m) {
        return "SCCRP Result Code " + StartControlConnectionResult.describe(m.resultCode()) + ", "
                + errorCode(m.errorCode()) + ", Protocol Version " + version(m.protocolVersion());
    }

    static String describe(OutgoingCallReply m) {
        return "OCRP Result Code " + OutgoingCallResult.describe(m.resultCode()) + ", " + errorCode(m.errorCode())
                + ", Cause Code " + m.causeCode();
    }

    static String describe(IncomingCallReply m) {
        return "ICRP Result Code " + IncomingCallResult.describe(m.resultCode()) + ", " + errorCode(m.errorCode());
    }

    static String describe(CallDisconnectNotify m) {
        return "CDN Result Code " + CallDisconnectResult.describe(m.resultCode()) + ", " + errorCode(m.errorCode())
                + ", Cause Code " + m.causeCode()
                + (m.callStatistics().isEmpty() ? "" : ", Call Statistics '" + m.callStatistics() + "'");
    }
}
