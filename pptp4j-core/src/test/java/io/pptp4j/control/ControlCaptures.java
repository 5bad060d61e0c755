package io.pptp4j.control;

import io.pptp4j.wire.Bytes;
import java.util.List;

/**
 * Control messages copied from the captures in testdata/captures (provenance in its README.md), one
 * TCP payload each, extracted with
 * {@code tshark -r FILE -Y 'tcp.port==1723 && tcp.len>0' -T fields -e frame.number -e tcp.payload}.
 * Retransmitted segments (tcpdump-pptp-nt-moretonbay.pcap frames 9 and 14) are left out.
 */
final class ControlCaptures {
    private ControlCaptures() {}

    // tcpdump-pptp-nt-moretonbay.pcap, frame 5
    static final String WINDOWS_NT_SCCRQ = """
            009c0001 1a2b3c4d 00010000 01000000
            00000001 00000001 00000870 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 4d696372
            6f736f66 74205769 6e646f77 73204e54
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000
            """;

    // tcpdump-pptp-nt-moretonbay.pcap, frame 8
    static final String MORETONBAY_SCCRP = """
            009c0001 1a2b3c4d 00020000 01000100
            00000000 00000000 00010001 6c6f6361
            6c000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 4d6f7265
            746f6e42 61790000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000
            """;

    // tcpdump-pptp-nt-moretonbay.pcap, frame 10
    static final String WINDOWS_NT_OCRQ = """
            00a80001 1a2b3c4d 00070000 00007828
            0000012c 05f5e100 00000003 00000003
            00400000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000
            """;

    // tcpdump-pptp-nt-moretonbay.pcap, frame 13
    static final String MORETONBAY_OCRP = """
            00200001 1a2b3c4d 00080000 00000000
            01000000 05f5e100 00400000 00000000
            """;

    // tcpdump-pptp-nt-moretonbay.pcap, frame 15
    static final String WINDOWS_NT_SLI = """
            00180001 1a2b3c4d 000f0000 00000000
            ffffffff ffffffff
            """;

    // chapcrack-pptplinux-pptpd-session.pcap, frame 10
    static final String PPTP_LINUX_SCCRQ = """
            009c0001 1a2b3c4d 00010000 01000000
            00000003 00000003 ffff0001 6c6f6361
            6c000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 63616e61
            6e69616e 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000
            """;

    // chapcrack-pptplinux-pptpd-session.pcap, frame 12
    static final String PPTPD_SCCRP = """
            009c0001 1a2b3c4d 00020000 01000100
            00000000 00000000 00010001 6c6f6361
            6c000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 6c696e75
            78000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000
            """;

    // chapcrack-pptplinux-pptpd-session.pcap, frame 14
    static final String PPTP_LINUX_OCRQ = """
            00a80001 1a2b3c4d 00070000 00000000
            00000960 00989680 00000003 00000003
            00030000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000
            """;

    // chapcrack-pptplinux-pptpd-session.pcap, frame 16
    static final String PPTPD_OCRP = """
            00200001 1a2b3c4d 00080000 78000000
            01000000 00989680 00030000 00000000
            """;

    // chapcrack-pptplinux-pptpd-session.pcap, frame 184
    static final String PPTP_LINUX_CCRQ = """
            00100001 1a2b3c4d 000c0000 00000000
            """;

    // pptpcrack-windows-rras-session.pcap, frame 100
    static final String WINDOWS_CLIENT_SLI_1 = """
            00180001 1a2b3c4d 000f0000 3b370000
            ffffffff ffffffff
            """;

    // pptpcrack-windows-rras-session.pcap, frame 102
    static final String WINDOWS_RRAS_SLI_1 = """
            00180001 1a2b3c4d 000f0000 fcb00000
            ffffffff ffffffff
            """;

    // pptpcrack-windows-rras-session.pcap, frame 112
    static final String WINDOWS_CLIENT_CCRQ = """
            00100001 1a2b3c4d 000c0000 fcb00000
            """;

    // pptpcrack-windows-rras-session.pcap, frame 113
    static final String WINDOWS_RRAS_CDN = """
            00940001 1a2b3c4d 000d0000 3b370000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000
            """;

    // pptpcrack-windows-rras-session.pcap, frame 126
    static final String WINDOWS_CLIENT_STOPCCRQ = """
            00100001 1a2b3c4d 00030000 01000000
            """;

