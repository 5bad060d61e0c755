/**
 * The PPTP control connection as a transport-free engine (RFC 2637 sections 2 and 3):
 * {@link io.pptp4j.control.engine.ControlConnectionEngine} takes decoded messages, decoding errors, timer
 * ticks, the close of the transport and the application's commands, and returns
 * {@link io.pptp4j.control.engine.ControlAction}s: messages to send, events for the application, the
 * close of the transport. It owns no socket, thread or clock; the TCP adapter feeds it from a strict
 * {@link io.pptp4j.control.ControlStreamFramer} and performs its actions in order.
 *
 * <p>Roles. RFC 2637 3.1 distinguishes the originator of the TCP connection from its receiver
 * ({@link io.pptp4j.control.engine.ControlRole}); 3.2 distinguishes, per call, the PNS, which asks for
 * outgoing calls and clears calls, from the PAC, which places them and reports disconnects
 * ({@link io.pptp4j.control.engine.CallSide}). In the VPN use of PPTP the client (Windows, pptp-linux)
 * originates the connection and is the PNS of its call, sending Outgoing-Call-Request and
 * Call-Clear-Request; the server (pptpd, accel-ppp, Windows RRAS) receives the connection and is the
 * PAC, answering with Outgoing-Call-Reply and Call-Disconnect-Notify. The engine implements both sides
 * of outgoing and incoming calls in either role; a {@link io.pptp4j.control.engine.CallPolicy} says
 * which requests of the peer it accepts.
 *
 * <p>Call IDs the engine assigns come from a {@link io.pptp4j.control.engine.CallIdAllocator} shared by
 * all connections of a server, so that (peer address, our Call ID) names one call for the GRE
 * demultiplexer.
 */
package io.pptp4j.control.engine;
