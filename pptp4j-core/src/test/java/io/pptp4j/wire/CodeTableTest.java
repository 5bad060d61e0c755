package io.pptp4j.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodeTableTest {
    enum Good { A(1), B(2); final int v; Good(int v) { this.v = v; } }

    enum Clash { FIRST(7), SECOND(7); final int v; Clash(int v) { this.v = v; } }

    @Test
    void findsConstantsByWireValue() {
        CodeTable<Good> t = CodeTable.of(Good.values(), g -> g.v);
        assertThat(t.get(2)).isEqualTo(Good.B);
        assertThat(t.find(1)).contains(Good.A);
        assertThat(t.find(3)).isEmpty();
        assertThat(t.get(3)).isNull();
    }

    @Test
    void refusesTwoConstantsWithOneValue() {
        assertThatThrownBy(() -> CodeTable.of(Clash.values(), c -> c.v))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Clash: FIRST and SECOND share the value 7");
    }
}
