package io.pptp4j.linux.peers;

import io.pptp4j.linux.netns.Commands;
import io.pptp4j.linux.netns.NetworkNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An external program run by a test inside a network namespace ({@code ip netns exec NS ...}, which
 * execs without forking, so {@link #pid()} ends up the program's own pid), with its output in files
 * and every process it leads to killed on {@link #close}.
 *
 * <p>Peers fork and daemonize (pptpd forks pptpctrl, which forks the ppp program; pptp forks its
 * call manager twice over so that init adopts it), so neither the child tree nor a process group
 * finds them all. Each peer's environment carries {@code P4J_PEER_TAG=NAME-UUID} instead, which
 * every descendant inherits; {@link #close} kills every process whose /proc/PID/environ holds it.
 */
public final class PeerProcess implements AutoCloseable {
    public static final String TAG_VARIABLE = "P4J_PEER_TAG";
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final String BASH = findBash();

    private final String name;
    private final String tag;
    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Set<ProcessHandle> known = new HashSet<>();
    private boolean closed;

    private PeerProcess(String name, String tag, List<String> command, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.tag = tag;
        this.command = List.copyOf(command);
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code ip netns exec NS COMMAND...} with standard input from /dev/null and standard output
     * and error in {@code directory/NAME.stdout} and {@code .stderr}.
     *
     * @param environment variables added to the JVM's environment (and the tag)
     */
    public static PeerProcess start(NetworkNamespace namespace, Path directory, String name, List<String> command,
            Map<String, String> environment) throws IOException {
        Files.createDirectories(directory);
        String tag = name + "-" + UUID.randomUUID();
        List<String> full = new ArrayList<>(List.of(Commands.ip(), "netns", "exec", namespace.name()));
        full.addAll(command);
        Path out = directory.resolve(name + ".stdout");
        Path err = directory.resolve(name + ".stderr");
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        builder.environment().put(TAG_VARIABLE, tag);
        return new PeerProcess(name, tag, full, builder.start(), out, err);
    }

    /**
     * The command that runs {@code command} through {@code sandbox.sh} (copied into {@code directory}):
     * a private /dev whose /dev/log is {@code syslogSocket}, a private /run, and fd 0 connected to
     * 127.0.0.1:$P4J_PPP_PORT when that variable is set.
     */
    public static List<String> sandboxed(Path directory, Path syslogSocket, List<String> command) throws IOException {
        Path script = directory.resolve("sandbox.sh");
        if (!Files.exists(script)) {
            Files.createDirectories(directory);
            try (InputStream in = PeerProcess.class.getResourceAsStream("sandbox.sh")) {
                if (in == null) {
                    throw new IOException("resource io/pptp4j/linux/peers/sandbox.sh is missing");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> full = new ArrayList<>(List.of(BASH, script.toString(), syslogSocket.toString()));
        full.addAll(command);
        return full;
    }

    public String name() { return name; }

    /** The {@code P4J_PEER_TAG} value of this peer's processes. */
    public String tag() { return tag; }

    public List<String> command() { return command; }

    public long pid() { return process.pid(); }

    public boolean isAlive() { return process.isAlive(); }

    /** The exit status once the first process ended. */
    public Optional<Integer> exitCode() { return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue()); }

    public Path stdoutFile() { return stdout; }

    public Path stderrFile() { return stderr; }

    public String stdout() { return readQuietly(stdout); }

    public String stderr() { return readQuietly(stderr); }

    /**
     * The live processes that carry this peer's tag: the peer and everything it started. Each one
     * seen here is remembered, so that {@link #close} waits until it is reaped even if it ends by
     * itself (an orphan's zombie lingers until init reaps it).
     */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> found = tagged(tag);
        synchronized (known) {
            known.addAll(found);
        }
        return found;
    }

    /** SIGTERM to the first process, then up to {@code grace} for it to end; whether it ended. */
    public boolean terminate(Duration grace) throws InterruptedIOException {
        process.destroy();
        return waitFor(grace);
    }

    /** Waits up to {@code timeout} for the first process to end; whether it ended. */
    public boolean waitFor(Duration timeout) throws InterruptedIOException {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + name);
        }
    }

    /** Waits up to {@code timeout} until no process carries the tag; whether none does. */
    public boolean awaitNoProcesses(Duration timeout) throws InterruptedIOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!processes().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(20));
        }
        return true;
    }

    /** What a failure message should show about this peer: command, state and output. */
    public String describe() {
        return name + " `" + String.join(" ", command) + "` " + (isAlive() ? "running" : "exited with " + process.exitValue())
                + "\n  stdout: " + oneLine(stdout()) + "\n  stderr: " + oneLine(stderr());
    }

    /**
     * Kills (SIGKILL) every process with this peer's tag, and waits (bounded) until they and every
     * process {@link #processes()} ever returned are gone, reaped zombies included. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        processes();
        killTagged(tag);
        process.destroyForcibly();
        if (!waitFor(KILL_TIMEOUT)) {
            throw new IOException(name + " (pid " + process.pid() + ") is still alive " + KILL_TIMEOUT.toSeconds()
                    + " s after SIGKILL");
        }
        List<ProcessHandle> seen;
        synchronized (known) {
            seen = List.copyOf(known);
        }
        awaitReaped(seen, System.nanoTime() + KILL_TIMEOUT.toNanos());
    }

    /**
     * SIGKILLs every process whose environment holds {@code P4J_PEER_TAG=tag}, until none is left,
     * then waits until init has reaped them too (the orphans among them are its children), so that
     * not even a zombie shows in ps or pgrep. Bounded by {@link #KILL_TIMEOUT}; a zombie init has not
     * reaped by then is left to it.
     */
    public static void killTagged(String tag) throws IOException {
        long deadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
        List<ProcessHandle> killed = new ArrayList<>();
        List<ProcessHandle> left = tagged(tag);
        while (!left.isEmpty()) {
            left.forEach(ProcessHandle::destroyForcibly);
            killed.addAll(left);
            if (System.nanoTime() > deadline) {
                throw new IOException("processes tagged " + tag + " survive SIGKILL: " + describe(left));
            }
            sleep(Duration.ofMillis(20));
            left = tagged(tag);
        }
        awaitReaped(killed, deadline);
    }

    /** Waits until none of {@code processes} is alive, zombies included, or the deadline passed. */
    private static void awaitReaped(List<ProcessHandle> processes, long deadline) throws IOException {
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        List<ProcessHandle> running = processes.stream().filter(PeerProcess::isRunning).toList();
        if (!running.isEmpty()) {
            throw new IOException("processes still running after SIGKILL: " + describe(running));
        }
    }

    /** Whether {@code p} is alive and not a zombie (state Z in /proc/PID/stat). */
    public static boolean isRunning(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            int afterName = stat.lastIndexOf(')'); // the name may hold spaces and parentheses
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    /** The live processes whose environment holds {@code P4J_PEER_TAG=tag} (zombies have none). */
    public static List<ProcessHandle> tagged(String tag) {
        byte[] entry = (TAG_VARIABLE + "=" + tag).getBytes(StandardCharsets.UTF_8);
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : proc) {
                byte[] environ;
                try {
                    environ = Files.readAllBytes(dir.resolve("environ"));
                } catch (IOException e) {
                    continue; // ended meanwhile, or a kernel thread
                }
                if (holdsEntry(environ, entry)) {
                    ProcessHandle.of(Long.parseLong(dir.getFileName().toString())).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /** {@code pid command} of each process, for messages. */
    public static String describe(List<ProcessHandle> processes) {
        Map<Long, String> m = new LinkedHashMap<>();
        for (ProcessHandle p : processes) {
            m.put(p.pid(), p.info().command().orElse("?"));
        }
        return m.toString();
    }

    private static boolean holdsEntry(byte[] environ, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == entry.length && Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    static void sleep(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + p + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static String oneLine(String s) {
        String t = s.strip();
        return t.isEmpty() ? "(empty)" : t.replace("\n", "\n          ");
    }

    private static String findBash() {
        for (String p : List.of("/usr/bin/bash", "/bin/bash")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "bash";
    }
}
