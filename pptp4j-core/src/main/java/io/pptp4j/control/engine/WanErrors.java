package io.pptp4j.control.engine;

import io.pptp4j.wire.FieldChecks;

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
        FieldChecks.u32(crcErrors, "CRC Errors");
        FieldChecks.u32(framingErrors, "Framing Errors");
        FieldChecks.u32(hardwareOverruns, "Hardware Overruns");
        FieldChecks.u32(bufferOverruns, "Buffer Overruns");
        FieldChecks.u32(timeoutErrors, "Time-out Errors");
        FieldChecks.u32(alignmentErrors, "Alignment Errors");
    }
}
