package io.pptp4j.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pptp4j COMMAND --help} for every command Main registers, each in its own JVM as a user runs it:
 * picocli prints its "[picocli WARN] Could not format" lines (a description with a bare {@code %d})
 * straight to the process's standard error, past the streams Main is given, so only a real process
 * shows them.
 */
class HelpOfEveryCommandTest {

    /** The commands in Main's list, read from the command line itself so that a new one is covered too. */
    static Stream<String> commands() {
        StringWriter sink = new StringWriter();
        PrintWriter w = new PrintWriter(sink);
        return List.copyOf(Main.commandLine(w, w).getSubcommands().keySet()).stream();
    }

    @Test
    void theListHoldsEveryCommand() {
        assertThat(commands()).contains("lab", "decode", "server", "connect", "pppd", "scan", "probe", "inspect");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpExitsZeroWithUsageAndNoWarning(String command, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), command, "--help")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String stdout = read(out);
        String stderr = read(err);

        assertThat(done).as("pptp4j %s --help finished within 60 s", command).isTrue();
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(stdout).as("usage of %s", command).contains("Usage: pptp4j " + command);
        assertThat(stdout.lines().count()).as("usage of %s", command).isGreaterThan(2);
        assertThat(stdout).as("standard output of %s --help", command).doesNotContain("WARN");
        assertThat(stderr).as("standard error of %s --help", command).doesNotContain("WARN").isBlank();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"server, '%d numbered by the kernel (default: pptp%d)'",
            "connect, '(%d numbered by the kernel)'", "pppd, 'else ppp%d numbered by the kernel'"})
    void theInterfacePatternIsShownAsTyped(String command, String expected) {
        CliTestSupport r = CliTestSupport.run(command, "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains(expected).doesNotContain("%%");
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
