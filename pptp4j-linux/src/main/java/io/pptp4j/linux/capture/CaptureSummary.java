package io.pptp4j.linux.capture;

import io.pptp4j.capture.CaptureFormat;

import java.nio.file.Path;

/** What {@link CaptureFileReader} read: the file's format, the packets handed over and the file's size. */
public record CaptureSummary(Path file, CaptureFormat format, long packets, long bytes) {}
