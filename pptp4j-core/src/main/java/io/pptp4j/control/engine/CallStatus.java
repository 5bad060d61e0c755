package io.pptp4j.control.engine;

import java.util.OptionalInt;

/**
 * A snapshot of one call of a {@link ControlConnectionEngine}.
 *
 * @param callId our Call ID
 * @param peerCallId the peer's Call ID, once known
 * @param side our side of the call
 * @param direction outgoing or incoming
 * @param state where the call is
 * @param callSerialNumber the serial number of the request that set the call up
 * @param peerPacketRecvWindowSize the peer's window, once known (0 before)
 * @param peerPacketProcessingDelay the peer's processing delay in 1/10 s, once known
 * @param connectSpeed the Connect Speed, once known
 * @param framingType the Framing Type asked for or reported
 * @param sendAccm the Send ACCM of the last Set-Link-Info received, 0xFFFFFFFF before (RFC 2637 2.15)
 * @param receiveAccm the Receive ACCM of the last Set-Link-Info received, 0xFFFFFFFF before
 */
public record CallStatus(int callId, OptionalInt peerCallId, CallSide side, CallDirection direction, CallState state,
                         int callSerialNumber, int peerPacketRecvWindowSize, int peerPacketProcessingDelay,
                         long connectSpeed, long framingType, long sendAccm, long receiveAccm) {}
