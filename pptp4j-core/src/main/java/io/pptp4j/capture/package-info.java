/**
 * Capture files taken apart, without I/O: {@link io.pptp4j.capture.CaptureDecoder} reads pcap and
 * pcapng records from windows of a file's bytes into a reusable {@link io.pptp4j.capture.CapturedPacket};
 * {@link io.pptp4j.capture.PacketDissector} fills a reusable {@link io.pptp4j.capture.Dissection} with
 * the link, innermost IP and TCP / UDP / GRE layers; {@link io.pptp4j.capture.TcpReassembler} turns TCP
 * segments into in-order byte streams per direction for a {@link io.pptp4j.capture.StreamSink}. Nothing
 * on the per-packet path allocates, so that captures of many gigabytes stream through in bounded
 * memory. The file reader is {@code io.pptp4j.linux.capture.CaptureFileReader}.
 */
package io.pptp4j.capture;
