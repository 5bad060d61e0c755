package io.pptp4j.linux.netns;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pair of virtual Ethernet interfaces (veth(4)): what one end sends, the other receives. Each end
 * lives in a {@link NetworkNamespace} or in the namespace of the JVM's process (the "host" end). Made
 * with one {@code ip link add ... type veth peer name ... netns ...}, so no end is ever visible outside
 * the namespace it is meant for; deleted on {@link #close} (deleting one end deletes both).
 */
public final class VethPair implements AutoCloseable {
    /** IFNAMSIZ - 1. */
    public static final int MAX_NAME_LENGTH = 15;

    /** One end of the pair. */
    public static final class End {
        private final String name;
        private final NetworkNamespace namespace;

        private End(String name, NetworkNamespace namespace) {
            this.name = name;
            this.namespace = namespace;
        }

        public String name() { return name; }

        /** The namespace, empty for the end in the JVM process's own namespace. */
        public Optional<NetworkNamespace> namespace() { return Optional.ofNullable(namespace); }

        /** {@code ip [-n NS] address add ADDRESS/PREFIX dev NAME}. */
        public End addAddress(Inet4Address address, int prefixLength) throws CommandException, InterruptedIOException {
            if (prefixLength < 0 || prefixLength > 32) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..32");
            }
            ip("address", "add", address.getHostAddress() + "/" + prefixLength, "dev", name);
            return this;
        }

        /** {@code ip [-n NS] link set NAME up}. */
        public End up() throws CommandException, InterruptedIOException {
            ip("link", "set", name, "up");
            return this;
        }

        /** {@code ip [-n NS] ARGS...} in this end's namespace, checked. */
        public CommandResult ip(String... args) throws CommandException, InterruptedIOException {
            return Commands.check(command(args));
        }

        List<String> command(String... args) {
            List<String> command = new ArrayList<>();
            if (namespace != null) {
                command.add("-n");
                command.add(namespace.name());
            }
            command.addAll(List.of(args));
            return Commands.withIp(command);
        }

        /** Whether the interface is there: its namespace exists and lists it. */
        boolean exists() throws IOException {
            if (namespace != null && !namespace.exists()) {
                return false;
            }
            CommandResult r = Commands.run(Commands.DEFAULT_TIMEOUT, command("-o", "link", "show", "dev", name));
            return r.exitCode() == 0 && NetworkNamespace.parseLinkNames(r.stdout()).contains(name);
        }

        @Override
        public String toString() {
            return namespace == null ? name : namespace.name() + "/" + name;
        }
    }

    private final End end;
    private final End peer;
    private boolean closed;

    private VethPair(End end, End peer) {
        this.end = end;
        this.peer = peer;
    }

    /**
     * A pair with {@code name} in the namespace of the thread that runs {@code ip} (the JVM process's,
     * unless called inside {@link NetworkNamespace#call}) and {@code peerName} in {@code peerNamespace}.
     */
    public static VethPair create(String name, NetworkNamespace peerNamespace, String peerName) throws IOException {
        return create(null, name, peerNamespace, peerName);
    }

    /** A pair with {@code name} in {@code namespace} and {@code peerName} in {@code peerNamespace}. */
    public static VethPair create(NetworkNamespace namespace, String name, NetworkNamespace peerNamespace,
            String peerName) throws IOException {
        checkName(name);
        checkName(peerName);
        End end = new End(name, namespace);
        End peer = new End(peerName, peerNamespace);
        // "name" keeps a short name such as "a" from being read as a keyword ("address")
        end.ip("link", "add", "name", name, "type", "veth", "peer", "name", peerName, "netns", peerNamespace.name());
        return new VethPair(end, peer);
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.equals(".") || name.equals("..")
                || !name.chars().allMatch(c -> c > ' ' && c < 0x7F && c != '/' && c != ':')) {
            throw new IllegalArgumentException("interface name \"" + name + "\" is not 1.." + MAX_NAME_LENGTH
                    + " printable characters without '/', ':' or spaces");
        }
    }

    /** The end made first: in the JVM's namespace or the first namespace given. */
    public End end() { return end; }

    /** The end made in the peer namespace. */
    public End peer() { return peer; }

    /**
     * Deletes the pair unless it is gone already (its namespace deleted, or the peer's). Idempotent.
     *
     * @throws CommandException when {@code ip link del} fails and the interface is still there
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!end.exists()) {
            return;
        }
        CommandResult r = Commands.run(Commands.DEFAULT_TIMEOUT, end.command("link", "del", name()));
        if (r.exitCode() != 0 && end.exists()) {
            throw new CommandException(r);
        }
    }

    private String name() { return end.name; }

    @Override
    public String toString() { return "VethPair[" + end + " <-> " + peer + "]"; }
}
