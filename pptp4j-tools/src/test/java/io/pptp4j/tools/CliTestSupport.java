package io.pptp4j.tools;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures what it printed. */
public record CliTestSupport(int exitCode, String out, String err) {
    public static CliTestSupport run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliTestSupport(code, out.toString(), err.toString());
    }
}
