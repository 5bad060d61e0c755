package io.pptp4j.tools.scan;

import io.pptp4j.scan.TargetSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A file of targets ({@code -iL}, {@code --exclude-file}): specs separated by white space, commas or
 * new lines, {@code #} to the end of a line a comment. Read lazily, a line at a time.
 */
final class TargetFile implements Iterator<TargetSpec>, AutoCloseable {
    private final Path path;
    private final BufferedReader reader;
    private final Deque<TargetSpec> line = new ArrayDeque<>();
    private int lineNumber;

    private TargetFile(Path path) throws IOException {
        this.path = path;
        this.reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
    }

    static TargetFile open(Path path) throws IOException { return new TargetFile(path); }

    /** Reads the whole file once to check every spec; returns how many there are. */
    static long check(Path path) throws IOException {
        long n = 0;
        try (TargetFile f = open(path)) {
            while (f.hasNext()) {
                f.next();
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean hasNext() {
        try {
            while (line.isEmpty()) {
                String l = reader.readLine();
                if (l == null) return false;
                lineNumber++;
                int hash = l.indexOf('#');
                if (hash >= 0) l = l.substring(0, hash);
                for (String token : l.split("[\\s,]+")) {
                    if (token.isEmpty()) continue;
                    try {
                        line.add(TargetSpec.parse(token));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(path + ":" + lineNumber + ": " + e.getMessage());
                    }
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public TargetSpec next() {
        if (!hasNext()) throw new NoSuchElementException();
        return line.poll();
    }

    @Override
    public void close() throws IOException { reader.close(); }
}
