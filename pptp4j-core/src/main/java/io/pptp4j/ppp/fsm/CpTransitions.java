package io.pptp4j.ppp.fsm;

import static io.pptp4j.ppp.fsm.CpState.ACK_RCVD;
import static io.pptp4j.ppp.fsm.CpState.ACK_SENT;
import static io.pptp4j.ppp.fsm.CpState.CLOSED;
import static io.pptp4j.ppp.fsm.CpState.CLOSING;
import static io.pptp4j.ppp.fsm.CpState.INITIAL;
import static io.pptp4j.ppp.fsm.CpState.OPENED;
import static io.pptp4j.ppp.fsm.CpState.REQ_SENT;
import static io.pptp4j.ppp.fsm.CpState.STARTING;
import static io.pptp4j.ppp.fsm.CpState.STOPPED;
import static io.pptp4j.ppp.fsm.CpState.STOPPING;
import static io.pptp4j.ppp.fsm.TableAction.IRC;
import static io.pptp4j.ppp.fsm.TableAction.SCA;
import static io.pptp4j.ppp.fsm.TableAction.SCJ;
import static io.pptp4j.ppp.fsm.TableAction.SCN;
import static io.pptp4j.ppp.fsm.TableAction.SCR;
import static io.pptp4j.ppp.fsm.TableAction.SER;
import static io.pptp4j.ppp.fsm.TableAction.STA;
import static io.pptp4j.ppp.fsm.TableAction.STR;
import static io.pptp4j.ppp.fsm.TableAction.TLD;
import static io.pptp4j.ppp.fsm.TableAction.TLF;
import static io.pptp4j.ppp.fsm.TableAction.TLS;
import static io.pptp4j.ppp.fsm.TableAction.TLU;
import static io.pptp4j.ppp.fsm.TableAction.ZRC;

import java.util.List;

/**
 * The state transition table of RFC 1661 section 4.1, {@code action/new-state}, '-' for an illegal event:
 *
 * <pre>
 *       | State
 *       |    0         1         2         3         4         5
 * Events| Initial   Starting  Closed    Stopped   Closing   Stopping
 * ------+-----------------------------------------------------------
 *  Up   |    2     irc,scr/6     -         -         -         -
 *  Down |    -         -         0       tls/1       0         1
 *  Open |  tls/1       1     irc,scr/6     3r        5r        5r
 *  Close|    0       tlf/0       2         2         4         4
 *   TO+ |    -         -         -         -       str/4     str/5
 *   TO- |    -         -         -         -       tlf/2     tlf/3
 *  RCR+ |    -         -       sta/2 irc,scr,sca/8   4         5
 *  RCR- |    -         -       sta/2 irc,scr,scn/6   4         5
 *  RCA  |    -         -       sta/2     sta/3       4         5
 *  RCN  |    -         -       sta/2     sta/3       4         5
 *  RTR  |    -         -       sta/2     sta/3     sta/4     sta/5
 *  RTA  |    -         -         2         3       tlf/2     tlf/3
 *  RUC  |    -         -       scj/2     scj/3     scj/4     scj/5
 *  RXJ+ |    -         -         2         3         4         5
 *  RXJ- |    -         -       tlf/2     tlf/3     tlf/2     tlf/3
 *  RXR  |    -         -         2         3         4         5
 *
 *       | State
 *       |    6         7         8           9
 * Events| Req-Sent  Ack-Rcvd  Ack-Sent    Opened
 * ------+-----------------------------------------
 *  Up   |    -         -         -           -
 *  Down |    1         1         1         tld/1
 *  Open |    6         7         8           9r
 *  Close|irc,str/4 irc,str/4 irc,str/4 tld,irc,str/4
 *   TO+ |  scr/6     scr/6     scr/8         -
 *   TO- |  tlf/3p    tlf/3p    tlf/3p        -
 *  RCR+ |  sca/8   sca,tlu/9   sca/8   tld,scr,sca/8
 *  RCR- |  scn/6     scn/7     scn/6   tld,scr,scn/6
 *  RCA  |  irc/7     scr/6x  irc,tlu/9   tld,scr/6x
 *  RCN  |irc,scr/6   scr/6x  irc,scr/8   tld,scr/6x
 *  RTR  |  sta/6     sta/6     sta/6   tld,zrc,sta/5
 *  RTA  |    6         6         8       tld,scr/6
 *  RUC  |  scj/6     scj/7     scj/8       scj/9
 *  RXJ+ |    6         6         8           9
 *  RXJ- |  tlf/3     tlf/3     tlf/3   tld,irc,str/5
 *  RXR  |    6         7         8         ser/9
 * </pre>
 *
 * The optional behaviours [r] (renegotiate on Open) and [p] (wait passively after TO-) are not taken:
 * this is the table without them.
 */
public final class CpTransitions {
    private CpTransitions() {}

