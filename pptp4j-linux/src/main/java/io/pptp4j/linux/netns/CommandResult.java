package io.pptp4j.linux.netns;

import java.util.List;

/**
 * A finished external command.
 *
 * @param command the program and its arguments
 * @param exitCode the exit status
 * @param stdout what it printed, decoded as UTF-8
 * @param stderr what it printed on standard error, decoded as UTF-8
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {
    public CommandResult {
        command = List.copyOf(command);
    }

    /** The command line as one string, for messages. */
    public String commandLine() { return String.join(" ", command); }
}
