package io.pptp4j.inspect;

import java.util.List;

/**
 * One PPTP call as the capture shows it: its control connection (if captured), both GRE directions and
 * what PPP negotiated over them.
 *
 * @param id 1-based, in order of the first frame
 * @param control the control connection, null when none of its messages were captured
 * @param beginningCaptured whether the call's set-up (Outgoing- or Incoming-Call-Request) was captured
 * @param client the PNS address (for a call without control traffic: the authenticated peer, else the first sender)
 * @param server the PAC address
 * @param clientCallId the PNS's Call ID (carried in GRE to the client), -1 if unknown
 * @param serverCallId the PAC's Call ID (carried in GRE to the server), -1 if unknown
 * @param clientLcpOptions the LCP options the client asked for and got (its last Configure-Request if no Ack)
 * @param authOffers the Authentication-Protocol values the authenticator asked for, in order
 * @param clientAddress the client's IPCP IP-Address, or null
 * @param dns the DNS server addresses IPCP gave the client
 * @param ending how the call ended, one entry per event in capture order, with frame numbers
 */
public record PptpSession(int id, ControlSummary control, boolean beginningCaptured, String client, String server,
                          int clientCallId, int serverCallId, long firstFrame, long lastFrame, long startNanos,
                          long endNanos, DirectionStats clientToServer, DirectionStats serverToClient,
                          List<String> clientLcpOptions, List<String> serverLcpOptions, String clientIdentification,
                          String serverIdentification, AuthKind auth, List<String> authOffers, String user,
                          AuthOutcome authOutcome, List<ChapHandshake> handshakes, List<PapLogin> papLogins,
                          MppeSettings mppe, String clientAddress, String serverAddress, List<String> dns,
                          int setLinkInfos, String callResult, List<String> ending) {
    public PptpSession {
        clientLcpOptions = List.copyOf(clientLcpOptions);
        serverLcpOptions = List.copyOf(serverLcpOptions);
        authOffers = List.copyOf(authOffers);
        handshakes = List.copyOf(handshakes);
        papLogins = List.copyOf(papLogins);
        dns = List.copyOf(dns);
        ending = List.copyOf(ending);
    }

    public long durationNanos() { return endNanos - startNanos; }

    public long mppeFrames() { return clientToServer.mppeFrames() + serverToClient.mppeFrames(); }

    public long greFrames() { return clientToServer.packets() + serverToClient.packets(); }

    public long decryptedFrames() { return clientToServer.decrypted() + serverToClient.decrypted(); }

    /** A short phrase for how it ended: the first ending event, or "still open at the end of the capture". */
    public String endedBy() { return ending.isEmpty() ? "still open at the end of the capture" : ending.getFirst(); }
}
