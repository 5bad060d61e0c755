package io.pptp4j.tools.testing;

import io.pptp4j.linux.netns.NetworkNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code pptp4j ARGS} run as its own process inside a network namespace, from this JVM's classpath (so
 * it works in the test phase, before the jar is packaged). Output goes to a file that the test can wait
 * on; {@link #close()} kills the process tree, whatever happened.
 */
public final class CliProcess implements AutoCloseable {
    private final Process process;
    private final Path output;
    private final String description;

    private CliProcess(Process process, Path output, String description) {
        this.process = process;
        this.output = output;
        this.description = description;
    }

    public static CliProcess start(NetworkNamespace ns, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "io.pptp4j.tools.Main"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("pptp4j-cli", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return new CliProcess(p, out, String.join(" ", args));
    }

    /**
     * A script in {@code dir} that runs {@code pptp4j pppd ARGS "$@"} from this JVM's classpath, its
     * standard error appended to {@code dir/pppd.log}: the program pptpd's {@code ppp} option names
     * (pppd cannot run here).
     */
    public static Path pppdScript(Path dir, String... args) throws IOException {
        Path script = dir.resolve("pptp4j-pppd");
        Files.writeString(script, "#!/bin/sh\nexec " + Path.of(System.getProperty("java.home"), "bin", "java")
                + " --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp '" + System.getProperty("java.class.path")
                + "' io.pptp4j.tools.Main pppd " + String.join(" ", args) + " \"$@\" 2>>" + dir.resolve("pppd.log") + "\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** Runs to completion (bounded) and returns the exit code and output. */
    public static Result run(NetworkNamespace ns, Duration timeout, String... args) throws IOException, InterruptedException {
        try (CliProcess p = start(ns, args)) {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("pptp4j " + p.description + " did not finish in " + timeout + ":\n" + p.output());
            }
            return new Result(p.process.exitValue(), p.output());
        }
    }

    public record Result(int exitCode, String output) {}

    /** Waits (bounded) until the output matches {@code regex}; fails with the output otherwise. */
    public void awaitOutput(String regex, Duration timeout) throws IOException, InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pattern.matcher(output()).find()) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no /" + regex + "/ from pptp4j " + description + " within " + timeout
                + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + ":\n" + output());
    }

    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.ISO_8859_1);
    }

    public boolean isAlive() { return process.isAlive(); }

    public Process process() { return process; }

    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(output);
    }
}
