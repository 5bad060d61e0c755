package io.pptp4j.scan;

import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import java.util.regex.Pattern;

/**
 * What a fingerprint rule or sign asks of a Start-Control-Connection-Reply: a Vendor String and Host
 * Name pattern (searched, not anchored: anchor in the pattern), a Firmware Revision range and a Maximum
 * Channels value. A null condition holds for any value; a rule needs at least one.
 */
public record Conditions(Pattern vendor, Pattern hostName, Integer firmwareMin, Integer firmwareMax, Integer maximumChannels) {
    public Conditions {
        if (vendor == null && hostName == null && firmwareMin == null && firmwareMax == null && maximumChannels == null) {
            throw new IllegalArgumentException("a rule needs at least one condition");
        }
        if (firmwareMin != null && firmwareMax != null && firmwareMin > firmwareMax) {
            throw new IllegalArgumentException("firmware range " + firmwareMin + "-" + firmwareMax + " runs backwards");
        }
    }

    public boolean matches(StartControlConnectionReply r) {
        return (vendor == null || vendor.matcher(r.vendorString()).find())
                && (hostName == null || hostName.matcher(r.hostName()).find())
                && (firmwareMin == null || r.firmwareRevision() >= firmwareMin)
                && (firmwareMax == null || r.firmwareRevision() <= firmwareMax)
                && (maximumChannels == null || r.maximumChannels() == maximumChannels);
    }

    /** The fields that matched, for a finding's evidence: {@code vendor "linux", host name "local"}. */
    public String evidence(StartControlConnectionReply r) {
        StringBuilder sb = new StringBuilder();
        if (vendor != null) sb.append("vendor \"").append(r.vendorString()).append('"');
        if (hostName != null) sb.append(sb.isEmpty() ? "" : ", ").append("host name \"").append(r.hostName()).append('"');
        if (firmwareMin != null || firmwareMax != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("firmware revision ").append(r.firmwareRevision());
        }
        if (maximumChannels != null) sb.append(sb.isEmpty() ? "" : ", ").append("maximum channels ").append(r.maximumChannels());
        return sb.toString();
    }
}
