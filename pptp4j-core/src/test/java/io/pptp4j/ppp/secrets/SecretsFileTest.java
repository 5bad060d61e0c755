package io.pptp4j.ppp.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.ppp.options.PppConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileTest {
    @TempDir
    Path dir;

    private Path write(String name, String text, String mode) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void loadsOwnerOnlyFile() throws IOException {
        Path file = write("chap-secrets", "alice pptpd pw *\n", "rw-------");
        assertThat(SecretsFile.load(file).find("alice", "pptpd")).isPresent();
    }

    @Test
    void refusesFileReadableByOthers() throws IOException {
        Path file = write("chap-secrets", "alice pptpd pw *\n", "rw-r--r--");
        assertThatThrownBy(() -> SecretsFile.load(file))
                .isInstanceOf(SecretsFileException.class)
                .hasMessage(file + ": readable by others (mode 0644); chmod 600 it");
    }

    @Test
    void refusesFileWritableByGroup() throws IOException {
        Path file = write("chap-secrets", "alice pptpd pw *\n", "rw--w----");
        assertThatThrownBy(() -> SecretsFile.load(file))
                .hasMessage(file + ": writable by group (mode 0620); chmod 600 it");
    }

    @Test
    void refusesMissingFile() {
        Path file = dir.resolve("nope");
        assertThatThrownBy(() -> SecretsFile.load(file)).hasMessage(file + ": no such file");
    }

    @Test
    void followsIndirectSecretWithTheSameCheck() throws IOException {
        Path good = write("good.pw", "s3cret\n", "r--------");
        Path bad = write("bad.pw", "s3cret\n", "rw-rw-rw-");
        Path secrets = write("chap-secrets", "alice pptpd @" + good + " *\nbob pptpd @" + bad + " *\n", "rw-------");
        assertThatThrownBy(() -> SecretsFile.load(secrets))
                .isInstanceOf(PppConfigException.class)
                .hasMessage(secrets + ":2:11: " + bad + ": readable and writable by others (mode 0666); chmod 600 it");
        Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rw-------"));
        assertThat(new String(SecretsFile.load(secrets).find("alice", "pptpd").orElseThrow().secret().chars()))
                .isEqualTo("s3cret");
    }
}
