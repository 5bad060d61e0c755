package io.pptp4j.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsTheCommands() {
        CliTestSupport r = CliTestSupport.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: pptp4j", "lab", "decode");
    }

    @Test
    void versionNamesTheProductAndTheJava() {
        CliTestSupport r = CliTestSupport.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("pptp4j ").contains("Java 25");
    }

    @Test
    void unknownOptionIsOneLineAndExitCodeTwo() {
        CliTestSupport r = CliTestSupport.run("--frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("pptp4j: Unknown option: '--frobnicate' (see 'pptp4j --help')");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void unknownOptionOfASubcommandNamesTheSubcommand() {
        CliTestSupport r = CliTestSupport.run("decode", "--nope");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("pptp4j decode: Unknown option: '--nope'").doesNotContain("\n");
    }

    @Test
    void subcommandsHaveTheirOwnHelp() {
        CliTestSupport r = CliTestSupport.run("decode", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: pptp4j decode");
    }
}
