package io.pptp4j.linux.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.wire.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EchoPppProgramTest {
    /** {@link EchoPppProgram#LCP_GREETING} framed with FCS-16 and the default ACCM (RFC 1662), worked out apart. */
    private static final Bytes FRAMED_GREETING = Bytes.fromHex("7eff7d23c0217d21427d207d2a7d257d26505050506a807e");

    @TempDir
    Path dir;

    @Test
    void escapesEveryOctetInOctal() {
        assertThat(EchoPppProgram.printfEscapes(new byte[] {0x7E, (byte) 0xFF, '%', '\\', '\'', 0}))
                .isEqualTo("\\176\\377\\045\\134\\047\\000");
    }

    @Test
    void scriptPrintsTheFramedGreeting() throws Exception {
        EchoPppProgram ppp = EchoPppProgram.write(dir);
        String script = Files.readString(ppp.script());
        String escapes = EchoPppProgram.printfEscapes(FRAMED_GREETING.toArray());
        assertThat(script).contains("printf '" + escapes + "'")
                .contains("dir='" + dir.resolve("ppp-calls") + "'")
                .doesNotContain("@DIRECTORY@", "@GREETING@");
        assertThat(Files.getPosixFilePermissions(ppp.script())).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        // the shell the script runs in turns the escapes back into the frame
        Process p = new ProcessBuilder("sh", "-c", "printf '" + escapes + "'").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Bytes.of(p.getInputStream().readAllBytes())).isEqualTo(FRAMED_GREETING);
    }

    @Test
    void scriptsAreValidShell() throws Exception {
        EchoPppProgram ppp = EchoPppProgram.write(dir);
        Path sandbox = PeerProcess.sandboxed(dir, dir.resolve("log.sock"), List.of("true")).get(1).transform(Path::of);
        for (List<String> check : List.of(List.of("sh", "-n", ppp.script().toString()), List.of("bash", "-n", sandbox.toString()))) {
            Process p = new ProcessBuilder(check).redirectErrorStream(true).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(p.getInputStream().readAllBytes())).as(String.join(" ", check)).isEmpty();
            assertThat(p.exitValue()).isZero();
        }
    }

    @Test
    void readsTheRecordsOfEachRun() throws Exception {
        EchoPppProgram ppp = EchoPppProgram.write(dir);
        Path calls = dir.resolve("ppp-calls");
        Files.writeString(calls.resolve("call-900.argv"), ppp.script() + "\nlocal\nfile\n/x/options\n");
        Files.writeString(calls.resolve("call-77.argv"), ppp.script() + "\nlocal\n");
        Files.writeString(calls.resolve("call-77.ready"), "");
        Files.write(calls.resolve("call-77.received"), new byte[] {0x7E, 0x01});
        assertThat(ppp.invocations()).containsExactly(
                new EchoPppProgram.Invocation(77, List.of(ppp.script().toString(), "local"), true, Bytes.ofInts(0x7E, 0x01)),
                new EchoPppProgram.Invocation(900, List.of(ppp.script().toString(), "local", "file", "/x/options"), false,
                        Bytes.EMPTY));
    }
}
