package io.pptp4j.tools.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.tools.CliTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one line naming what was wrong, exit 2, no stack trace, nothing sent. */
class ScanCommandTest {
    @TempDir
    Path dir;

    private static void refused(CliTestSupport r, String line) {
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(line);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void refusesABadTarget() {
        refused(CliTestSupport.run("scan", "192.0.2.0/40"),
                "pptp4j scan: target '192.0.2.0/40': prefix length must be 0 to 32, found '40'");
    }

    @Test
    void refusesBadPorts() {
        refused(CliTestSupport.run("scan", "-p", "1723,70000", "192.0.2.1"),
                "pptp4j scan: -p '1723,70000': port 70000 is not 1 to 65535");
    }

    @Test
    void refusesNoTargets() {
        refused(CliTestSupport.run("scan"), "pptp4j scan: no targets: give addresses, blocks or names, or -iL FILE");
    }

    @Test
    void refusesABadLineInATargetFileNamingTheLine() throws Exception {
        Path f = dir.resolve("targets.txt");
        Files.writeString(f, "# office\n192.0.2.1, 192.0.2.2\n198.51.100.0/99\n");
        refused(CliTestSupport.run("scan", "-iL", f.toString()),
                "pptp4j scan: -iL " + f + ":3: '198.51.100.0/99': prefix length must be 0 to 32, found '99'");
    }

    @Test
    void refusesAnExclusionItCannotHonour() {
        refused(CliTestSupport.run("scan", "192.0.2.1", "--exclude", "192.0.2.0/24,no-such-host.invalid"),
                "pptp4j scan: exclusion no-such-host.invalid: cannot resolve it, so it cannot be honoured");
    }

    @Test
    void refusesABadFingerprintFile() throws Exception {
        Path f = dir.resolve("fp.json");
        Files.writeString(f, "{\"products\":[{\"id\":\"x\",\"vendor\":\"a\",\"product\":\"p\",\"confidence\":\"maybe\"}]}");
        refused(CliTestSupport.run("scan", "192.0.2.1", "--fingerprints", f.toString()),
                "pptp4j scan: --fingerprints " + f + ": confidence 'maybe' is not high, medium or low");
    }

    @Test
    void everyTargetExcludedScansNothing() {
        CliTestSupport r = CliTestSupport.run("scan", "192.0.2.0/30", "--exclude", "192.0.2.0/24", "-o", "jsonl");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("scanned 0 targets");
    }
}
