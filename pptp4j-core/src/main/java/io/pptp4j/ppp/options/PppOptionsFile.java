package io.pptp4j.ppp.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads pppd options files from disk; {@code file} options are followed. Parsing is {@link PppOptionsParser}'s. */
public final class PppOptionsFile {
    private PppOptionsFile() {
    }

    public static PppOptions load(Path file) throws IOException {
        return PppOptionsParser.parseFile(file.toString(), read(file), includes());
    }

    /** Follows {@code file F} options by reading F from disk. */
    public static PppOptionsParser.IncludeResolver includes() {
        return name -> read(Path.of(name));
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
    }
}
