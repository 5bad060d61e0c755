package io.pptp4j.ppp.session;

/**
 * The link phases of RFC 1661 section 3.2:
 *
 * <pre>
 * +------+        +-----------+           +--------------+
 * |      | UP     |           | OPENED    |              | SUCCESS/NONE
 * | Dead |-------&gt;| Establish |----------&gt;| Authenticate |--+
 * |      |        |           |           |              |  |
 * +------+        +-----------+           +--------------+  |
 *    ^               |                        |             |
 *    |          FAIL |                   FAIL |             |
 *    +&lt;--------------+             +----------+             |
 *    |                             |                        |
 *    |            +-----------+    |           +---------+  |
 *    |       DOWN |           |    |   CLOSING |         |  |
 *    +------------| Terminate |&lt;---+&lt;----------| Network |&lt;-+
 *                 |           |                |         |
 *                 +-----------+                +---------+
 * </pre>
 *
 * {@link #next} is that diagram as a table, driven by {@link PhaseEvent}s.
 */
public enum Phase {
    /** Link dead: no lower layer, nothing negotiated. */
    DEAD,
    /** LCP exchanges Configure packets; anything but LCP is discarded. */
    ESTABLISH,
    /** The protocol LCP agreed authenticates the peer (or us); NCP packets are discarded. */
    AUTHENTICATE,
    /** NCPs (IPCP, CCP) negotiate and datagrams flow once they are Opened. */
    NETWORK,
    /** LCP Terminate-Request/Terminate-Ack close the link. */
    TERMINATE;

    /**
     * The phase after {@code event} in {@code from}, per the diagram above.
     *
     * @throws IllegalStateException when the diagram has no such arrow, naming the event and the phases
     */
    public static Phase next(Phase from, PhaseEvent event) {
        return switch (event) {
            case UP -> from == DEAD ? ESTABLISH : illegal(from, event, "Dead");
            case LCP_OPENED -> from == ESTABLISH ? AUTHENTICATE : illegal(from, event, "Establish");
            case AUTHENTICATED -> from == AUTHENTICATE ? NETWORK : illegal(from, event, "Authenticate");
            case RENEGOTIATE -> from == AUTHENTICATE || from == NETWORK ? ESTABLISH
                    : illegal(from, event, "Authenticate or Network");
            case CLOSING -> from != DEAD ? TERMINATE : illegal(from, event, "any phase but Dead");
            case DOWN -> DEAD;
        };
    }

    private static Phase illegal(Phase from, PhaseEvent event, String allowedIn) {
        throw new IllegalStateException("phase event " + event + " in phase " + from + ": allowed only in " + allowedIn);
    }
}
