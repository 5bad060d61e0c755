package io.pptp4j.linux.peers;

import io.pptp4j.hdlc.AsyncHdlc;
import io.pptp4j.hdlc.AsyncHdlcEncoder;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The program pptpd runs in place of pppd (the {@code ppp} line of pptpd.conf): a shell script
 * ({@code ppp-echo.sh}) that records its arguments, sends {@link #greeting()} as its first frame and
 * then echoes back every byte pptpctrl gives it. pptpd cannot run pppd here: there is no /dev/ppp.
 *
 * <p>pptpctrl runs it with the pty slave as standard input and output, in cooked mode (the script
 * makes it raw), and with pppd's arguments:
 * {@code local file OPTIONS_FILE SPEED LOCALIP:REMOTEIP ipparam CLIENT_ADDRESS remotenumber CLIENT_ADDRESS}
 * ({@code ipparam CLIENT_ADDRESS} left out with pptpd's {@code noipparam}); see {@link Invocation}.
 *
 * <p>pptpctrl reads GRE from the client only once its ppp program has written a frame (a real pppd
 * opens with an LCP Configure-Request); without the greeting the client's frames would wait in the
 * GRE socket for good.
 */
public final class EchoPppProgram {
    /**
     * The greeting by default: an LCP Configure-Request (Identifier 0x42) with Magic-Number 0x50505050,
     * address and control field included (RFC 1661 5.1, 6.4).
     */
    public static final Bytes LCP_GREETING = Bytes.fromHex("ff03c021" + "0142000a" + "050650505050");

    private final Path directory;
    private final Path script;
    private final Bytes greeting;

    private EchoPppProgram(Path directory, Path script, Bytes greeting) {
        this.directory = directory;
        this.script = script;
        this.greeting = greeting;
    }

    /** Writes the script and its record directory into {@code directory}, greeting with {@link #LCP_GREETING}. */
    public static EchoPppProgram write(Path directory) throws IOException {
        return write(directory, LCP_GREETING);
    }

    /** @param greeting the first PPP frame (address and control field included), sent HDLC-framed */
    public static EchoPppProgram write(Path directory, Bytes greeting) throws IOException {
        Path records = directory.resolve("ppp-calls");
        Files.createDirectories(records);
        String dir = records.toAbsolutePath().toString();
        if (dir.contains("'")) {
            throw new IllegalArgumentException("directory " + dir + " contains a quote");
        }
        String template;
        try (InputStream in = EchoPppProgram.class.getResourceAsStream("ppp-echo.sh")) {
            if (in == null) {
                throw new IOException("resource io/pptp4j/linux/peers/ppp-echo.sh is missing");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String text = template.replace("@DIRECTORY@", dir).replace("@GREETING@", printfEscapes(
                AsyncHdlcEncoder.encode(greeting.toArray(), AsyncHdlc.DEFAULT_ACCM)));
        Path script = directory.resolve("ppp-echo.sh");
        Files.writeString(script, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new EchoPppProgram(records, script, greeting);
    }

    /** Every octet as a printf octal escape, so that the format holds no '%', '\' or quote of its own. */
    static String printfEscapes(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 4);
        for (byte x : bytes) {
            b.append('\\').append(String.format("%03o", x & 0xFF));
        }
        return b.toString();
    }

    /** The script to name in pptpd.conf's {@code ppp} line. */
    public Path script() { return script; }

    public Bytes greeting() { return greeting; }

    /**
     * One run of the program (one call).
     *
     * @param pid the script's pid
     * @param arguments argv, argv[0] (the script's path) first
     * @param ready whether it set the pty raw and sent its greeting
     * @param received what it received so far (HDLC-framed, as pptpctrl wrote it to the pty)
     */
    public record Invocation(long pid, List<String> arguments, boolean ready, Bytes received) {
        public Invocation {
            arguments = List.copyOf(arguments);
        }
    }

    /** The runs so far, oldest pid first. */
    public List<Invocation> invocations() throws IOException {
        List<Invocation> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "call-*.argv")) {
            for (Path argv : files) {
                String name = argv.getFileName().toString();
                long pid = Long.parseLong(name.substring("call-".length(), name.length() - ".argv".length()));
                List<String> arguments = Files.readAllLines(argv, StandardCharsets.UTF_8);
                boolean ready = Files.exists(directory.resolve("call-" + pid + ".ready"));
                Path received = directory.resolve("call-" + pid + ".received");
                Bytes bytes = Files.exists(received) ? Bytes.of(Files.readAllBytes(received)) : Bytes.EMPTY;
                found.add(new Invocation(pid, arguments, ready, bytes));
            }
        }
        found.sort(Comparator.comparingLong(Invocation::pid));
        return found;
    }

    /** Waits up to {@code timeout} until {@code count} runs are ready; returns them. */
    public List<Invocation> awaitReady(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Invocation> all = invocations();
            List<Invocation> ready = all.stream().filter(Invocation::ready).toList();
            if (ready.size() >= count) {
                return ready;
            }
            if (System.nanoTime() > deadline) {
                throw new PeerTimeoutException(count + " run(s) of " + script + " ready expected within "
                        + timeout.toMillis() + " ms; found " + all);
            }
            PeerProcess.sleep(Duration.ofMillis(20));
        }
    }

    /** Waits up to {@code timeout} until the run {@code pid} has received at least {@code length} octets. */
    public Invocation awaitReceived(long pid, int length, Duration timeout) throws IOException, InterruptedIOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Invocation i : invocations()) {
                if (i.pid() == pid && i.received().length() >= length) {
                    return i;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new PeerTimeoutException("run " + pid + " of " + script + " did not receive " + length
                        + " octets within " + timeout.toMillis() + " ms; runs: " + invocations());
            }
            PeerProcess.sleep(Duration.ofMillis(20));
        }
    }
}
