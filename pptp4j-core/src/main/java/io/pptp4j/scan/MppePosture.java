package io.pptp4j.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The encryption posture of a server, from the {@link MppeTry}s run as one user: whether it offers and
 * requires MPPE, which key lengths and whether stateful mode it allows, and the findings for each
 * weakness. A conclusion is null ("unknown") when the try that decides it said nothing (an error).
 *
 * @param status {@code probed}; {@code auth-failed} or {@code error} when the baseline did not pass
 *     authentication (then nothing else was tried); {@code not-tried} without a user or a call
 * @param user the name we authenticated as; null when not tried
 * @param tries the tries run, in order
 * @param detail why the posture is not probed; null when it is
 */
public record MppePosture(String status, String user, List<MppeTryResult> tries, String detail) {

    public MppePosture {
        Objects.requireNonNull(status, "status");
        tries = List.copyOf(tries);
    }

    /** No tries: {@code why}. */
    public static MppePosture notTried(String why) { return new MppePosture("not-tried", null, List.of(), why); }

    /** The posture from the tries run; the baseline first. */
    public static MppePosture of(String user, List<MppeTryResult> tries) {
        MppeTryResult baseline = tries.isEmpty() ? null : tries.getFirst();
        if (baseline == null || baseline.attempt() != MppeTry.BASELINE) throw new IllegalArgumentException("the baseline comes first");
        if (!baseline.conclusive()) {
            return new MppePosture(baseline.outcome().label(), user, tries, baselineFailure(user, baseline));
        }
        return new MppePosture("probed", user, tries, null);
    }

    /**
     * Whether to go on after the baseline: only once authentication has passed, whether the baseline's
     * MPPE was accepted or not (a server allowing only 40-bit refuses it, and that is worth telling).
     */
    public static boolean worthGoingOn(MppeTryResult baseline) { return baseline.conclusive(); }

    private static final java.util.regex.Pattern MS_CHAP_FAILURE = java.util.regex.Pattern.compile("\\bE=(\\d+)\\b(?:.*\\bM=(.*))?");

    private static String baselineFailure(String user, MppeTryResult b) {
        if (b.outcome() != MppeTryResult.Outcome.AUTH_FAILED) return "the baseline session failed: " + b.detail();
        String said = b.detail().replaceFirst("^authentication failed: ", "");
        // RFC 2759 6: "E=eeeeeeeeee R=r C=cccc V=vvvvvvvvvv M=<msg>": the error code and the message say it; the challenge does not
        java.util.regex.Matcher m = MS_CHAP_FAILURE.matcher(said);
        if (!m.find()) return "authentication as " + user + " failed (" + said + "): check the user name and password";
        int code = Integer.parseInt(m.group(1));
        String advice = switch (code) {
            case 646 -> "logons are restricted to other hours";
            case 647 -> "the account is disabled";
            case 648 -> "the password has expired";
            case 649 -> "the account may not dial in";
            default -> "check the user name and password";
        };
        return "authentication as " + user + " failed (E=" + io.pptp4j.ppp.auth.MsChapError.describe(code)
                + (m.group(2) != null ? ", \"" + m.group(2).strip() + "\"" : "") + "): " + advice;
    }

    public boolean probed() { return status.equals("probed"); }

    public Optional<MppeTryResult> result(MppeTry t) { return tries.stream().filter(r -> r.attempt() == t).findFirst(); }

    /** True when a try agreed MPPE; false when none did and a session came up in clear; else null. */
    public Boolean offered() {
        if (!probed()) return null;
        if (tries.stream().anyMatch(r -> r.agreed() != null)) return true;
        return noneAccepted() == Boolean.TRUE ? false : null;
    }

    /** False when a session came up with no CCP from us; true when that was refused; else null. */
    public Boolean required() {
        Boolean accepted = noneAccepted();
        return accepted == null ? null : !accepted;
    }

    private Boolean noneAccepted() {
        if (!probed()) return null;
        return result(MppeTry.NONE).filter(MppeTryResult::conclusive)
                .map(r -> r.outcome() == MppeTryResult.Outcome.ACCEPTED && r.agreed() == null).orElse(null);
    }

    /** The key lengths a try agreed, strongest first. */
    public List<Integer> strengthsAllowed() {
        TreeSet<Integer> bits = new TreeSet<>(java.util.Comparator.reverseOrder());
        for (MppeTryResult r : tries) {
            if (r.agreed() != null) bits.add(r.agreed().keyBits());
        }
        return List.copyOf(bits);
    }

    /** True when the stateful try agreed stateful MPPE; false when it was refused; else null. */
    public Boolean statefulAllowed() {
        if (!probed()) return null;
        return result(MppeTry.STATEFUL).filter(MppeTryResult::conclusive)
                .map(r -> r.agreed() != null && !r.agreed().stateless()).orElse(null);
    }

    /** One finding per weakness shown. */
    public List<Finding> findings() {
        List<Finding> f = new ArrayList<>();
        if (!probed()) return f;
        if (required() == Boolean.FALSE) {
            String evidence = "as " + user + ", offering " + MppeTry.NONE.offer() + ": the session came up in clear";
            f.add(offered() == Boolean.TRUE ? FindingKind.MPPE_NOT_REQUIRED.with(evidence + " (it agrees MPPE when offered)")
                    : FindingKind.MPPE_NOT_OFFERED.with(evidence + ", and no MPPE try was accepted"));
        }
        accepted(MppeTry.MPPE_40, 40).ifPresent(r -> f.add(FindingKind.MPPE_40_ALLOWED.with(evidence(r))));
        accepted(MppeTry.MPPE_56, 56).ifPresent(r -> f.add(FindingKind.MPPE_56_ALLOWED.with(evidence(r))));
        if (statefulAllowed() == Boolean.TRUE) {
            f.add(FindingKind.MPPE_STATEFUL_ALLOWED.with(evidence(result(MppeTry.STATEFUL).orElseThrow())));
        }
        return f;
    }

    private Optional<MppeTryResult> accepted(MppeTry t, int bits) {
        return result(t).filter(r -> r.agreed() != null && r.agreed().keyBits() == bits);
    }

    private String evidence(MppeTryResult r) {
        return "as " + user + ", offering " + r.attempt().offer() + ": the session came up with " + r.agreedText() + " MPPE";
    }
}
