package io.pptp4j.linux.peers;

import io.pptp4j.linux.netns.CommandResult;
import io.pptp4j.linux.netns.Commands;
import io.pptp4j.linux.netns.NetworkNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PoPToP's pptpd running in a network namespace: {@code pptpd --fg --conf CONF --pidfile PIDFILE} through
 * {@code sandbox.sh}, with its syslog (and that of the pptpctrl processes it forks, one per control
 * connection, which log as "pptpd" too) collected by a {@link SyslogCollector}.
 *
 * <pre>{@code
 * try (TwoHosts hosts = TwoHosts.create();
 *      PptpdPeer pptpd = PptpdPeer.start(hosts.server(), dir.resolve("pptpd"),
 *              PptpdConfig.of(TwoHosts.SERVER_ADDRESS, EchoPppProgram.write(dir).script()))) {
 *     ... connect to 192.0.2.2:1723 from hosts.client() ...
 * }
 * }</pre>
 *
 * <p>{@link #start} returns once TCP 1723 listens ({@code ss -ltn} in the namespace). {@link #close}
 * kills pptpd, every pptpctrl and every ppp program run (all tagged, see {@link PeerProcess}), and any
 * pptpd or pptpctrl left in the namespace.
 */
public final class PptpdPeer implements AutoCloseable {
    public static final int PORT = 1723;
    public static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern CONNECTION_STARTED = Pattern.compile("CTRL: Client (\\S+) control connection started");

    private final NetworkNamespace namespace;
    private final Path directory;
    private final PptpdConfig config;
    private final SyslogCollector syslog;
    private final PeerProcess process;
    private boolean closed;

    private PptpdPeer(NetworkNamespace namespace, Path directory, PptpdConfig config, SyslogCollector syslog,
            PeerProcess process) {
        this.namespace = namespace;
        this.directory = directory;
        this.config = config;
        this.syslog = syslog;
        this.process = process;
    }

    /**
     * Writes pptpd.conf and the options file into {@code directory} (made if missing), starts pptpd in
     * {@code namespace} and waits until it listens.
     *
     * @throws PeerTimeoutException when it does not listen within {@link #START_TIMEOUT} or dies first
     */
    public static PptpdPeer start(NetworkNamespace namespace, Path directory, PptpdConfig config) throws IOException {
        Files.createDirectories(directory);
        Path conf = directory.resolve("pptpd.conf");
        Path options = directory.resolve("pptpd-options");
        Files.writeString(options, config.optionsFile(), StandardCharsets.UTF_8);
        Files.writeString(conf, config.pptpdConf(options), StandardCharsets.UTF_8);
        SyslogCollector syslog = SyslogCollector.open(directory.resolve("syslog.sock"));
        PeerProcess process = null;
        try {
            process = PeerProcess.start(namespace, directory, "pptpd", PeerProcess.sandboxed(directory,
                    syslog.socketPath(), List.of("pptpd", "--fg", "--conf", conf.toString(),
                            "--pidfile", directory.resolve("pptpd.pid").toString())), Map.of());
            PptpdPeer peer = new PptpdPeer(namespace, directory, config, syslog, process);
            peer.awaitListening(START_TIMEOUT);
            return peer;
        } catch (IOException | RuntimeException | Error e) {
            closeAfterFailure(e, process, syslog);
            throw e;
        }
    }

    private void awaitListening(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String filter = "sport = :" + PORT;
        while (true) {
            CommandResult r = namespace.execUnchecked(Duration.ofSeconds(10), List.of("ss", "-Hltn", filter));
            if (r.exitCode() == 0 && r.stdout().contains(config.listenAddress().getHostAddress() + ":" + PORT)) {
                return;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new PeerTimeoutException("pptpd did not listen on " + config.listenAddress().getHostAddress()
                        + ":" + PORT + " within " + timeout.toMillis() + " ms: " + process.describe()
                        + "\n  syslog:\n" + syslog.transcript());
            }
            PeerProcess.sleep(Duration.ofMillis(25));
        }
    }

    public NetworkNamespace namespace() { return namespace; }

    public Path directory() { return directory; }

    public PptpdConfig config() { return config; }

    public Path confFile() { return directory.resolve("pptpd.conf"); }

    /** Where pptpd wrote its pid ({@code --pidfile}). */
    public Path pidFile() { return directory.resolve("pptpd.pid"); }

    public SyslogCollector syslog() { return syslog; }

    public PeerProcess process() { return process; }

    /** pptpd's pid (the process {@link PeerProcess} started). */
    public long pid() { return process.pid(); }

    /** pptpd, its pptpctrl children and their ppp programs, alive now. */
    public List<ProcessHandle> processes() { return process.processes(); }

    /**
     * Waits for pptpctrl's "CTRL: Client ADDRESS control connection started" for {@code count}
     * connections and returns their client addresses in order.
     */
    public List<String> awaitControlConnections(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> clients = new ArrayList<>();
            for (SyslogMessage m : syslog.messages()) {
                Matcher matcher = CONNECTION_STARTED.matcher(m.text());
                if (matcher.find()) {
                    clients.add(matcher.group(1));
                }
            }
            if (clients.size() >= count) {
                return clients;
            }
            if (System.nanoTime() > deadline) {
                throw new PeerTimeoutException(count + " control connection(s) expected within " + timeout.toMillis()
                        + " ms, pptpd saw " + clients + "; syslog:\n" + syslog.transcript());
            }
            PeerProcess.sleep(Duration.ofMillis(20));
        }
    }

    /** The pid in {@link #pidFile()}, empty when pptpd wrote none (yet). */
    public OptionalLong pidFromFile() throws IOException {
        if (!Files.exists(pidFile())) {
            return OptionalLong.empty();
        }
        String s = Files.readString(pidFile()).strip();
        return s.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
    }

    /**
     * Stops pptpd (SIGTERM, a short grace), then SIGKILLs every tagged process and any pptpd or
     * pptpctrl still in the namespace, and closes the syslog socket. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            process.processes(); // remembered: pptpd may end its children on SIGTERM, close waits until they are reaped
            process.terminate(Duration.ofSeconds(2));
            process.close();
            killLeftInNamespace();
        } catch (IOException e) {
            failure = e;
        }
        try {
            syslog.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** pptpd and pptpctrl processes in the namespace that lost the tag somehow: none are expected. */
    private void killLeftInNamespace() throws IOException {
        if (!namespace.exists()) {
            return;
        }
        CommandResult r = Commands.run(Duration.ofSeconds(10),
                List.of(Commands.ip(), "netns", "pids", namespace.name()));
        for (String line : r.stdout().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(p -> {
                String command = p.info().command().orElse("");
                if (command.endsWith("/pptpd") || command.endsWith("/pptpctrl")) {
                    p.destroyForcibly();
                }
            });
        }
    }

    static void closeAfterFailure(Throwable primary, AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                primary.addSuppressed(e);
            }
        }
    }

    @Override
    public String toString() {
        return "PptpdPeer[" + namespace.name() + " " + config.listenAddress().getHostAddress() + ":" + PORT + "]";
    }
}
