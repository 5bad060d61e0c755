package io.pptp4j.ppp.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpTransitionsTest {

    /** RFC 1661 4.1, copied as printed (footnote letters dropped), states 0-5 then 6-9, events in RFC order. */
    private static final String TABLE_0_5 = """
             Up   |    2     irc,scr/6     -         -         -         -
             Down |    -         -         0       tls/1       0         1
             Open |  tls/1       1     irc,scr/6     3         5         5
             Close|    0       tlf/0       2         2         4         4
              TO+ |    -         -         -         -       str/4     str/5
              TO- |    -         -         -         -       tlf/2     tlf/3
             RCR+ |    -         -       sta/2 irc,scr,sca/8   4         5
             RCR- |    -         -       sta/2 irc,scr,scn/6   4         5
             RCA  |    -         -       sta/2     sta/3       4         5
             RCN  |    -         -       sta/2     sta/3       4         5
             RTR  |    -         -       sta/2     sta/3     sta/4     sta/5
             RTA  |    -         -         2         3       tlf/2     tlf/3
             RUC  |    -         -       scj/2     scj/3     scj/4     scj/5
             RXJ+ |    -         -         2         3         4         5
             RXJ- |    -         -       tlf/2     tlf/3     tlf/2     tlf/3
             RXR  |    -         -         2         3         4         5
            """;

    private static final String TABLE_6_9 = """
             Up   |    -         -         -           -
             Down |    1         1         1         tld/1
             Open |    6         7         8           9
             Close|irc,str/4 irc,str/4 irc,str/4 tld,irc,str/4
              TO+ |  scr/6     scr/6     scr/8         -
              TO- |  tlf/3     tlf/3     tlf/3         -
             RCR+ |  sca/8   sca,tlu/9   sca/8   tld,scr,sca/8
             RCR- |  scn/6     scn/7     scn/6   tld,scr,scn/6
             RCA  |  irc/7     scr/6   irc,tlu/9   tld,scr/6
             RCN  |irc,scr/6   scr/6   irc,scr/8   tld,scr/6
             RTR  |  sta/6     sta/6     sta/6   tld,zrc,sta/5
             RTA  |    6         6         8       tld,scr/6
             RUC  |  scj/6     scj/7     scj/8       scj/9
             RXJ+ |    6         6         8           9
             RXJ- |  tlf/3     tlf/3     tlf/3   tld,irc,str/5
             RXR  |    6         7         8         ser/9
            """;

    @Test
    void everyCellMatchesRfc1661Table() {
        List<String[]> left = rows(TABLE_0_5);
        List<String[]> right = rows(TABLE_6_9);
        assertThat(left).hasSize(CpEvent.values().length);
        int checked = 0;
        for (CpEvent e : CpEvent.values()) {
            String[] l = left.get(e.ordinal());
            String[] r = right.get(e.ordinal());
            assertThat(l[0]).isEqualTo(e.abbreviation());
            assertThat(r[0]).isEqualTo(e.abbreviation());
            for (CpState s : CpState.values()) {
                String expected = s.number() <= 5 ? l[1 + s.number()] : r[1 + s.number() - 6];
                assertThat(CpTransitions.next(s, e).toString())
                        .as("%s in %s", e.abbreviation(), s.displayName())
                        .isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(160);
    }

    @Test
    void illegalEventNamesEventAndState() {
        Transition t = CpTransitions.next(CpState.INITIAL, CpEvent.RCA);
        assertThat(t).isInstanceOf(Transition.Illegal.class);
        assertThat(((Transition.Illegal) t).message()).isEqualTo("illegal event RCA in state Initial (RFC 1661 4.1)");
    }

    @Test
    void restartTimerRunsExactlyInStatesWithTimeoutEvents() {
        for (CpState s : CpState.values()) {
            boolean hasTimeout = CpTransitions.next(s, CpEvent.TO_PLUS) instanceof Transition.Move;
            assertThat(s.restartTimerRuns()).as(s.displayName()).isEqualTo(hasTimeout);
        }
    }

    /** Splits "RCR+ |  sca/8   sca,tlu/9 ..." into the event and its cells; cells never contain spaces. */
    private static List<String[]> rows(String table) {
        List<String[]> rows = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            String[] halves = line.split("\\|", 2);
            String[] cells = halves[1].trim().split("\\s+");
            String[] row = new String[cells.length + 1];
            row[0] = halves[0].trim();
            System.arraycopy(cells, 0, row, 1, cells.length);
            rows.add(row);
        }
        return rows;
    }
}
