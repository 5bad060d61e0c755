package io.pptp4j.ppp.fsm;

/**
 * The ten states of the RFC 1661 section 4 option negotiation automaton, numbered as in the RFC (4.2).
 * The transitions are in {@link CpTransitions}; the Restart timer runs in Closing, Stopping, Req-Sent,
 * Ack-Rcvd and Ack-Sent only.
 */
public enum CpState {
    /** 0: lower layer Down, no Open yet. */
    INITIAL(0, "Initial"),
    /** 1: Open done, lower layer still Down; a Configure-Request goes out on Up. */
    STARTING(1, "Starting"),
    /** 2: lower layer Up, no Open; a Configure-Request is answered with Terminate-Ack. */
    CLOSED(2, "Closed"),
    /** 3: the Open counterpart of Closed, after This-Layer-Finished or a Terminate-Ack sent; waits for Down or a Configure-Request. */
    STOPPED(3, "Stopped"),
    /** 4: Terminate-Request sent after Close, waiting for Terminate-Ack. */
    CLOSING(4, "Closing"),
    /** 5: the Open counterpart of Closing. */
    STOPPING(5, "Stopping"),
    /** 6: Configure-Request sent; no Configure-Ack received or sent. */
    REQ_SENT(6, "Req-Sent"),
    /** 7: Configure-Request sent and Configure-Ack received; no Configure-Ack sent yet. */
    ACK_RCVD(7, "Ack-Rcvd"),
    /** 8: Configure-Request and Configure-Ack sent; no Configure-Ack received yet. */
    ACK_SENT(8, "Ack-Sent"),
    /** 9: Configure-Ack sent and received; the layer is up. */
    OPENED(9, "Opened");

    private final int number;
    private final String displayName;

    CpState(int number, String displayName) {
        this.number = number;
        this.displayName = displayName;
    }

    /** The state's number in the RFC 1661 4.1 table. */
    public int number() { return number; }

    /** The RFC's name, {@code Req-Sent}. */
    public String displayName() { return displayName; }

    /** Whether the Restart timer runs in this state (the states with TO events in RFC 1661 4.1). */
    public boolean restartTimerRuns() {
        return switch (this) {
            case CLOSING, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> true;
            case INITIAL, STARTING, CLOSED, STOPPED, OPENED -> false;
        };
    }
}
