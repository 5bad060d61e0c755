package io.pptp4j.tools.decode;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Placeholder until the capture reader is merged. */
final class CaptureDecoding {
    CaptureDecoding(PrintWriter out, boolean json) {}

    int run(Path file) { throw DecodeCommand.failure("not yet"); }
}
