/**
 * The passive inspector: what a capture of PPTP traffic gives away. {@link io.pptp4j.inspect.SessionTracker}
 * takes the items of {@link io.pptp4j.analysis.PptpTrafficDecoder} in capture order, joins each TCP 1723
 * control connection with its GRE flows by call ID and addresses (RFC 2637 2.7, 2.8, 4.1), follows the PPP
 * negotiation of each call (LCP, PAP, CHAP and MS-CHAP, CCP/MPPE, IPCP) and returns
 * {@link io.pptp4j.inspect.PptpSession} records and {@link io.pptp4j.inspect.Finding}s with the frames
 * that prove them. Pure: no I/O, threads or clocks; the CLI reads the files.
 */
package io.pptp4j.inspect;
