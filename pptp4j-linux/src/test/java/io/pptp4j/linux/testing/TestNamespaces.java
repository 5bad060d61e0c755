package io.pptp4j.linux.testing;

import io.pptp4j.linux.netns.Commands;
import io.pptp4j.linux.netns.CommandResult;
import io.pptp4j.linux.netns.NetworkNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names for the namespaces and interfaces tests make, unique per JVM and per run so that parallel or
 * crashed runs do not collide, and a sweep of what dead test JVMs left behind.
 *
 * <p>Namespaces are {@code p4j-PID-N-ROLE}; interfaces (15 characters at most) are
 * {@code p4jPID36-N36R} with the pid and counter in base 36 and one role letter.
 */
public final class TestNamespaces {
    public static final String PREFIX = "p4j";
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final Pattern NAMESPACE = Pattern.compile("p4j-(\\d+)-.*");
    private static final Pattern LINK_LINE = Pattern.compile("^\\d+:\\s+([^:@\\s]+)");
    private static final Pattern INTERFACE = Pattern.compile("p4j([0-9a-z]+)-[0-9a-z]+[a-z]");

    private TestNamespaces() {}

    /** {@code p4j-PID-N-ROLE}, e.g. {@code p4j-4711-3-client}. */
    public static String newNamespaceName(String role) {
        return PREFIX + "-" + PID + "-" + COUNTER.incrementAndGet() + "-" + role;
    }

    /** {@code p4jPID36-N36R}, e.g. {@code p4j3mn-3c}; {@code role} is one lower-case letter. */
    public static String newInterfaceName(char role) {
        if (role < 'a' || role > 'z') {
            throw new IllegalArgumentException("role letter " + role + " is not a-z");
        }
        return PREFIX + Long.toString(PID, 36) + "-" + Integer.toString(COUNTER.incrementAndGet(), 36) + role;
    }

    /** The pid in a name made here, when the name is one. */
    public static OptionalLong ownerPid(String name) {
        Matcher n = NAMESPACE.matcher(name);
        if (n.matches()) {
            return OptionalLong.of(Long.parseLong(n.group(1)));
        }
        Matcher i = INTERFACE.matcher(name);
        if (i.matches()) {
            return OptionalLong.of(Long.parseLong(i.group(1), 36));
        }
        return OptionalLong.empty();
    }

    /** {@link #sweepStale()} the first time it is called in this JVM. */
    public static void sweepStaleOnce() throws IOException {
        if (SWEPT.compareAndSet(false, true)) {
            sweepStale();
        }
    }

    /**
     * Deletes the namespaces, and the interfaces in this JVM's namespace, whose names say a test JVM
     * made them and whose pid is no longer alive; returns their names.
     */
    public static List<String> sweepStale() throws IOException {
        List<String> removed = new ArrayList<>();
        for (String name : NetworkNamespace.list()) {
            if (isStale(name)) {
                NetworkNamespace.delete(name);
                removed.add(name);
            }
        }
        for (String link : hostLinks()) {
            if (isStale(link)) {
                CommandResult r = Commands.run(Commands.DEFAULT_TIMEOUT, List.of(Commands.ip(), "link", "del", link));
                // the peer of a veth deleted just before is gone with it
                if (r.exitCode() != 0 && hostLinks().contains(link)) {
                    throw new IOException("cannot delete stale interface " + link + ": " + r.stderr().strip());
                }
                removed.add(link);
            }
        }
        return removed;
    }

    /** The interfaces in this JVM's own network namespace. */
    public static List<String> hostLinks() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Commands.ip("-o", "link", "show").stdout().split("\n")) {
            Matcher m = LINK_LINE.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static boolean isStale(String name) {
        OptionalLong pid = ownerPid(name);
        return pid.isPresent() && pid.getAsLong() != PID && ProcessHandle.of(pid.getAsLong()).isEmpty();
    }
}
