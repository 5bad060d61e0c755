package io.pptp4j.ppp.fsm;

import io.pptp4j.ppp.cp.CpPacket;
import java.util.OptionalLong;

/**
 * The counters and timer of one automaton (RFC 1661 4.6), kept apart from the states: the Restart
 * counter and timer deadline, the Configure-Nak failure count, the Identifier sequence and the
 * Configure-Request awaiting its reply.
 */
public final class RestartContext<O> {
    private final AutomatonConfig config;
    private int restartCounter;
    private int failureCounter;
    private CpPacket.ConfigureRequest<O> lastNaked;
    private long deadline;
    private boolean timerRunning;
    private int nextIdentifier;
    private CpPacket.ConfigureRequest<O> lastRequest;
    private boolean replyPending;

    RestartContext(AutomatonConfig config, int firstIdentifier) {
        this.config = config;
        this.nextIdentifier = firstIdentifier & 0xFF;
    }

    public AutomatonConfig config() { return config; }

    /** Transmissions left before TO- (decremented for each Configure-Request or Terminate-Request, the first included). */
    public int restartCounter() { return restartCounter; }

    /** Configure-Naks sent since the last Configure-Ack sent. */
    public int failureCounter() { return failureCounter; }

    public OptionalLong deadlineNanos() { return timerRunning ? OptionalLong.of(deadline) : OptionalLong.empty(); }

    /** Our last Configure-Request, with its Identifier. */
    public CpPacket.ConfigureRequest<O> lastRequest() { return lastRequest; }

    /** Whether our last Configure-Request still awaits a valid Ack, Nak or Reject. */
    public boolean replyPending() { return replyPending; }

    void initializeRestartCount(int max) { restartCounter = max; }

    void zeroRestartCount(long now) { restartCounter = 0; startTimer(now); }

    /** A Configure-Request or Terminate-Request went out: count it and (re)start the timer. */
    void transmitted(long now) {
        restartCounter--;
        startTimer(now);
    }

    void startTimer(long now) {
        deadline = now + config.restartInterval().toNanos();
        timerRunning = true;
    }

    void stopTimer() { timerRunning = false; }

    boolean expired(long now) { return timerRunning && now - deadline >= 0; }

    int takeIdentifier() {
        int id = nextIdentifier;
        nextIdentifier = (nextIdentifier + 1) & 0xFF;
        return id;
    }

    void requestSent(CpPacket.ConfigureRequest<O> request) {
        lastRequest = request;
        replyPending = true;
    }

    void replyReceived() { replyPending = false; }

    /**
     * A Configure-Nak went out for {@code request}. A request repeated with the same Identifier and options
     * is the peer's retransmission (our Nak was lost, RFC 1661 5.1 lets it keep the Identifier), not a
     * step of a negotiation that does not converge, so it does not count toward Max-Failure (RFC 1661 4.6).
     */
    void nakSent(CpPacket.ConfigureRequest<O> request) {
        if (!request.equals(lastNaked)) {
            failureCounter++;
        }
        lastNaked = request;
    }

    void resetFailures() {
        failureCounter = 0;
        lastNaked = null;
    }
}
