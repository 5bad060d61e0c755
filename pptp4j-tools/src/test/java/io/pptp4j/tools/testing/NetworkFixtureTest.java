package io.pptp4j.tools.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The parts of {@link NetworkFixture} that need no namespaces: its folder and private files. */
class NetworkFixtureTest {

    @Test
    void privateFilesAreOwnerOnlyOverwrittenByNameAndGoneAfterTheTest() throws Exception {
        NetworkFixture net = new NetworkFixture();
        Path secrets = net.privateFile("chap-secrets", "alice * pw *\n");
        net.privateFile("chap-secrets", "bob * builder *\n");
        Files.createDirectories(net.folder().resolve("pptpd/run"));

        assertThat(secrets.getParent()).isEqualTo(net.folder());
        assertThat(Files.readString(secrets)).isEqualTo("bob * builder *\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(net.folder()))).isEqualTo("rwx------");

        Path folder = net.folder();
        net.afterEach(null);
        assertThat(folder).doesNotExist();
    }

    @Test
    void hostsOutsideATestSayHowToRegisterTheFixture() {
        assertThatThrownBy(() -> new NetworkFixture().hosts()).isInstanceOf(IllegalStateException.class)
                .hasMessage("no hosts outside a test: register NetworkFixture with @RegisterExtension");
    }
}
