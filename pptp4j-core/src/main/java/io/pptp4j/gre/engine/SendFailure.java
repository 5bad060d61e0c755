package io.pptp4j.gre.engine;

/** Why the adapter could not send a packet the engine gave it ({@link GreCallEngine#onSendFailed}). */
public enum SendFailure {
    /** ENOBUFS, EAGAIN: the local queue was full; the packet is gone, the call goes on. */
    NO_BUFFER_SPACE,
    /** EMSGSIZE: the packet is larger than the path MTU; reported as {@link GreAction.MtuProblem}. */
    MESSAGE_TOO_LONG,
    /** Anything else the adapter chose not to treat as fatal (an ICMP error reported on the socket, say). */
    OTHER
}
