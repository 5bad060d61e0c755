package io.pptp4j.linux.net;

/**
 * What became of one datagram given to {@link RawIpSocket#sendTo}: sent, or refused for a reason
 * a data path counts and goes on from. Other failures are thrown as {@link NativeException}.
 */
public enum SendResult {
    /** The kernel took the datagram (which says nothing of its delivery). */
    SENT(0),
    /**
     * ENOBUFS: no room in a device queue or for the buffer. For a raw socket Linux reports a full
     * queue only with IP_RECVERR set (raw_sendmsg turns it into success otherwise).
     */
    NO_BUFFER_SPACE(Errno.ENOBUFS.value()),
    /**
     * EMSGSIZE: larger than 65535 with the IP header, or larger than the path MTU with
     * {@link PathMtuDiscovery#DO} or {@link PathMtuDiscovery#PROBE}.
     */
    MESSAGE_TOO_LONG(Errno.EMSGSIZE.value());

    private final int errno;

    SendResult(int errno) {
        this.errno = errno;
    }

    /** The errno behind the refusal, 0 for {@link #SENT}. */
    public int errno() { return errno; }
}
