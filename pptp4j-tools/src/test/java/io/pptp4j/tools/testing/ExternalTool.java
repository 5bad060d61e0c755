package io.pptp4j.tools.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a real peer program (tshark, nmap, pptpd...). Where the program is missing, a test is skipped
 * on a developer's machine and FAILS in CI (CI=true): a skipped check there would hide a missing install
 * step in .ci/run.
 */
public final class ExternalTool {
    private ExternalTool() {}

    public static Path require(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String why = program + " is not installed (.ci/run installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
        throw new IllegalStateException("unreachable");
    }

    /** Runs the program with a time limit; returns stdout, failing the test on a non-zero exit. */
    public static String run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, require(command[0]).toString());
        Path outFile = Files.createTempFile("pptp4j-tool", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(outFile.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                fail(String.join(" ", command) + " exited with " + p.exitValue());
            }
            return Files.readString(outFile, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(outFile);
        }
    }
}
