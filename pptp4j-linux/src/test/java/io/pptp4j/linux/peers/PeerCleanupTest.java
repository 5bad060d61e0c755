package io.pptp4j.linux.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.linux.netns.Commands;
import io.pptp4j.linux.netns.NetworkNamespace;
import io.pptp4j.linux.testing.RootRequired;
import io.pptp4j.linux.testing.TwoHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every fixture leaves no namespace and no process behind, also when the test body throws. */
class PeerCleanupTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void peersLeaveNoProcessOrNamespaceWhenTheBodyThrows() throws Exception {
        RootRequired.check(); // before the lambda, whose exceptions the assertion catches
        List<String> namespaces = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<ProcessHandle> seen = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        EchoPppProgram ppp = EchoPppProgram.write(dir.resolve("ppp"));
        assertThatThrownBy(() -> {
            try (TwoHosts hosts = TwoHosts.create();
                 GreCapture capture = GreCapture.start(hosts.server(), hosts.serverInterface(), dir, "capture");
                 PptpdPeer pptpd = PptpdPeer.start(hosts.server(), dir.resolve("pptpd"),
                         PptpdConfig.of(TwoHosts.SERVER_ADDRESS, ppp.script()));
                 PptpLinuxPeer pptp = PptpLinuxPeer.start(hosts.client(), dir.resolve("pptp"),
                         PptpLinuxOptions.of(TwoHosts.SERVER_ADDRESS))) {
                namespaces.addAll(List.of(hosts.client().name(), hosts.server().name()));
                tags.addAll(List.of(capture.process().tag(), pptpd.process().tag(), pptp.process().tag()));
                pptp.awaitCallEstablished(WAIT);
                ppp.awaitReady(1, WAIT);
                seen.addAll(capture.process().processes());
                seen.addAll(pptpd.processes());
                seen.addAll(pptp.processes());
                seen.forEach(p -> commands.add(p.info().command().orElse("?")));
                throw new IllegalStateException("test body failed");
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("test body failed").hasNoSuppressedExceptions();

        // the tags found the whole trees: pptpd, its pptpctrl and ppp program, pptp and its call manager
        assertThat(commands)
                .anyMatch(c -> c.endsWith("/tcpdump"))
                .anyMatch(c -> c.endsWith("/pptpd"))
                .anyMatch(c -> c.endsWith("/pptpctrl"))
                .anyMatch(c -> c.endsWith("/tee"))
                .filteredOn(c -> c.endsWith("/pptp")).hasSize(2);
        assertThat(seen).noneMatch(ProcessHandle::isAlive);
        for (String tag : tags) {
            assertThat(PeerProcess.tagged(tag)).as(tag).isEmpty();
        }
        List<Long> pids = seen.stream().map(ProcessHandle::pid).toList();
        assertThat(pgrep("-x", "pptpd|pptpctrl|pptp|tcpdump")).doesNotContainAnyElementsOf(pids);
        assertThat(pgrep("-f", dir.toString())).isEmpty(); // pptpd, pptpctrl, the ppp program and tcpdump name files there
        assertThat(NetworkNamespace.list()).doesNotContainAnyElementsOf(namespaces);
    }

    @Test
    void closingPptpLinuxPeerClearsItsCall() throws Exception {
        RootRequired.check();
        EchoPppProgram ppp = EchoPppProgram.write(dir.resolve("ppp"));
        try (TwoHosts hosts = TwoHosts.create();
             PptpdPeer pptpd = PptpdPeer.start(hosts.server(), dir.resolve("pptpd"),
                     PptpdConfig.of(TwoHosts.SERVER_ADDRESS, ppp.script()))) {
            List<ProcessHandle> client;
            try (PptpLinuxPeer pptp = PptpLinuxPeer.start(hosts.client(), dir.resolve("pptp"),
                    PptpLinuxOptions.of(TwoHosts.SERVER_ADDRESS))) {
                pptp.awaitCallEstablished(WAIT);
                ppp.awaitReady(1, WAIT);
                client = pptp.processes();
                assertThat(pptpd.processes()).hasSizeGreaterThanOrEqualTo(3); // pptpd, pptpctrl, the ppp program
            }
            assertThat(client).noneMatch(ProcessHandle::isAlive);
            // pptp saw its PPP side close and cleared the call; pptpctrl ended the call and itself
            pptpd.syslog().await(m -> m.text().contains("CTRL: Received CALL CLR request (closing call)"), WAIT,
                    "the Call-Clear-Request");
            pptpd.syslog().await(m -> m.text().contains("CTRL: Client 192.0.2.1 control connection finished"), WAIT,
                    "the end of the control connection");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (pptpd.processes().size() > 1 && System.nanoTime() < deadline) {
                PeerProcess.sleep(Duration.ofMillis(20));
            }
            assertThat(pptpd.processes()).extracting(ProcessHandle::pid).containsExactly(pptpd.pid());
        }
    }

    @Test
    void pptpdThatCannotListenSaysWhyAndLeavesNothing() throws Exception {
        RootRequired.check();
        EchoPppProgram ppp = EchoPppProgram.write(dir.resolve("ppp"));
        try (TwoHosts hosts = TwoHosts.create()) {
            // an address the server namespace does not have
            PptpdConfig config = PptpdConfig.of(TwoHosts.address(198, 51, 100, 99), ppp.script());
            assertThatThrownBy(() -> PptpdPeer.start(hosts.server(), dir.resolve("pptpd"), config))
                    .isInstanceOf(PeerTimeoutException.class)
                    .hasMessageStartingWith("pptpd did not listen on 198.51.100.99:1723 within 10000 ms: pptpd `")
                    // pptpd exits at once; its syslog lines may still be in flight, so only the exit is certain
                    .hasMessageContaining("exited with");
            assertThat(pgrep("-f", dir.toString())).isEmpty();
        }
    }

    @Test
    void natTopologyLeavesNoNamespaceWhenTheBodyThrows() throws Exception {
        RootRequired.check();
        List<String> names = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (NatTopology nat = NatTopology.create()) {
                names.addAll(nat.namespaceNames());
                assertThat(NetworkNamespace.list()).containsAll(names);
                throw new IllegalStateException("test body failed");
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("test body failed").hasNoSuppressedExceptions();
        assertThat(names).hasSize(4);
        assertThat(NetworkNamespace.list()).doesNotContainAnyElementsOf(names);
    }

    @Test
    void sandboxRefusesToRunOutsideANamespaceOfItsOwn() throws Exception {
        // started straight from the JVM, not through ip netns exec: it must not remount /dev and /run
        List<String> command = PeerProcess.sandboxed(dir, dir.resolve("log.sock"), List.of("true"));
        Process p = new ProcessBuilder(command).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(97);
        assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("sandbox.sh: not in a mount namespace of its own (run it through ip netns exec)\n");
    }

    private static List<Long> pgrep(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("pgrep"));
        command.addAll(Arrays.asList(args));
        String out = Commands.run(Duration.ofSeconds(10), command).stdout();
        return out.lines().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.strip())).toList();
    }
}
