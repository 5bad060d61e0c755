package io.pptp4j.ppp.mppe;

import io.pptp4j.wire.Bytes;
import java.util.Objects;

/** What {@link MppeCipher#decrypt} made of a received MPPE packet. */
public sealed interface MppeDecryptResult {

    /** The decrypted PPP Protocol field and Information of the inner packet (RFC 3078 3.1). */
    record Plain(Bytes packet) implements MppeDecryptResult {
        public Plain {
            Objects.requireNonNull(packet, "packet");
        }
    }

    /**
     * Stateful mode lost sync (RFC 3078 8.2): the packet was dropped and the caller MUST send a CCP
     * Reset-Request; packets are then dropped until one comes with the FLUSHED bit.
     */
    record NeedsReset(String reason) implements MppeDecryptResult {
        public NeedsReset {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The packet was dropped without a Reset-Request: late, repeated, or waiting for a flushed packet. */
    record Dropped(String reason) implements MppeDecryptResult {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
