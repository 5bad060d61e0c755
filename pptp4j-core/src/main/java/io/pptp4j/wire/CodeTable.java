package io.pptp4j.wire;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The lookup from wire value to enum constant that every code enum needs (STYLE.md point 5), built once
 * at class load with the check that no two constants share a value.
 */
public final class CodeTable<E extends Enum<E>> {
    private final Map<Integer, E> byValue;

    private CodeTable(Map<Integer, E> byValue) { this.byValue = byValue; }

    /** Call from the enum's static initialiser with {@code values()}; a shared value fails class loading. */
    public static <E extends Enum<E>> CodeTable<E> of(E[] constants, ToIntFunction<E> value) {
        Map<Integer, E> map = new HashMap<>();
        for (E e : constants) {
            E previous = map.put(value.applyAsInt(e), e);
            if (previous != null) {
                throw new IllegalStateException(e.getDeclaringClass().getSimpleName() + ": " + previous + " and " + e
                        + " share the value " + value.applyAsInt(e));
            }
        }
        return new CodeTable<>(Map.copyOf(map));
    }

    /** The constant with this value, or null. */
    public E get(int value) { return byValue.get(value); }

    public Optional<E> find(int value) { return Optional.ofNullable(byValue.get(value)); }
}
