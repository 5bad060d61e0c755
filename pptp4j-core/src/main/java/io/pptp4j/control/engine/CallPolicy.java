package io.pptp4j.control.engine;

import io.pptp4j.wire.FieldChecks;
/**
 * How an engine answers the calls the peer asks for: Outgoing-Call-Request (we are the PAC) and
 * Incoming-Call-Request (we are the PNS). The calls we ask for ourselves are not limited by it.
 *
 * <p>Refusals (RFC 2637 2.8, 2.10, 2.16):
 * <ul>
 *   <li>requests of a kind we do not accept: Result Code 7 Do Not Accept (OCRP; "administratively
 *       prohibited") or 3 Do Not Accept (ICRP);</li>
 *   <li>a request over {@code maxCalls}, or when the {@link CallIdAllocator} is exhausted: Result Code 2
 *       General Error with Error Code 4 No-Resource, "insufficient resources to handle this command now".
 *       We chose it over OCRP Result 4 Busy, which reports a busy signal on a telephone line, because it
 *       is the RFC's code for exactly this case and tells the peer it may try again later;</li>
 *   <li>a request whose Call ID the peer already uses for another call on this connection: General
 *       Error with Error Code 5 Bad-Call ID (RFC 2637 3.2.2: Call IDs are unique per tunnel);</li>
 *   <li>a request before the control connection is established: General Error with Error Code 1
 *       Not-Connected.</li>
 * </ul>
 *
 * @param maxCalls the most calls a peer's request may bring the connection to (calls in any state,
 *     either side, count); poptop and accel-ppp allow one call per control connection
 * @param acceptOutgoingCalls whether to answer Outgoing-Call-Request with Connected (as a VPN server does)
 * @param acceptIncomingCalls whether to answer Incoming-Call-Request with Connect
 * @param packetRecvWindowSize the Packet Recv. Window Size we announce in our replies (RFC 2637 2.8, 2.10)
 * @param packetProcessingDelay the Packet Processing (or Transmit) Delay we announce, in 1/10 s
 * @param connectSpeed the Connect Speed of our Outgoing-Call-Reply in bits/s; 0 reports the request's
 *     Maximum BPS
 */
public record CallPolicy(int maxCalls, boolean acceptOutgoingCalls, boolean acceptIncomingCalls,
                         int packetRecvWindowSize, int packetProcessingDelay, long connectSpeed) {
    /** Windows announces 64 packets; pptp-linux and poptop fewer. */
    public static final int DEFAULT_WINDOW = 64;

    public CallPolicy {
        if (maxCalls < 0 || maxCalls > 0xFFFF) {
            throw new IllegalArgumentException("maxCalls " + maxCalls + " is not in 0..65535");
        }
        FieldChecks.u16(packetRecvWindowSize, "Packet Recv. Window Size");
        FieldChecks.u16(packetProcessingDelay, "Packet Processing Delay");
        FieldChecks.u32(connectSpeed, "Connect Speed");
    }

    /** A VPN server: one outgoing call per connection, no incoming calls. */
    public static CallPolicy server() { return new CallPolicy(1, true, false, DEFAULT_WINDOW, 0, 0); }

    /** A VPN client: places its own calls and accepts none from the peer. */
    public static CallPolicy client() { return new CallPolicy(1, false, false, DEFAULT_WINDOW, 0, 0); }

    public CallPolicy withMaxCalls(int value) {
        return new CallPolicy(value, acceptOutgoingCalls, acceptIncomingCalls, packetRecvWindowSize,
                packetProcessingDelay, connectSpeed);
    }

    public CallPolicy withAcceptOutgoingCalls(boolean value) {
        return new CallPolicy(maxCalls, value, acceptIncomingCalls, packetRecvWindowSize, packetProcessingDelay,
                connectSpeed);
    }

    public CallPolicy withAcceptIncomingCalls(boolean value) {
        return new CallPolicy(maxCalls, acceptOutgoingCalls, value, packetRecvWindowSize, packetProcessingDelay,
                connectSpeed);
    }

    public CallPolicy withPacketRecvWindowSize(int value) {
        return new CallPolicy(maxCalls, acceptOutgoingCalls, acceptIncomingCalls, value, packetProcessingDelay,
                connectSpeed);
    }

    public CallPolicy withConnectSpeed(long value) {
        return new CallPolicy(maxCalls, acceptOutgoingCalls, acceptIncomingCalls, packetRecvWindowSize,
                packetProcessingDelay, value);
    }
}
