package io.pptp4j.tools;

import io.pptp4j.tools.decode.DecodeCommand;
import io.pptp4j.tools.lab.LabCommand;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pptp4j} command line: a thin picocli shell over the library (STYLE.md point 3). */
@Command(name = "pptp4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "A faithful PPTP stack and the tools to find, inspect, restrict and retire PPTP.",
                ""},
        subcommands = {LabCommand.class, DecodeCommand.class, io.pptp4j.tools.pptp.ServerCommand.class,
                io.pptp4j.tools.pptp.ConnectCommand.class, io.pptp4j.tools.pppd.PppdCommand.class,
                io.pptp4j.tools.scan.ScanCommand.class, io.pptp4j.tools.scan.ProbeCommand.class,
                io.pptp4j.tools.inspect.InspectCommand.class, CommandLine.HelpCommand.class},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'pptp4j COMMAND --help' for a command's options."})
public final class Main implements Runnable {

    /** Exit code for a usage error: unknown option, bad value, missing argument. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a failure the command reports itself (bad input, unreachable peer). */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // standard output is buffered (decode and inspect print a line per packet) and flushed at exit
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16), false);
        int code;
        try {
            code = run(args, out, new PrintWriter(System.err, true));
        } finally {
            out.flush();
        }
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(Main::failure);
        return cl;
    }

    /** One line naming what was wrong, then where to look; exit 2. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        cl.getErr().println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
        return EXIT_USAGE;
    }

    /** A failure while running: its message on one line, no stack trace (PPTP4J_DEBUG=1 shows it). */
    private static int failure(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        String name = cl.getCommandSpec().qualifiedName();
        if (ex instanceof UserException ue) {
            cl.getErr().println(name + ": " + ue.getMessage());
            return ue.exitCode();
        }
        cl.getErr().println(name + ": " + (ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName()));
        if (System.getenv("PPTP4J_DEBUG") != null) {
            ex.printStackTrace(new PrintWriter(cl.getErr(), true));
        }
        return EXIT_FAILURE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/pptp4j-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"pptp4j " + p.getProperty("version", "unknown"),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
