/**
 * The PPTP GRE data plane on Linux (RFC 2637 section 4): {@link io.pptp4j.linux.gre.GreTransport}, one
 * raw GRE socket per local address with its receive and timer threads;
 * {@link io.pptp4j.linux.gre.GreCall}, one call's {@link io.pptp4j.gre.engine.GreCallEngine} driven by
 * it; {@link io.pptp4j.linux.gre.GreDemultiplexer}, the pure routing of received packets by Call ID and
 * peer address.
 */
package io.pptp4j.linux.gre;
