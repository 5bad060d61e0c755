package io.pptp4j.control.engine;

import io.pptp4j.control.ControlMessage;

/**
 * The cumulative WAN error counters of one call that a PAC reports in WAN-Error-Notify (RFC 2637 2.14),
 * counted since the call was established. Each is an unsigned 32-bit field.
 *
 * @param crcErrors PPP frames received with CRC errors
 * @param framingErrors improperly framed PPP packets received
 * @param hardwareOverruns receive buffer over-runs
 * @param bufferOverruns buffer over-runs detected
 * @param timeoutErrors time-outs
 * @param alignmentErrors alignment errors
 */
public record WanErrors(long crcErrors, long framingErrors, long hardwareOverruns, long bufferOverruns,
                        long timeoutErrors, long alignmentErrors) {
    public WanErrors {
        // the message's own checks of its fields (each counter is 32 bits), on the parameters
        new ControlMessage.WanErrorNotify(0, crcErrors, framingErrors, hardwareOverruns, bufferOverruns, timeoutErrors,
                alignmentErrors);
    }

    /** The WAN-Error-Notify that carries these counters for the call the PNS knows as {@code peerCallId}. */
    public ControlMessage.WanErrorNotify message(int peerCallId) {
        return new ControlMessage.WanErrorNotify(peerCallId, crcErrors, framingErrors, hardwareOverruns,
                bufferOverruns, timeoutErrors, alignmentErrors);
    }
}
