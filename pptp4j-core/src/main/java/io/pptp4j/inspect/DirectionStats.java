package io.pptp4j.inspect;

/**
 * What one side of a call sent in GRE.
 *
 * @param greCallId the Call ID in its GRE headers (the other side's Call ID), -1 when it sent none
 * @param bytes GRE header and payload octets as captured
 * @param mppeFrames PPP frames of protocol 0x00FD
 * @param firstCoherency the coherency count of its first MPPE frame, -1 if none
 * @param lastCoherency the coherency count of its last MPPE frame, -1 if none
 * @param clearDatagrams IPv4/IPv6 carried in PPP without MPPE
 * @param malformed GRE packets whose PPP content did not decode
 */
public record DirectionStats(String address, int greCallId, long packets, long bytes, long mppeFrames,
                             int firstCoherency, int lastCoherency, long clearDatagrams, long malformed,
                             long decrypted) {}
