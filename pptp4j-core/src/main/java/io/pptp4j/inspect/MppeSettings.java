package io.pptp4j.inspect;

/**
 * The outcome of CCP for MPPE (RFC 3078 2): what the peers agreed in their Configure-Acks.
 *
 * @param negotiated whether a CCP Configure-Ack with the MPPE option was captured
 * @param bits 40, 56 or 128; 0 when not negotiated or not known
 * @param stateless the H bit
 * @param supportedBits the letters of the acked option, e.g. {@code H,S}, or empty
 * @param firstOffer the letters of the first MPPE option a side asked for (shows what it would have accepted)
 * @param ackFrame the frame of the Configure-Ack, 0 if none
 */
public record MppeSettings(boolean negotiated, int bits, boolean stateless, String supportedBits, String firstOffer,
                           long ackFrame) {
    public static final MppeSettings NONE = new MppeSettings(false, 0, false, "", "", 0);

    public String describe() {
        if (!negotiated) {
            return "not negotiated";
        }
        return "MPPE-" + bits + " " + (stateless ? "stateless" : "stateful") + " (" + supportedBits + ")";
    }
}
