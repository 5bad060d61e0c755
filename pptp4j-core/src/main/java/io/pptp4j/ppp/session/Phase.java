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
    TERMINATE
}
