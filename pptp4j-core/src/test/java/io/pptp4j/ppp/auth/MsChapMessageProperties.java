package io.pptp4j.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Success and Failure message texts: format, then parse, gives the same fields back (jqwik prints the seed on failure). */
class MsChapMessageProperties {

    @Provide
    Arbitrary<Bytes> authenticatorResponses() {
        return Arbitraries.bytes().array(byte[].class).ofSize(20).map(Bytes::of);
    }

    @Provide
    Arbitrary<Optional<String>> messages() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(60).optional();
    }

    @Provide
    Arbitrary<MsChapFailure> failures() {
        Arbitrary<Optional<Bytes>> challenges = Arbitraries.of(8, 16)
                .flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n)).map(Bytes::of).optional();
        Arbitrary<OptionalInt> versions = Arbitraries.integers().between(0, 999_999_999).optional()
                .map(o -> o.map(OptionalInt::of).orElse(OptionalInt.empty()));
        return Combinators.combine(Arbitraries.integers().between(0, 999_999_999), Arbitraries.of(true, false),
                challenges, versions, messages()).as(MsChapFailure::of);
    }

    @Property
    void successTextRoundTrips(@ForAll("authenticatorResponses") Bytes auth, @ForAll("messages") Optional<String> message)
            throws Exception {
        MsChapV2Success s = MsChapV2Success.of(auth, message);
        assertThat(s.format()).hasSize(42 + message.map(m -> 3 + m.length()).orElse(0));
        assertThat(MsChapV2Success.parse(s.format(), DecodeMode.STRICT)).isEqualTo(s);
        assertThat(MsChapV2Success.parse(s.toMessage(), DecodeMode.STRICT)).isEqualTo(s);
    }

    @Property
    void failureTextRoundTrips(@ForAll("failures") MsChapFailure f) throws Exception {
        assertThat(MsChapFailure.parse(f.format(), DecodeMode.STRICT)).isEqualTo(f);
        assertThat(MsChapFailure.parse(f.toMessage(), DecodeMode.STRICT)).isEqualTo(f);
    }

    @Property
    void failureFieldsParseInAnyOrderWithAnySpacing(@ForAll("failures") MsChapFailure f, @ForAll long seed)
            throws Exception {
        Random random = new Random(seed);
        List<String> fields = new ArrayList<>(List.of("E=" + f.errorCode(), "R=" + (f.retry() ? 1 : 0)));
        f.challenge().ifPresent(c -> fields.add("C=" + c.hex()));
        f.version().ifPresent(v -> fields.add("V=" + v));
        fields.add("X=ignored");
        Collections.shuffle(fields, random);
        StringBuilder text = new StringBuilder(" ".repeat(random.nextInt(3)));
        for (String field : fields) {
            text.append(field).append(" ".repeat(1 + random.nextInt(3)));
        }
        f.message().ifPresent(m -> text.append("M=").append(m));
        MsChapFailure parsed = MsChapFailure.parse(text.toString(), DecodeMode.STRICT);
        assertThat(parsed.text()).isEqualTo(text.toString());
        assertThat(parsed.format()).isEqualTo(f.format());
    }
}