    /** The table's cell for {@code event} in {@code state}. */
    public static Transition next(CpState state, CpEvent event) {
        return switch (event) {
            case UP -> switch (state) {
                case INITIAL -> to(CLOSED);
                case STARTING -> to(REQ_SENT, IRC, SCR);
                case CLOSED, STOPPED, CLOSING, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT, OPENED -> illegal(state, event);
            };
            case DOWN -> switch (state) {
                case INITIAL, STARTING -> illegal(state, event);
                case CLOSED, CLOSING -> to(INITIAL);
                case STOPPED -> to(STARTING, TLS);
                case STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> to(STARTING);
                case OPENED -> to(STARTING, TLD);
            };
            case OPEN -> switch (state) {
                case INITIAL -> to(STARTING, TLS);
                case STARTING -> to(STARTING);
                case CLOSED -> to(REQ_SENT, IRC, SCR);
                case STOPPED -> to(STOPPED);
                case CLOSING, STOPPING -> to(STOPPING);
                case REQ_SENT, ACK_RCVD, ACK_SENT, OPENED -> to(state);
            };
            case CLOSE -> switch (state) {
                case INITIAL -> to(INITIAL);
                case STARTING -> to(INITIAL, TLF);
                case CLOSED, STOPPED -> to(CLOSED);
                case CLOSING, STOPPING -> to(CLOSING);
                case REQ_SENT, ACK_RCVD, ACK_SENT -> to(CLOSING, IRC, STR);
                case OPENED -> to(CLOSING, TLD, IRC, STR);
            };
            case TO_PLUS -> switch (state) {
                case CLOSING -> to(CLOSING, STR);
                case STOPPING -> to(STOPPING, STR);
                case REQ_SENT, ACK_RCVD -> to(REQ_SENT, SCR);
                case ACK_SENT -> to(ACK_SENT, SCR);
                case INITIAL, STARTING, CLOSED, STOPPED, OPENED -> illegal(state, event);
            };
            case TO_MINUS -> switch (state) {
                case CLOSING -> to(CLOSED, TLF);
                case STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> to(STOPPED, TLF);
                case INITIAL, STARTING, CLOSED, STOPPED, OPENED -> illegal(state, event);
            };
            case RCR_PLUS -> switch (state) {
                case INITIAL, STARTING -> illegal(state, event);
                case CLOSED -> to(CLOSED, STA);
                case STOPPED -> to(ACK_SENT, IRC, SCR, SCA);
                case CLOSING, STOPPING -> to(state);
                case REQ_SENT, ACK_SENT -> to(ACK_SENT, SCA);
                case ACK_RCVD -> to(OPENED, SCA, TLU);
                case OPENED -> to(ACK_SENT, TLD, SCR, SCA);
            };
            case RCR_MINUS -> switch (state) {
                case INITIAL, STARTING -> illegal(state, event);
                case CLOSED -> to(CLOSED, STA);
                case STOPPED -> to(REQ_SENT, IRC, SCR, SCN);
                case CLOSING, STOPPING -> to(state);
                case REQ_SENT, ACK_SENT -> to(REQ_SENT, SCN);
                case ACK_RCVD -> to(ACK_RCVD, SCN);
                case OPENED -> to(REQ_SENT, TLD, SCR, SCN);
            };
            case RCA -> switch (state) {
                case INITIAL, STARTING -> illegal(state, event);
                case CLOSED, STOPPED -> to(state, STA);
                case CLOSING, STOPPING -> to(state);
                case REQ_SENT -> to(ACK_RCVD, IRC);
                case ACK_RCVD -> to(REQ_SENT, SCR);
                case ACK_SENT -> to(OPENED, IRC, TLU);
                case OPENED -> to(REQ_SENT, TLD, SCR);
            };
            case RCN -> switch (state) {
                case INITIAL, STARTING -> illegal(state, event);
                case CLOSED, STOPPED -> to(state, STA);
                case CLOSING, STOPPING -> to(state);
                case REQ_SENT -> to(REQ_SENT, IRC, SCR);
                case ACK_RCVD -> to(REQ_SENT, SCR);
                case ACK_SENT -> to(ACK_SENT, IRC, SCR);
                case OPENED -> to(REQ_SENT, TLD, SCR);
            };
            case RTR -> switch (state) {
                case INITIAL, STARTING -> illegal(state, event);
                case CLOSED, STOPPED, CLOSING, STOPPING -> to(state, STA);
                case REQ_SENT, ACK_RCVD, ACK_SENT -> to(REQ_SENT, STA);
                case OPENED -> to(STOPPING, TLD, ZRC, STA);
            };
            case RTA -> switch (state) {
                case INITIAL, STARTING -> illegal(state, event);
                case CLOSED, STOPPED, REQ_SENT, ACK_SENT -> to(state);
                case CLOSING -> to(CLOSED, TLF);
                case STOPPING -> to(STOPPED, TLF);
                case ACK_RCVD -> to(REQ_SENT);
                case OPENED -> to(REQ_SENT, TLD, SCR);
            };
            case RUC -> switch (state) {
                case INITIAL, STARTING -> illegal(state, event);
                case CLOSED, STOPPED, CLOSING, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT, OPENED -> to(state, SCJ);
            };
            case RXJ_PLUS -> switch (state) {
                case INITIAL, STARTING -> illegal(state, event);
                case CLOSED, STOPPED, CLOSING, STOPPING, REQ_SENT, ACK_SENT, OPENED -> to(state);
                case ACK_RCVD -> to(REQ_SENT);
            };
            case RXJ_MINUS -> switch (state) {
                case INITIAL, STARTING -> illegal(state, event);
                case CLOSED, CLOSING -> to(CLOSED, TLF);
                case STOPPED, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> to(STOPPED, TLF);
                case OPENED -> to(STOPPING, TLD, IRC, STR);
            };
            case RXR -> switch (state) {
                case INITIAL, STARTING -> illegal(state, event);
                case CLOSED, STOPPED, CLOSING, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> to(state);
                case OPENED -> to(OPENED, SER);
            };
        };
    }

    private static Transition to(CpState next, TableAction... actions) {
        return new Transition.Move(List.of(actions), next);
    }

    private static Transition illegal(CpState state, CpEvent event) {
        return new Transition.Illegal(state, event);
    }
}
