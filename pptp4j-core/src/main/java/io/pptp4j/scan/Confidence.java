package io.pptp4j.scan;

import java.util.Locale;

/** How sure a fingerprint is: how distinctive its evidence is in public knowledge of these products. */
public enum Confidence {
    HIGH, MEDIUM, LOW;

    /** {@code high}, {@code medium}, {@code low}: the name in data files and reports. */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static Confidence parse(String s) {
        for (Confidence c : values()) {
            if (c.label().equals(s)) return c;
        }
        throw new IllegalArgumentException("confidence '" + s + "' is not high, medium or low");
    }
}
