package io.pptp4j.linux.netns;

import java.io.IOException;
import java.util.List;

/**
 * An external command ({@code ip ...}) failed, did not finish in time or could not start. The message
 * has the command line and its standard error, e.g.
 * {@code `ip netns add p4j-1-1` exited with 1: Cannot create namespace file "/run/netns/p4j-1-1": File exists}.
 */
public final class CommandException extends IOException {
    private final List<String> command;
    private final int exitCode;
    private final String stderr;

    CommandException(CommandResult result) {
        super("`" + result.commandLine() + "` exited with " + result.exitCode() + ": " + describe(result.stderr()));
        this.command = result.command();
        this.exitCode = result.exitCode();
        this.stderr = result.stderr();
    }

    CommandException(List<String> command, String problem, Throwable cause) {
        super("`" + String.join(" ", command) + "` " + problem, cause);
        this.command = List.copyOf(command);
        this.exitCode = -1;
        this.stderr = "";
    }

    public List<String> command() { return command; }

    /** The exit status, -1 when the command did not start or finish. */
    public int exitCode() { return exitCode; }

    public String stderr() { return stderr; }

    private static String describe(String stderr) {
        String s = stderr.strip();
        return s.isEmpty() ? "(no message)" : s;
    }
}
