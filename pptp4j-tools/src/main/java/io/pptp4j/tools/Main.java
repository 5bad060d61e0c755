package io.pptp4j.tools;

import io.pptp4j.tools.decode.DecodeCommand;
import io.pptp4j.tools.inspect.InspectCommand;
import io.pptp4j.tools.lab.LabCommand;
import io.pptp4j.tools.pppd.PppdCommand;
import io.pptp4j.tools.pptp.ConnectCommand;
import io.pptp4j.tools.pptp.ServerCommand;
import io.pptp4j.tools.scan.ProbeCommand;
import io.pptp4j.tools.scan.ScanCommand;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pptp4j} command line: a thin picocli shell over the library (STYLE.md point 3). */
@Command(name = "pptp4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "A faithful PPTP stack and the tools to find, inspect, restrict and retire PPTP.",
                ""},
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

    /**
     * The commands, in the order help lists them. Made on demand: a command's model (picocli reads its
     * annotations) is built only when it runs or help lists it, which keeps start-up short.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("lab", LabCommand::new);
        m.put("decode", DecodeCommand::new);
        m.put("server", ServerCommand::new);
        m.put("connect", ConnectCommand::new);
        m.put("pppd", PppdCommand::new);
        m.put("scan", ScanCommand::new);
        m.put("probe", ProbeCommand::new);
        m.put("inspect", InspectCommand::new);
        return m;
    }

    /** Runs the command line with the given streams and returns the exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err, args).execute(args);
    }

    /** The whole command line, every command registered. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, new String[0]);
    }

    /** The command line for {@code args}: only the command they name, or all of them (help, a typo). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cl = new CommandLine(new Main());
        Supplier<Object> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (named != null) {
            cl.addSubcommand(args[0], named.get());
        } else {
            COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
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
