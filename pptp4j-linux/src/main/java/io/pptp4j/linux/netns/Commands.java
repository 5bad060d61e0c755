package io.pptp4j.linux.netns;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands with a time limit. Output goes to temporary files, so a chatty command can
 * neither block on a full pipe nor need reader threads.
 *
 * <p>A command inherits the network namespace of the thread that starts it, so one started inside
 * {@link NetworkNamespace#call} runs in that namespace.
 */
public final class Commands {
    /** The limit for {@code ip} commands: they answer in milliseconds unless the system is stuck. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final String IP = findIp();

    private Commands() {}

    /** The path of iproute2's {@code ip}, or plain {@code ip} when not in a usual place (PATH decides). */
    public static String ip() { return IP; }

    /** Whether iproute2's {@code ip} is installed in /usr/sbin, /sbin, /usr/bin or /bin. */
    public static boolean ipInstalled() { return !IP.equals("ip"); }

    /** Runs {@code command}; the result whatever the exit status. */
    public static CommandResult run(Duration timeout, List<String> command) throws CommandException, InterruptedIOException {
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("p4j-cmd-", ".out");
            err = Files.createTempFile("p4j-cmd-", ".err");
            process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new CommandException(command, "did not finish within " + timeout.toMillis() + " ms", null);
            }
            return new CommandResult(command, process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for `"
                    + String.join(" ", command) + "`");
            interrupted.initCause(e);
            throw interrupted;
        } catch (IOException e) {
            throw new CommandException(command, "could not run: " + e.getMessage(), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Runs {@code command} and throws {@link CommandException} unless it exits with 0. */
    public static CommandResult check(List<String> command) throws CommandException, InterruptedIOException {
        CommandResult result = run(DEFAULT_TIMEOUT, command);
        if (result.exitCode() != 0) {
            throw new CommandException(result);
        }
        return result;
    }

    /** {@code ip ARGS...}, checked. */
    public static CommandResult ip(String... args) throws CommandException, InterruptedIOException {
        return check(withIp(List.of(args)));
    }

    static List<String> withIp(List<String> args) {
        var command = new java.util.ArrayList<String>(args.size() + 1);
        command.add(IP);
        command.addAll(args);
        return command;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is not worth failing the command for
            }
        }
    }

    private static String findIp() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            Path p = Path.of(dir, "ip");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return "ip";
    }
}
