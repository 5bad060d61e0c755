package io.pptp4j.ppp.fsm.lcp;

import java.util.Optional;

/**
 * The LCP values both sides acknowledged, once Opened.
 *
 * @param ourMru what we receive (our acknowledged MRU, 1500 when we did not ask)
 * @param peerMru what the peer receives: the largest packet we may send
 * @param peerAuthenticates the protocol with which we authenticate the peer (from our acknowledged request)
 * @param weAuthenticate the protocol with which the peer authenticates us (from its acknowledged request)
 * @param ourMagic our Magic-Number, 0 when not negotiated
 * @param peerMagic the peer's Magic-Number, 0 when not negotiated
 * @param peerAccm the ACCM the peer asked of us, 0xFFFFFFFF by default
 * @param sendPfc whether we may compress the Protocol field we send (the peer asked for PFC)
 * @param sendAcfc whether we may omit Address and Control in what we send
 */
public record LcpNegotiated(int ourMru, int peerMru, Optional<AuthProtocol> peerAuthenticates,
                            Optional<AuthProtocol> weAuthenticate, long ourMagic, long peerMagic, long peerAccm,
                            boolean sendPfc, boolean sendAcfc) {}
