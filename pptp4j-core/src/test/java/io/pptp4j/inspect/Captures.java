package io.pptp4j.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.analysis.PptpTrafficDecoder;
import io.pptp4j.capture.CaptureDecoder;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the repository's captures (testdata/captures, provenance in its README.md) through the tracker. */
final class Captures {
    private Captures() {}

    static Path path(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("testdata/captures"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("testdata/captures above the working directory").isNotNull();
        return dir.resolve("testdata/captures").resolve(name);
    }

    static InspectReport inspect(String name) throws Exception {
        return inspect(name, SessionTracker.Options.DEFAULT);
    }

    static InspectReport inspect(String name, SessionTracker.Options options) throws Exception {
        SessionTracker tracker = new SessionTracker(options);
        InspectDecoder decoder = new InspectDecoder(tracker);
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(path(name)));
        CaptureDecoder capture = new CaptureDecoder();
        capture.decode(file, decoder);
        capture.finish(file);
        decoder.finish();
        return tracker.finish();
    }

    /** The same through {@link PptpTrafficDecoder} alone, without {@link InspectDecoder}'s fast path. */
    static InspectReport inspectWithoutFastPath(String name) throws Exception {
        SessionTracker tracker = new SessionTracker();
        PptpTrafficDecoder decoder = new PptpTrafficDecoder(tracker);
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(path(name)));
        CaptureDecoder capture = new CaptureDecoder();
        capture.decode(file, decoder);
        capture.finish(file);
        decoder.finish();
        return tracker.finish();
    }
}
