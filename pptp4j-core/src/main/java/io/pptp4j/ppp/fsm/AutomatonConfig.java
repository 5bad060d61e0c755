package io.pptp4j.ppp.fsm;

import java.time.Duration;
import java.util.Objects;

/**
 * The counters and timer of RFC 1661 4.6: the Restart timer interval (default 3 s), Max-Terminate
 * (default 2 transmissions), Max-Configure (default 10 transmissions) and Max-Failure (default 5
 * Configure-Naks sent without a Configure-Ack before Naks turn into Rejects).
 */
public record AutomatonConfig(Duration restartInterval, int maxTerminate, int maxConfigure, int maxFailure) {
    public static final AutomatonConfig DEFAULT = new AutomatonConfig(Duration.ofSeconds(3), 2, 10, 5);

    public AutomatonConfig {
        Objects.requireNonNull(restartInterval, "restartInterval");
        if (restartInterval.isNegative() || restartInterval.isZero()) {
            throw new IllegalArgumentException("Restart timer " + restartInterval + " is not positive");
        }
        if (maxTerminate < 1 || maxConfigure < 1 || maxFailure < 1) {
            throw new IllegalArgumentException("Max-Terminate " + maxTerminate + ", Max-Configure " + maxConfigure
                    + ", Max-Failure " + maxFailure + ": each must be at least 1");
        }
    }

    public AutomatonConfig withRestartInterval(Duration interval) {
        return new AutomatonConfig(interval, maxTerminate, maxConfigure, maxFailure);
    }

    public AutomatonConfig withMaxConfigure(int n) {
        return new AutomatonConfig(restartInterval, maxTerminate, n, maxFailure);
    }
}
