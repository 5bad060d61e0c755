package io.pptp4j.scan;

/**
 * A product known by what its Start-Control-Connection-Reply says. {@code endOfLife} is the vendor's
 * end-of-support date ({@code 2020-01-14}) or null when the product is supported or it is not known.
 */
public record FingerprintRule(String id, Conditions when, String product, String os, Confidence confidence,
                              String endOfLife, String note) {
    public FingerprintRule {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a fingerprint rule needs an id");
        if (when == null) throw new IllegalArgumentException(id + ": no conditions");
        if (product == null || product.isBlank()) throw new IllegalArgumentException(id + ": no product");
        if (confidence == null) throw new IllegalArgumentException(id + ": no confidence");
        if (endOfLife != null && !endOfLife.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException(id + ": end_of_life '" + endOfLife + "' is not YYYY-MM-DD");
        }
    }
}