    // pptpcrack-windows-rras-session.pcap, frame 127
    static final String WINDOWS_RRAS_STOPCCRP = """
            00100001 1a2b3c4d 00040000 01000000
            """;

    // pptpcrack-windows-rras-session.pcap, frame 270
    static final String WINDOWS_CLIENT_SCCRQ = """
            009c0001 1a2b3c4d 00010000 01000000
            00000001 00000001 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 4d696372
            6f736f66 74000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000
            """;

    // pptpcrack-windows-rras-session.pcap, frame 271
    static final String WINDOWS_RRAS_SCCRP = """
            009c0001 1a2b3c4d 00020000 01000100
            00000002 00000003 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 4d696372
            6f736f66 74000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000
            """;

    // pptpcrack-windows-rras-session.pcap, frame 272
    static final String WINDOWS_CLIENT_OCRQ = """
            00a80001 1a2b3c4d 00070000 9d490013
            0000012c 05f5e100 00000003 00000003
            00400000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 96157121 fdb78f47
            b5d0be36 d2e97e50 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000 00000000 00000000
            00000000 00000000
            """;

    // pptpcrack-windows-rras-session.pcap, frame 273
    static final String WINDOWS_RRAS_OCRP = """
            00200001 1a2b3c4d 00080000 736a9d49
            01000000 00ca9a3b 40000000 00000000
            """;

    // pptpcrack-windows-rras-session.pcap, frame 274
    static final String WINDOWS_CLIENT_SLI_2 = """
            00180001 1a2b3c4d 000f0000 736a0000
            ffffffff ffffffff
            """;

    // pptpcrack-windows-rras-session.pcap, frame 287
    static final String WINDOWS_RRAS_SLI_2 = """
            00180001 1a2b3c4d 000f0000 9d490000
            ffffffff ffffffff
            """;

    // pptpcrack-windows-rras-session.pcap, frame 288
    static final String WINDOWS_CLIENT_SLI_3 = """
            00180001 1a2b3c4d 000f0000 736a0000
            ffffffff ffffffff
            """;

    static byte[] bytes(String hex) { return Bytes.fromHex(hex).toArray(); }

    /** Windows client to Windows RRAS, port 52266, in stream order (frames 270, 272, 274, 288). */
    static final List<String> WINDOWS_CLIENT_STREAM =
            List.of(WINDOWS_CLIENT_SCCRQ, WINDOWS_CLIENT_OCRQ, WINDOWS_CLIENT_SLI_2, WINDOWS_CLIENT_SLI_3);

    /** Windows RRAS to the client, port 52266 (frames 271, 273, 287). */
    static final List<String> WINDOWS_RRAS_STREAM = List.of(WINDOWS_RRAS_SCCRP, WINDOWS_RRAS_OCRP, WINDOWS_RRAS_SLI_2);

    /** pptp-linux to pptpd (frames 10, 14, 184). */
    static final List<String> PPTP_LINUX_STREAM = List.of(PPTP_LINUX_SCCRQ, PPTP_LINUX_OCRQ, PPTP_LINUX_CCRQ);

    /** pptpd to pptp-linux (frames 12, 16). */
    static final List<String> PPTPD_STREAM = List.of(PPTPD_SCCRP, PPTPD_OCRP);

    /** Every message of every capture, each once. */
    static final List<String> ALL = List.of(
            WINDOWS_NT_SCCRQ, MORETONBAY_SCCRP, WINDOWS_NT_OCRQ, MORETONBAY_OCRP, WINDOWS_NT_SLI,
            PPTP_LINUX_SCCRQ, PPTPD_SCCRP, PPTP_LINUX_OCRQ, PPTPD_OCRP, PPTP_LINUX_CCRQ,
            WINDOWS_CLIENT_SLI_1, WINDOWS_RRAS_SLI_1, WINDOWS_CLIENT_CCRQ, WINDOWS_RRAS_CDN,
            WINDOWS_CLIENT_STOPCCRQ, WINDOWS_RRAS_STOPCCRP, WINDOWS_CLIENT_SCCRQ, WINDOWS_RRAS_SCCRP,
            WINDOWS_CLIENT_OCRQ, WINDOWS_RRAS_OCRP, WINDOWS_CLIENT_SLI_2, WINDOWS_RRAS_SLI_2, WINDOWS_CLIENT_SLI_3);
}
