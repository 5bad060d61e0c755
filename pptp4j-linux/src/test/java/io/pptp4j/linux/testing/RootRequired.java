package io.pptp4j.linux.testing;

import io.pptp4j.linux.netns.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place that decides what a test does when it needs root (namespaces, veth, raw sockets) and
 * this machine cannot give it: on CI ({@code CI=true}) the test fails, so a misconfigured runner is
 * seen; elsewhere (a developer without root) it is skipped.
 */
public final class RootRequired {
    private static final long CAP_NET_ADMIN = 1L << 12;
    private static final long CAP_NET_RAW = 1L << 13;
    private static final long CAP_SYS_ADMIN = 1L << 21;

    private RootRequired() {}

    /** Returns when the test can run; fails (CI) or aborts (elsewhere) with the reason otherwise. */
    public static void check() {
        String problem = problem();
        if (problem == null) {
            return;
        }
        String message = "needs Linux, root (CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_NET_RAW) and iproute2's ip: " + problem;
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("CI=true and this test " + message);
        }
        Assumptions.abort("skipped: this test " + message);
    }

    /** Why root-only tests cannot run here, or null when they can. */
    public static String problem() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "not Linux (" + System.getProperty("os.name") + ")";
        }
        if (!Commands.ipInstalled()) {
            return "no ip in /usr/sbin, /sbin, /usr/bin or /bin";
        }
        long effective;
        try {
            effective = effectiveCapabilities();
        } catch (IOException | RuntimeException e) {
            return "cannot read CapEff from /proc/self/status: " + e;
        }
        long needed = CAP_NET_ADMIN | CAP_NET_RAW | CAP_SYS_ADMIN;
        if ((effective & needed) != needed) {
            return "effective capabilities 0x" + Long.toHexString(effective) + " lack some of 0x" + Long.toHexString(needed);
        }
        return null;
    }

    private static long effectiveCapabilities() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
            }
        }
        throw new IOException("no CapEff line");
    }
}
