package io.pptp4j.tools;

/**
 * A failure to report to the user in one line, with an exit code: a file that cannot be read, input
 * that does not decode, a peer that refused. Never shown with a stack trace.
 */
public final class UserException extends RuntimeException {
    private final int exitCode;

    public UserException(String message) { this(message, Main.EXIT_FAILURE); }

    public UserException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }
}
