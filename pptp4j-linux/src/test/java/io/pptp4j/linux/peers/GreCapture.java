package io.pptp4j.linux.peers;

import io.pptp4j.analysis.PptpItem;
import io.pptp4j.analysis.PptpTrafficDecoder;
import io.pptp4j.linux.capture.CaptureFileException;
import io.pptp4j.linux.capture.CaptureFileReader;
import io.pptp4j.linux.netns.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * tcpdump capturing PPTP (TCP 1723 and GRE) on one interface of a network namespace into a pcap file
 * for the length of a test, decoded with {@link PptpTrafficDecoder}:
 * {@code tcpdump -i IF -w FILE -U --immediate-mode -n -Z root 'proto 47 or tcp port 1723'}.
 *
 * <p>{@code -U} writes each packet out whole as it comes, so {@link #items()} can read the file while
 * tcpdump runs; {@code --immediate-mode} keeps packets from waiting in the kernel's ring, where a
 * stop would lose them; {@code -Z root} keeps tcpdump from changing to a user that cannot write into
 * the test's directory. {@link #start} returns once tcpdump says it is listening.
 */
public final class GreCapture implements AutoCloseable {
    public static final String FILTER = "proto 47 or tcp port 1723";
    public static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** A pcap file header: nothing before it is a packet. */
    private static final int PCAP_HEADER_LENGTH = 24;

    private final Path file;
    private final PeerProcess process;
    private boolean stopped;

    private GreCapture(Path file, PeerProcess process) {
        this.file = file;
        this.process = process;
    }

    /** Captures PPTP ({@link #FILTER}) on {@code interfaceName} in {@code namespace} into {@code directory/NAME.pcap}. */
    public static GreCapture start(NetworkNamespace namespace, String interfaceName, Path directory, String name)
            throws IOException {
        return start(namespace, interfaceName, directory, name, FILTER);
    }

    /** Captures what matches the tcpdump {@code filter} (everything when it is empty). */
    public static GreCapture start(NetworkNamespace namespace, String interfaceName, Path directory, String name,
                                   String filter) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(name + ".pcap");
        List<String> command = new java.util.ArrayList<>(List.of("tcpdump", "-i", interfaceName,
                "-w", file.toString(), "-U", "--immediate-mode", "-n", "-Z", "root"));
        if (!filter.isEmpty()) command.add(filter);
        PeerProcess process = PeerProcess.start(namespace, directory, name, command, Map.of());
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!process.stderr().contains("listening on")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new PeerTimeoutException("tcpdump did not start listening within "
                            + START_TIMEOUT.toMillis() + " ms: " + process.describe());
                }
                PeerProcess.sleep(Duration.ofMillis(20));
            }
            return new GreCapture(file, process);
        } catch (IOException | RuntimeException | Error e) {
            PptpdPeer.closeAfterFailure(e, process);
            throw e;
        }
    }

    public Path file() { return file; }

    public PeerProcess process() { return process; }

    /**
     * The PPTP items in the file so far. While tcpdump writes, a last record cut short is left for the
     * next call; any other fault of the file is thrown.
     */
    public List<PptpItem> items() throws IOException {
        List<PptpItem> items = new ArrayList<>();
        if (!Files.exists(file) || Files.size(file) < PCAP_HEADER_LENGTH) {
            return items;
        }
        PptpTrafficDecoder decoder = new PptpTrafficDecoder(items::add);
        try {
            CaptureFileReader.read(file, decoder);
        } catch (CaptureFileException e) {
            if (!e.truncated() || stopped) {
                throw e;
            }
        }
        decoder.finish();
        return items;
    }

    /** Reads the file again and again (bounded by {@code timeout}) until {@code condition} holds for its items. */
    public List<PptpItem> awaitItems(Predicate<List<PptpItem>> condition, Duration timeout, String what)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<PptpItem> items = items();
            if (condition.test(items)) {
                return items;
            }
            if (System.nanoTime() > deadline) {
                throw new PeerTimeoutException("the capture " + file + " did not show " + what + " within "
                        + timeout.toMillis() + " ms; it holds:\n" + describe(items));
            }
            PeerProcess.sleep(Duration.ofMillis(50));
        }
    }

    /** Stops tcpdump (SIGTERM: it writes out what it holds and closes the file), bounded; idempotent. */
    public void stop() throws IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        process.terminate(STOP_TIMEOUT);
        process.close();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** One line per item, for failure messages. */
    public static String describe(List<PptpItem> items) {
        StringBuilder b = new StringBuilder();
        for (PptpItem i : items) {
            String what = switch (i) {
                case PptpItem.Control c -> c.message().getClass().getSimpleName() + " " + c.message();
                case PptpItem.Gre g -> "GRE call " + g.packet().header().callId() + " seq " + g.packet().header().sequenceNumber()
                        + " ack " + g.packet().header().ackNumber() + (g.ppp() == null ? "" : " " + g.ppp().content());
                case PptpItem.Malformed m -> "malformed: " + m.reason();
                case PptpItem.Gap g -> "gap of " + g.missingBytes() + " bytes";
            };
            b.append("  #").append(i.frame()).append(' ').append(i.source()).append(" > ").append(i.destination())
                    .append(": ").append(what).append('\n');
        }
        return b.isEmpty() ? "  (nothing)\n" : b.toString();
    }
}
