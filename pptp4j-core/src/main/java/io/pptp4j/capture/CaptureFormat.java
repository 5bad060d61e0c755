package io.pptp4j.capture;

import java.util.Optional;

/**
 * The capture file formats pptp4j reads, told apart by their first four bytes: the classic libpcap
 * format (draft-ietf-opsawg-pcap) and pcapng (draft-ietf-opsawg-pcapng), whose first block is a
 * Section Header Block of type {@code 0x0A0D0D0A}.
 */
public enum CaptureFormat {
    PCAP("pcap"),
    PCAPNG("pcapng");

    private final String displayName;

    CaptureFormat(String displayName) { this.displayName = displayName; }

    public String displayName() { return displayName; }

    /** The format whose magic number starts with these four bytes (in file order), if any. */
    public static Optional<CaptureFormat> of(int b0, int b1, int b2, int b3) {
        int magic = (b0 & 0xFF) << 24 | (b1 & 0xFF) << 16 | (b2 & 0xFF) << 8 | (b3 & 0xFF);
        return switch (magic) {
            case PcapMagic.MICROS, PcapMagic.MICROS_SWAPPED, PcapMagic.NANOS, PcapMagic.NANOS_SWAPPED -> Optional.of(PCAP);
            case PcapMagic.PCAPNG_SECTION_HEADER -> Optional.of(PCAPNG);
            default -> Optional.empty();
        };
    }

    /** Magic numbers as they read in big-endian order from the first four bytes of a file. */
    static final class PcapMagic {
        static final int MICROS = 0xA1B2C3D4;
        static final int MICROS_SWAPPED = 0xD4C3B2A1;
        static final int NANOS = 0xA1B23C4D;
        static final int NANOS_SWAPPED = 0x4D3CB2A1;
        static final int PCAPNG_SECTION_HEADER = 0x0A0D0D0A;

        private PcapMagic() {}
    }
}
