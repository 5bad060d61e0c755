package io.pptp4j.ppp.fsm;

import java.util.List;
import java.util.stream.Collectors;

/** One cell of the RFC 1661 4.1 table: actions and a new state, or an illegal event ('-'). */
public sealed interface Transition {

    /** {@code actions/next}, the actions in the table's order. */
    record Move(List<TableAction> actions, CpState next) implements Transition {
        public Move { actions = List.copyOf(actions); }

        public boolean has(TableAction a) { return actions.contains(a); }

        /** The table's notation, {@code irc,scr/6}. */
        @Override public String toString() {
            String a = actions.stream().map(TableAction::abbreviation).collect(Collectors.joining(","));
            return (a.isEmpty() ? "" : a + "/") + next.number();
        }
    }

    /** RFC 1661 4.4 Illegal-Event: no transition is taken; the error is reported. */
    record Illegal(CpState state, CpEvent event) implements Transition {
        public String message() {
            return "illegal event " + event.abbreviation() + " in state " + state.displayName() + " (RFC 1661 4.1)";
        }

        @Override public String toString() { return "-"; }
    }
}
