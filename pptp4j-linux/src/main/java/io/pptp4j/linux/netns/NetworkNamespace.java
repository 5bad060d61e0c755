package io.pptp4j.linux.netns;

import io.pptp4j.linux.net.Libc;
import io.pptp4j.linux.net.NativeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named network namespace made with iproute2 ({@code ip netns add NAME}, bound at /run/netns/NAME),
 * deleted on {@link #close} together with the veth interfaces in it.
 *
 * <p>Two ways in: {@link #exec} runs a program there ({@code ip netns exec}); {@link #call} runs Java
 * code on a platform thread that entered the namespace with setns(2), so sockets it opens live there
 * (see {@link NamespaceThread}).
 *
 * <p>Needs CAP_SYS_ADMIN and CAP_NET_ADMIN (root). Every {@code ip} command is checked: a failure
 * throws {@link CommandException} with the command line and what {@code ip} printed.
 */
public final class NetworkNamespace implements AutoCloseable {
    public static final Path RUN_NETNS = Path.of("/run/netns");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final Pattern LINK_LINE = Pattern.compile("^\\d+:\\s+([^:@\\s]+)");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String name;
    private boolean closed;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** {@code ip netns add NAME}; fails when the name is taken. */
    public static NetworkNamespace create(String name) throws IOException {
        if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("namespace name " + name + " is not of [A-Za-z0-9_.-]");
        }
        Commands.ip("netns", "add", name);
        return new NetworkNamespace(name);
    }

    public String name() { return name; }

    /** /run/netns/NAME, the file that keeps the namespace alive and that setns opens. */
    public Path path() { return RUN_NETNS.resolve(name); }

    /** Whether the namespace is still bound at {@link #path()}. */
    public boolean exists() { return Files.exists(path()); }

    /** {@code ip netns exec NAME COMMAND...}, checked. */
    public CommandResult exec(String... command) throws CommandException, InterruptedIOException {
        List<String> full = Commands.withIp(List.of("netns", "exec", name));
        full.addAll(List.of(command));
        return Commands.check(full);
    }

    /** {@code ip netns exec NAME COMMAND...} with a time limit, whatever its exit status. */
    public CommandResult execUnchecked(Duration timeout, List<String> command)
            throws CommandException, InterruptedIOException {
        List<String> full = Commands.withIp(List.of("netns", "exec", name));
        full.addAll(command);
        return Commands.run(timeout, full);
    }

    /** {@code ip -n NAME ARGS...}, checked. */
    public CommandResult ip(String... args) throws CommandException, InterruptedIOException {
        List<String> full = Commands.withIp(List.of("-n", name));
        full.addAll(List.of(args));
        return Commands.check(full);
    }

    /** {@code ip -n NAME link set lo up}: a new namespace has its loopback down. */
    public void loopbackUp() throws CommandException, InterruptedIOException {
        linkUp("lo");
    }

    public void linkUp(String interfaceName) throws CommandException, InterruptedIOException {
        ip("link", "set", interfaceName, "up");
    }

    public void addAddress(String interfaceName, Inet4Address address, int prefixLength)
            throws CommandException, InterruptedIOException {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..32");
        }
        ip("address", "add", address.getHostAddress() + "/" + prefixLength, "dev", interfaceName);
    }

    /** The names of the interfaces in the namespace ({@code ip -o link show}), {@code lo} included. */
    public List<String> linkNames() throws CommandException, InterruptedIOException {
        return parseLinkNames(ip("-o", "link", "show").stdout());
    }

    /**
     * Runs {@code task} on a new platform thread inside this namespace and returns its result; the
     * thread ends afterwards. Sockets the task opens stay in this namespace.
     */
    public <T, X extends Exception> T call(NamespaceTask<T, X> task) throws X, IOException {
        try (NamespaceThread thread = startThread()) {
            return thread.call(task);
        }
    }

    /** A long-lived thread in this namespace, e.g. for a receiver loop or repeated {@link #call}s. */
    public NamespaceThread startThread() throws IOException {
        return NamespaceThread.start(path(), "netns-" + name + "-" + THREADS.incrementAndGet());
    }

    /**
     * Deletes the veth interfaces in the namespace, then the namespace ({@code ip netns del}). The
     * kernel would delete the interfaces with the namespace, but only once nothing holds it, and an
     * open socket or a thread inside does. Idempotent.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            for (String link : parseLinkNames(ip("-o", "link", "show", "type", "veth").stdout())) {
                List<String> del = Commands.withIp(List.of("-n", name, "link", "del", link));
                CommandResult r = Commands.run(Commands.DEFAULT_TIMEOUT, del);
                // the peer of a veth deleted just before goes with it
                if (r.exitCode() != 0 && parseLinkNames(ip("-o", "link", "show").stdout()).contains(link)) {
                    throw new CommandException(r);
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        try {
            Commands.ip("netns", "del", name);
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

    @Override
    public String toString() { return "NetworkNamespace[" + name + "]"; }

    /** The names {@code ip netns list} shows. */
    public static List<String> list() throws CommandException, InterruptedIOException {
        List<String> names = new ArrayList<>();
        for (String line : Commands.ip("netns", "list").stdout().split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                names.add(trimmed.split("\\s+", 2)[0]); // "NAME (id: 3)"
            }
        }
        return names;
    }

    /** {@code ip netns del NAME} for a namespace this object does not hold, e.g. one left by a crash. */
    public static void delete(String name) throws CommandException, InterruptedIOException {
        Commands.ip("netns", "del", name);
    }

    /**
     * Moves the calling thread into the network namespace bound at {@code namespacePath}:
     * open(O_RDONLY | O_CLOEXEC), setns(fd, CLONE_NEWNET), close. The thread stays there for good: call
     * this only on a thread you own ({@link NamespaceThread} does).
     *
     * @throws IllegalStateException on a virtual thread
     */
    public static void enterOnCurrentThread(Path namespacePath) throws NativeException {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("setns on a virtual thread would move its carrier thread");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            String path = namespacePath.toString();
            int fd = Libc.check(Libc.open(state, arena.allocateFrom(path), Libc.O_RDONLY | Libc.O_CLOEXEC), state,
                    () -> "open(" + path + ")");
            try {
                Libc.check(Libc.setns(state, fd, Libc.CLONE_NEWNET), state, () -> "setns(" + path + ", CLONE_NEWNET)");
            } finally {
                Libc.close(state, fd);
            }
        }
    }

    static List<String> parseLinkNames(String ipOneLineOutput) {
        List<String> names = new ArrayList<>();
        for (String line : ipOneLineOutput.split("\n")) {
            Matcher m = LINK_LINE.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
