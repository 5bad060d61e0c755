package io.pptp4j.linux.capture;

import io.pptp4j.capture.Dissection;
import io.pptp4j.capture.PacketDissector;
import io.pptp4j.capture.PacketHandler;
import io.pptp4j.capture.StreamSink;
import io.pptp4j.capture.TcpReassembler;
import io.pptp4j.capture.TcpStream;

import java.nio.file.Path;

/**
 * Not a test: times the reader modes and window sizes on a big capture, e.g. the RRAS session 180
 * times over (python3: header once, then the records 180 times; 207 MB):
 * {@code java -cp ... io.pptp4j.linux.capture.CaptureReadBenchmark /tmp/rras-x180.pcap}.
 */
public final class CaptureReadBenchmark {
    private CaptureReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Object[][] readers = {
            {"READ 128 KiB", new CaptureFileReader(CaptureFileReader.Mode.READ, 128 << 10)},
            {"READ 512 KiB", new CaptureFileReader(CaptureFileReader.Mode.READ, 512 << 10)},
            {"READ 1 MiB", new CaptureFileReader(CaptureFileReader.Mode.READ, 1 << 20)},
            {"READ 2 MiB", new CaptureFileReader(CaptureFileReader.Mode.READ, 2 << 20)},
            {"READ 4 MiB", new CaptureFileReader(CaptureFileReader.Mode.READ, 4 << 20)},
            {"READ 8 MiB", new CaptureFileReader(CaptureFileReader.Mode.READ, 8 << 20)},
            {"READ 64 MiB", new CaptureFileReader(CaptureFileReader.Mode.READ, 64 << 20)},
            {"MAP 16 MiB", new CaptureFileReader(CaptureFileReader.Mode.MAP, 16 << 20)},
            {"MAP 64 MiB", new CaptureFileReader(CaptureFileReader.Mode.MAP, 64 << 20)},
        };
        for (String workload : new String[] {"decode", "dissect", "reassemble"}) {
            for (Object[] r : readers) {
                CaptureFileReader reader = (CaptureFileReader) r[1];
                long best = Long.MAX_VALUE;
                long packets = 0;
                for (int i = 0; i < rounds; i++) {
                    long[] count = new long[1];
                    Dissection d = new Dissection();
                    TcpReassembler tcp = new TcpReassembler();
                    StreamSink sink = (TcpStream s, byte[] b, int off, int len, long frame) -> count[0] += len;
                    PacketHandler h = switch (workload) {
                        case "decode" -> p -> count[0] += p.capturedLength();
                        case "dissect" -> p -> count[0] += PacketDissector.dissect(p, d).payloadLength();
                        default -> p -> tcp.segment(PacketDissector.dissect(p, d), sink);
                    };
                    long t0 = System.nanoTime();
                    packets = reader.readFile(file, h).packets();
                    tcp.finish(sink);
                    best = Math.min(best, System.nanoTime() - t0);
                    if (count[0] == 42) {
                        System.out.print("");
                    }
                }
                System.out.printf("%-10s %-12s %8d packets %7.1f ms %7.0f MB/s %6.2f Mpkt/s%n", workload, r[0], packets,
                        best / 1e6, file.toFile().length() / (best / 1e9) / 1e6, packets / (best / 1e9) / 1e6);
            }
        }
    }
}
