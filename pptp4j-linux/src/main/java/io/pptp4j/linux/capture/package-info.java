/**
 * Reading capture files from disk for the pure decoders of {@code io.pptp4j.capture}:
 * {@link io.pptp4j.linux.capture.CaptureFileReader}.
 */
package io.pptp4j.linux.capture;
