package io.pptp4j.tools.testing;

import io.pptp4j.linux.netns.NetworkNamespace;
import io.pptp4j.linux.testing.RootRequired;
import io.pptp4j.linux.testing.TwoHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up and clean-up that namespace tests of the command line share: two hosts on a veth
 * ({@link TwoHosts}, client 192.0.2.1, server 192.0.2.2), the {@code pptp4j} processes a test runs in
 * them, and a folder for the files those processes read (secrets and password files, which pptp4j
 * wants private).
 *
 * <pre>{@code
 * @RegisterExtension
 * final NetworkFixture net = new NetworkFixture();
 *
 * @Test
 * void connects() throws Exception {
 *     CliProcess server = net.startServer(Duration.ofSeconds(20), "--secrets", net.privateFile("chap-secrets", "alice * pw *\n").toString());
 *     CliProcess.Result r = CliProcess.run(net.hosts().client(), Duration.ofSeconds(20), "connect", "192.0.2.2", ...);
 * }
 * }</pre>
 *
 * <p>Before each test: {@link RootRequired#check()} (so the test fails on CI and is skipped elsewhere
 * when it cannot have namespaces), then {@link TwoHosts#create()}. After each test, also a failed one:
 * the processes started through {@link #start} and {@link #startServer} are closed, the last started
 * first, then the hosts, then the folder is deleted; a failure in one of these does not skip the
 * others (the first is thrown, the rest added to it as suppressed). A test may close a process itself
 * (to restart a server, say): {@link CliProcess#close()} may be called again.
 */
public final class NetworkFixture implements BeforeEachCallback, AfterEachCallback {
    private TwoHosts hosts;
    private final List<CliProcess> processes = new ArrayList<>();
    private Path folder;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        RootRequired.check();
        hosts = TwoHosts.create();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<Throwable> failures = new ArrayList<>();
        synchronized (processes) {
            for (int i = processes.size() - 1; i >= 0; i--) {
                closeCollecting(processes.get(i), failures);
            }
            processes.clear();
        }
        if (hosts != null) {
            closeCollecting(hosts, failures);
            hosts = null;
        }
        if (folder != null) {
            try {
                deleteTree(folder);
            } catch (IOException | RuntimeException | Error e) {
                failures.add(e);
            }
            folder = null;
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            if (first instanceof Error error) throw error;
            throw (Exception) first;
        }
    }

    /** The two hosts of the running test. */
    public TwoHosts hosts() {
        if (hosts == null) {
            throw new IllegalStateException("no hosts outside a test: register NetworkFixture with @RegisterExtension");
        }
        return hosts;
    }

    /** {@code pptp4j args} started in {@code namespace} (one of {@link #hosts()}), closed after the test. */
    public CliProcess start(NetworkNamespace namespace, String... args) throws IOException {
        CliProcess process = CliProcess.start(namespace, args);
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    /**
     * {@code pptp4j server --listen 192.0.2.2 extraArgs} started in the server's namespace; returns once it
     * says "listening on" (fails with its output when it does not within {@code wait}).
     */
    public CliProcess startServer(Duration wait, String... extraArgs) throws IOException, InterruptedException {
        return startServerOn(TwoHosts.SERVER_ADDRESS.getHostAddress(), wait, extraArgs);
    }

    /** As {@link #startServer}, listening on {@code listen} ({@code ADDRESS[:PORT]}). */
    public CliProcess startServerOn(String listen, Duration wait, String... extraArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("server", "--listen", listen));
        args.addAll(List.of(extraArgs));
        CliProcess server = start(hosts().server(), args.toArray(String[]::new));
        server.awaitOutput("listening on", wait);
        return server;
    }

    /** The test's own folder (mode 0700, made on first use), deleted after the test. */
    public Path folder() throws IOException {
        if (folder == null) {
            folder = Files.createTempDirectory("pptp4j-net-test");
        }
        return folder;
    }

    /** Writes {@code content} to {@code name} in {@link #folder()}, readable and writable by its owner only (0600). */
    public Path privateFile(String name, String content) throws IOException {
        Path file = folder().resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void closeCollecting(AutoCloseable closeable, List<Throwable> failures) {
        try {
            closeable.close();
        } catch (Exception | Error e) {
            failures.add(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        IOException failure = null;
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
