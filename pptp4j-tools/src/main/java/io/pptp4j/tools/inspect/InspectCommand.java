package io.pptp4j.tools.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.inspect.ChapHandshake;
import io.pptp4j.inspect.DecryptedSink;
import io.pptp4j.inspect.Finding;
import io.pptp4j.inspect.HashLines;
import io.pptp4j.inspect.InspectDecoder;
import io.pptp4j.inspect.InspectReport;
import io.pptp4j.inspect.PasswordSource;
import io.pptp4j.inspect.PptpSession;
import io.pptp4j.inspect.SessionTracker;
import io.pptp4j.linux.capture.CaptureFileException;
import io.pptp4j.linux.capture.CaptureFileReader;
import io.pptp4j.linux.net.NativeException;
import io.pptp4j.linux.packet.PacketSocket;
import io.pptp4j.capture.CapturedPacket;
import io.pptp4j.ppp.secrets.SecretsFile;
import io.pptp4j.ppp.secrets.SecretsTable;
import io.pptp4j.tools.Main;
import io.pptp4j.tools.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pptp4j inspect}: what captured PPTP traffic gives away. A thin shell over {@link SessionTracker}. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Inspect captured PPTP traffic: the sessions (control connection joined with its GRE by call ID), "
                        + "who logged in and how, the MPPE settings, and what an eavesdropper can recover, "
                        + "with the frame numbers that prove it.",
                "Reads pcap and pcapng files of any size, streamed, or captures live on an interface; "
                        + "a malformed packet is counted, never fatal."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:inspected", "1:a file that could not be read (the others are still reported)", "2:usage error"})
public final class InspectCommand implements Callable<Integer> {
    /** Made on first use: picocli instantiates every command at start-up, and Jackson costs 0.2 s to load. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "pcap or pcapng files")
    List<Path> files = new ArrayList<>();

    @Option(names = "--interface", paramLabel = "IF",
            description = "capture live on this interface (AF_PACKET, needs CAP_NET_RAW) until Ctrl-C or --duration")
    String networkInterface;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "with --interface: stop after this many seconds")
    Integer duration;

    @Option(names = "--json", description = "one JSON document on standard output instead of the summary")
    boolean json;

    @Option(names = "--log", paramLabel = "FILE", description = "also write a connection log: one JSON line per session")
    Path log;

    @Option(names = "--show-secrets", description = "show PAP passwords and verified passwords (redacted by default)")
    boolean showSecrets;

    @Option(names = "--hashes", paramLabel = "FORMAT",
            description = "print one line per MS-CHAP handshake for a cracker instead of the summary: ${COMPLETION-CANDIDATES} "
                    + "(hashcat: mode 5500 NetNTLMv1 layout, and mode 4800 for CHAP-MD5 with a 16-octet challenge; "
                    + "john: $MSCHAPv2$ and $NETNTLM$)")
    HashLines.Format hashes;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "passwords to verify against every handshake, one per line; with one that matches, "
                    + "the MPPE keys are derived and the session decrypted")
    Path passwordFile;

    @Option(names = "--secrets", paramLabel = "FILE", description = "a pppd chap-secrets file: the password of each user")
    Path secrets;

    @Option(names = "--decrypt-out", paramLabel = "FILE",
            description = "write the decrypted inner IP packets (and any sent in clear) to this pcap (LINKTYPE_RAW)")
    Path decryptOut;

    @Option(names = "--wordlist", paramLabel = "FILE",
            description = "a dictionary attack on the captured MS-CHAP handshakes, one candidate per line")
    Path wordlist;

    @Option(names = "--threads", paramLabel = "N", description = "threads for --wordlist (default: the number of processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    /** What one file gave. */
    record FileResult(String file, long packets, InspectReport report, String error) {}

    private ConnectionLog connectionLog;

