package io.pptp4j.tools.scan;

import io.pptp4j.scan.Exclusions;
import io.pptp4j.scan.FingerprintDatabase;
import io.pptp4j.scan.PortList;
import io.pptp4j.scan.ScanAssessor;
import io.pptp4j.scan.ScanStatus;
import io.pptp4j.scan.TargetSpec;
import io.pptp4j.scan.TargetStream;
import io.pptp4j.tools.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pptp4j scan}: find PPTP servers, read their Start-Control-Connection-Reply, fingerprint and judge them. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find PPTP servers: for each target, a TCP connection, a Start-Control-Connection-Request, a strict "
                + "parse of the reply (every field), a polite Stop-Control-Connection, then a fingerprint from a data file "
                + "and findings with remediation.",
                "Statuses: pptp, not-pptp (with the first bytes the service sent), closed, filtered, error.",
                "Ctrl-C stops starting new connections and prints what was found so far."})
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /**
     * The slow parts of a scan's start-up, begun when the command is made, so that they overlap with
     * picocli reading the options: linking the epoll engine's system calls (about 0.15 s) and reading the
     * bundled fingerprint file. A daemon: when the command does not run (help, a usage error) the JVM
     * does not wait for it. Whatever fails here fails again, and is reported, where it is used.
     */
    private final java.util.concurrent.FutureTask<FingerprintDatabase> prefetch = new java.util.concurrent.FutureTask<>(() -> {
        // without native access the JVM would warn about the linking: that is left to a scan that runs
        if (ScanCommand.class.getModule().isNativeAccessEnabled()) EpollScanEngine.available();
        return FingerprintFile.bundled();
    });

    public ScanCommand() {
        Thread.ofPlatform().daemon().name("scan-prefetch").start(prefetch);
    }

    @Parameters(paramLabel = "TARGET", arity = "0..*",
            description = "addresses, CIDR blocks (192.0.2.0/24, 2001:db8::/120) and host names")
    List<String> targets = new ArrayList<>();

    @Option(names = "-iL", paramLabel = "FILE", description = "read targets from FILE (white space, commas or lines; # comments)")
    Path targetFile;

    @Option(names = "-p", paramLabel = "PORTS", defaultValue = "1723", description = "ports: 1723,10000-10010 (default: ${DEFAULT-VALUE})")
    String ports;

    @Option(names = "--exclude", paramLabel = "LIST", split = ",", description = "never touch these addresses, blocks or names")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--exclude-file", paramLabel = "FILE", description = "never touch the targets in FILE")
    Path excludeFile;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "3000",
            description = "for the connection and for the reply, in milliseconds (default: ${DEFAULT-VALUE})")
    int timeoutMillis;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1024", description = "targets in flight at most (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = "new connections a second at most; 0 for no limit (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = {"-o", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, jsonl, csv or sarif (default: ${DEFAULT-VALUE})")
    ResultWriter.Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "write the results to FILE instead of standard output")
    Path output;

    @Option(names = "--fingerprints", paramLabel = "FILE", description = "fingerprint data file (JSON) instead of the bundled one")
    Path fingerprints;

    @Option(names = "--pipeline", description = "send the Stop-Control-Connection-Request with the Start request, not after "
            + "the reply: faster (a round trip less), and fine for stacks that read the stream in order, as TCP allows")
    boolean pipeline;

    @Option(names = "--engine", hidden = true, paramLabel = "E", defaultValue = "auto",
            description = "auto, epoll (Linux) or nio: the I/O engine (default: ${DEFAULT-VALUE})")
    String engineName;

    @Option(names = "--no-progress", description = "no progress line on standard error, even on a terminal")
    boolean noProgress;

    @Option(names = "--hostname", paramLabel = "H", defaultValue = "pptp4j-scan", description = "Host Name in our SCCRQ (default: ${DEFAULT-VALUE})")
    String hostName;

    @Option(names = "--vendor", paramLabel = "V", defaultValue = "pptp4j", description = "Vendor String in our SCCRQ (default: ${DEFAULT-VALUE})")
    String vendor;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (timeoutMillis < 1 || timeoutMillis > 600_000) throw new UserException("--timeout " + timeoutMillis + ": must be 1 to 600000 ms", 2);
        if (concurrency < 1 || concurrency > 100_000) throw new UserException("--concurrency " + concurrency + ": must be 1 to 100000", 2);
        if (rate < 0) throw new UserException("--rate " + rate + ": must be 0 (no limit) or more", 2);
        if (hostName.length() > 63 || vendor.length() > 63) throw new UserException("--hostname and --vendor: at most 63 characters", 2);
        PortList portList = usage(() -> PortList.parse(ports), "-p");
        List<TargetSpec> given = new ArrayList<>();
        for (String t : targets) given.add(usage(() -> TargetSpec.parse(t), "target"));
        if (targetFile != null) {
            try {
                TargetFile.check(targetFile);
            } catch (IOException e) {
                throw new UserException("-iL " + targetFile + ": cannot read: " + e.getMessage(), 2);
            } catch (IllegalArgumentException e) {
                throw new UserException("-iL " + e.getMessage(), 2);
            }
        }
        if (given.isEmpty() && targetFile == null) throw new UserException("no targets: give addresses, blocks or names, or -iL FILE", 2);
        Exclusions exclusions = exclusions();
        FingerprintDatabase db = database();
        TargetFile file = targetFile != null ? TargetFile.open(targetFile) : null;
        Iterator<TargetSpec> specs = file == null ? given.iterator()
                : Stream.concat(given.stream(), java.util.stream.StreamSupport.stream(
                        java.util.Spliterators.spliteratorUnknownSize(file, 0), false)).iterator();
        TargetStream stream = new TargetStream(specs, portList, exclusions, ScanCommand::resolve);
        ScanEngine.Settings settings = new ScanEngine.Settings(concurrency, rate, timeoutMillis,
                new ScanAssessor(db, LocalDate.now()), hostName, vendor, pipeline);
        ScanEngine engine = switch (engineName) {
            case "auto" -> ScanEngine.create(settings);
            case "nio" -> new NioScanEngine(settings);
            case "epoll" -> {
                if (!EpollScanEngine.available()) throw new UserException("--engine epoll: not available here (Linux, native access)", 2);
                yield new EpollScanEngine(settings);
            }
            default -> throw new UserException("--engine " + engineName + ": must be auto, epoll or nio", 2);
        };

        PrintWriter out = output == null ? stdout
                : new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(output),
                        StandardCharsets.UTF_8.newEncoder()), 1 << 16), false); // a write(2) per 64 KiB, not per 8
        PrintWriter summaryOut = format == ResultWriter.Format.TABLE && output == null ? stdout : err;
        ResultWriter writer = ResultWriter.of(format, out, version());
        ScanSummary summary = new ScanSummary();
        Object lock = new Object();
        boolean[] ended = {false};
        long t0 = System.nanoTime();
        Runnable finish = () -> {
            synchronized (lock) {
                if (ended[0]) return;
                ended[0] = true;
                writer.end();
                out.flush();
                summaryOut.println(summary.line((System.nanoTime() - t0) / 1e9, engine.isStopped()));
                summaryOut.flush();
            }
        };
        Thread hook = new Thread(() -> {
            engine.stop();
            if (progress != null) progress.clear();
            finish.run();
        }, "scan-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        progress = !noProgress && System.console() != null && System.console().isTerminal()
                ? new ScanProgress(err, summary, total(given, portList)) : null;
        synchronized (lock) {
            writer.begin();
        }
        try {
            if (progress != null) progress.start();
            engine.run(stream, r -> {
                synchronized (lock) {
                    summary.add(r);
                    if (!ended[0]) writer.write(r);
                }
            });
        } finally {
            if (progress != null) progress.clear();
            if (file != null) file.close();
        }
        finish.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it found the results written
        }
        if (output != null) out.close();
        if (stream.excluded() > 0 && format == ResultWriter.Format.TABLE) {
            summaryOut.println("excluded " + stream.excluded() + " address" + (stream.excluded() == 1 ? "" : "es"));
        }
        return summary.count(ScanStatus.ERROR) == summary.total() && summary.total() > 0 ? 1 : 0;
    }

    private volatile ScanProgress progress;

    private Exclusions exclusions() {
        List<TargetSpec> specs = new ArrayList<>();
        for (String e : exclude) {
            if (!e.isBlank()) specs.add(usage(() -> TargetSpec.parse(e), "--exclude"));
        }
        if (excludeFile != null) {
            try (TargetFile f = TargetFile.open(excludeFile)) {
                f.forEachRemaining(specs::add);
            } catch (IOException e) {
                throw new UserException("--exclude-file " + excludeFile + ": cannot read: " + e.getMessage(), 2);
            } catch (IllegalArgumentException e) {
                throw new UserException("--exclude-file " + e.getMessage(), 2);
            }
        }
        List<TargetSpec> resolved = new ArrayList<>();
        for (TargetSpec s : specs) {
            if (s instanceof TargetSpec.HostName h) {
                try {
                    for (InetAddress a : resolve(h.name())) resolved.add(new TargetSpec.Address(a));
                } catch (UnknownHostException e) {
                    throw new UserException("exclusion " + h.name() + ": cannot resolve it, so it cannot be honoured", 2);
                }
            } else {
                resolved.add(s);
            }
        }
        return Exclusions.of(resolved);
    }

    private FingerprintDatabase database() {
        if (fingerprints == null) {
            try {
                return prefetch.get();
            } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                return FingerprintFile.bundled();
            }
        }
        try {
            return FingerprintFile.load(fingerprints);
        } catch (IOException e) {
            throw new UserException("--fingerprints " + fingerprints + ": cannot read: " + e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            throw new UserException("--fingerprints " + e.getMessage(), 2);
        }
    }

    private static List<InetAddress> resolve(String name) throws UnknownHostException {
        return Arrays.asList(InetAddress.getAllByName(name));
    }

    /** Targets given on the command line times ports (a file's are not counted): for the progress line. */
    private long total(List<TargetSpec> given, PortList portList) {
        if (targetFile != null) return -1;
        long n = 0;
        for (TargetSpec s : given) {
            n += s instanceof TargetSpec.Block b ? b.size().min(java.math.BigInteger.valueOf(Long.MAX_VALUE / 65536)).longValue() : 1;
        }
        return n * portList.size();
    }

    private static <T> T usage(java.util.function.Supplier<T> parse, String what) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UserException(what + " " + e.getMessage(), 2);
        }
    }

    static String version() {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = ScanCommand.class.getResourceAsStream("/pptp4j-version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // the version is decoration
        }
        return p.getProperty("version", "unknown");
    }
}