    /** Released once the report is written, so that a Ctrl-C during a live capture lets it finish. */
    private final java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        try {
            return run();
        } finally {
            if (connectionLog != null) {
                try {
                    connectionLog.close();
                } catch (IOException e) {
                    spec.commandLine().getErr().println("pptp4j inspect: " + log + ": " + e.getMessage());
                }
            }
            reported.countDown();
        }
    }

    private Integer run() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (hashes != null && json) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hashes and --json both want standard output; choose one");
        }
        if (files.isEmpty() == (networkInterface == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give capture FILEs or --interface IF (one of them)");
        }
        if (duration != null && (networkInterface == null || duration < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--duration is a number of seconds (1 or more) for --interface");
        }
        if (wordlist != null && networkInterface != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--wordlist works on capture files, not --interface");
        }
        if (threads < 1 || threads > 256) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads is 1 to 256, not " + threads);
        }
        List<String> given = new ArrayList<>(readPasswords());
        String env = System.getenv("PPTP4J_PASSWORD");
        if (env != null && !env.isEmpty()) {
            given.add(env);
        }
        SecretsTable table = readSecrets();
        if (decryptOut != null && given.isEmpty() && table == null && wordlist == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--decrypt-out needs a password: --password-file, PPTP4J_PASSWORD, --secrets or --wordlist");
        }
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new UserException(f + ": no such file");
            }
        }

        List<String> cracked = new ArrayList<>();
        DictionaryAttack.Outcome attack = null;
        if (wordlist != null) {
            if (!Files.isReadable(wordlist) || Files.isDirectory(wordlist)) {
                throw new UserException(wordlist + ": cannot read the word list");
            }
            List<ChapHandshake> handshakes = new ArrayList<>();
            for (Path f : files) {
                FileResult r = inspect(f, SessionTracker.Options.DEFAULT, null);
                if (r.report() != null) {
                    handshakes.addAll(r.report().handshakes());
                }
            }
            attack = DictionaryAttack.run(handshakes, wordlist, threads);
            for (DictionaryAttack.Result r : attack.results()) {
                if (r.password() != null) {
                    cracked.add(r.password());
                }
            }
        }

        List<String> all = new ArrayList<>(new LinkedHashSet<>(given));
        all.addAll(cracked);
        PasswordSource passwords = all.isEmpty() && table == null ? PasswordSource.NONE : (user, authenticator) -> {
            Set<String> candidates = new LinkedHashSet<>(all);
            if (table != null) {
                table.find(user, authenticator).or(() -> table.entries().stream()
                                .filter(e -> e.client().equals(user)).findFirst())
                        .ifPresent(e -> candidates.add(new String(e.secret().chars())));
            }
            return List.copyOf(candidates);
        };

        List<FileResult> results = new ArrayList<>();
        if (log != null) {
            try {
                connectionLog = new ConnectionLog(log, showSecrets);
            } catch (IOException e) {
                throw new UserException(log + ": cannot write the log: " + e.getMessage());
            }
        }
        RawPcapWriter writer = null;
        try {
            if (decryptOut != null) {
                try {
                    writer = new RawPcapWriter(decryptOut);
                } catch (IOException e) {
                    throw new UserException(decryptOut + ": cannot write: " + e.getMessage());
                }
            }
            RawPcapWriter w = writer;
            DecryptedSink sink = w == null ? null : (session, frame, time, protocol, packet) -> {
                // RFC 1332 / RFC 5072: IPv4 0x0021 and IPv6 0x0057 go to a LINKTYPE_RAW file
                if ((protocol == 0x0021 || protocol == 0x0057) && packet.length > 0) {
                    try {
                        w.write(time, packet);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            for (Path f : files) {
                results.add(inspect(f, new SessionTracker.Options(showSecrets, passwords, sink), sink));
            }
            if (networkInterface != null) {
                results.add(live(new SessionTracker.Options(showSecrets, passwords, sink), err));
            }
        } catch (UncheckedIOException e) {
            throw new UserException(decryptOut + ": write error: " + e.getCause().getMessage());
        } finally {
            if (writer != null) {
                writer.close();
            }
        }

        if (connectionLog != null) {
            for (FileResult r : results) {
                if (r.report() != null) {
                    connectionLog.write(r.file(), r.report());
                }
            }
        }
        if (hashes != null) {
            int n = 0;
            for (FileResult r : results) {
                if (r.report() != null) {
                    for (ChapHandshake h : r.report().handshakes()) {
                        for (String line : HashLines.lines(h, hashes)) {
                            out.println(line);
                            n++;
                        }
                    }
                }
            }
            err.println("pptp4j inspect: " + n + " " + hashes.name().toLowerCase(Locale.ROOT) + " line" + (n == 1 ? "" : "s"));
        } else if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document(results, attack, writer)));
        } else {
            text(out, results, attack, writer);
        }
        out.flush();
        int exit = 0;
        for (FileResult r : results) {
            if (r.error() != null) {
                err.println("pptp4j inspect: " + r.error());
                exit = Main.EXIT_FAILURE;
            }
        }
        return exit;
    }

    /** Captures on {@link #networkInterface} until --duration ends or Ctrl-C (a shutdown hook stops the loop). */
    private FileResult live(SessionTracker.Options options, PrintWriter err) {
        SessionTracker tracker = new SessionTracker(options);
        InspectDecoder decoder = new InspectDecoder(tracker);
        String name = "interface " + networkInterface;
        try (PacketSocket socket = PacketSocket.open(networkInterface)) {
            Thread hook = new Thread(() -> {
                socket.stop();
                try {
                    reported.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "pptp4j-inspect-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            err.println("pptp4j inspect: capturing on " + networkInterface
                    + (duration != null ? " for " + duration + " s" : "") + "; Ctrl-C ends");
            err.flush();
            long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration * 1_000_000_000L;
            CapturedPacket packet = new CapturedPacket();
            String error = null;
            long nextLog = System.nanoTime();
            try {
                while (!socket.stopped()) {
                    long now = System.nanoTime();
                    long left = (end - now) / 1_000_000L;
                    if (left <= 0) {
                        break;
                    }
                    if (connectionLog != null && now - nextLog >= 0) {
                        // sessions that ended go to the log as they end, at most half a second late
                        connectionLog.write(name, tracker.takeEnded());
                        nextLog = now + 500_000_000L;
                    }
                    if (socket.receive(packet, (int) Math.min(left, 200))) {
                        decoder.packet(packet);
                    }
                }
            } catch (NativeException e) {
                error = name + ": " + e.getMessage();
            } catch (IOException e) {
                throw new UserException(log + ": cannot write the log: " + e.getMessage());
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook waits for the report
            }
            decoder.finish();
            return new FileResult(name, decoder.packets(), tracker.finish(), error);
        } catch (NativeException e) {
            throw new UserException("cannot capture on " + networkInterface + ": " + e.getMessage());
        }
    }

    /** Reads one file through the tracker; a file that cannot be read gives its error, not an exception. */
    static FileResult inspect(Path file, SessionTracker.Options options, DecryptedSink sink) {
        SessionTracker tracker = new SessionTracker(options);
        InspectDecoder decoder = new InspectDecoder(tracker);
        String error = null;
        try {
            CaptureFileReader.read(file, decoder);
        } catch (CaptureFileException e) {
            error = e.getMessage();
            if (!e.truncated() && e.packetsDelivered() == 0) {
                return new FileResult(file.toString(), 0, null, error);
            }
        }
        decoder.finish();
        return new FileResult(file.toString(), decoder.packets(), tracker.finish(), error);
    }

    private List<String> readPasswords() {
        if (passwordFile == null) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            if (out.isEmpty()) {
                throw new UserException(passwordFile + ": no password in the file");
            }
            return out;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserException(passwordFile + ": no such file");
        } catch (IOException e) {
            throw new UserException(passwordFile + ": cannot read: " + e.getMessage());
        }
    }

    private SecretsTable readSecrets() {
        if (secrets == null) {
            return null;
        }
        try {
            return SecretsFile.load(secrets);
        } catch (IOException e) {
            throw new UserException(e.getMessage().startsWith(secrets.toString()) ? e.getMessage() : secrets + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UserException(e.getMessage());
        }
    }

    private ObjectNode document(List<FileResult> results, DictionaryAttack.Outcome attack, RawPcapWriter writer) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ArrayNode filesNode = doc.putArray("files");
        ArrayNode sessions = doc.putArray("sessions");
        ArrayNode findings = doc.putArray("findings");
        for (FileResult r : results) {
            ObjectNode f = filesNode.addObject();
            f.put("file", r.file());
            f.put("packets", r.packets());
            if (r.error() != null) {
                f.put("error", r.error());
            }
            if (r.report() == null) {
                continue;
            }
            f.put("control_messages", r.report().controlMessages());
            f.put("gre_frames", r.report().greFrames());
            f.put("malformed", r.report().malformed());
            f.put("tcp_gaps", r.report().gaps());
            ArrayNode samples = f.putArray("malformed_samples");
            r.report().malformedSamples().forEach(samples::add);
            for (PptpSession s : r.report().sessions()) {
                sessions.add(ReportJson.session(r.file(), s, showSecrets));
            }
            for (Finding x : r.report().findings()) {
                findings.add(ReportJson.finding(r.file(), x));
            }
        }
        if (attack != null) {
            ObjectNode a = doc.putObject("wordlist");
            a.put("candidates", attack.candidates());
            a.put("seconds", attack.nanos() / 1e9);
            a.put("candidates_per_second", Math.round(attack.rate()));
            a.put("threads", attack.threads());
            ArrayNode cracked = a.putArray("results");
            for (DictionaryAttack.Result r : attack.results()) {
                ObjectNode o = cracked.addObject();
                o.put("user", r.handshake().user());
                o.put("session", r.handshake().sessionId());
                o.put("found", r.password() != null);
                if (r.password() != null) {
                    o.put("password", showSecrets ? r.password() : "[redacted]");
                }
            }
        }
        if (writer != null) {
            doc.put("decrypt_out", decryptOut.toString());
            doc.put("decrypt_out_packets", writer.packets());
        }
        return doc;
    }

    private void text(PrintWriter out, List<FileResult> results, DictionaryAttack.Outcome attack, RawPcapWriter writer) {
        for (FileResult r : results) {
            if (r.report() == null) {
                continue;
            }
            InspectReport rep = r.report();
            out.printf("%s: %d packets, %d PPTP control messages, %d GRE frames, %d malformed, %d TCP gaps, %d session%s%n",
                    r.file(), r.packets(), rep.controlMessages(), rep.greFrames(), rep.malformed(), rep.gaps(),
                    rep.sessions().size(), rep.sessions().size() == 1 ? "" : "s");
            for (String m : rep.malformedSamples()) {
                out.println("  malformed " + m);
            }
            for (PptpSession s : rep.sessions()) {
                ReportText.session(out, s, showSecrets);
            }
            if (rep.findings().isEmpty()) {
                out.println("findings: none");
            } else {
                out.println("findings:");
                rep.findings().forEach(f -> ReportText.finding(out, f));
            }
            out.println();
        }
        if (attack != null) {
            out.printf(Locale.ROOT, "wordlist: %d candidates in %.2f s on %d threads: %.0f candidates/s%n",
                    attack.candidates(), attack.nanos() / 1e9, attack.threads(), attack.rate());
            for (DictionaryAttack.Result r : attack.results()) {
                out.printf("  session %d user \"%s\": %s%n", r.handshake().sessionId(), r.handshake().user(),
                        r.password() == null ? "not in the list"
                                : "password " + (showSecrets ? "\"" + r.password() + "\"" : "found ([redacted]; --show-secrets shows it)"));
            }
        }
        if (writer != null) {
            out.printf("decrypted: %d inner IP packets written to %s%n", writer.packets(), decryptOut);
        }
    }
}
