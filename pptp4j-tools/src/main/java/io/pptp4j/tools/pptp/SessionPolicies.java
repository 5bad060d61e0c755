package io.pptp4j.tools.pptp;

import io.pptp4j.ppp.auth.engine.SecretLookup;
import io.pptp4j.ppp.ccp.SupportedBit;
import io.pptp4j.ppp.fsm.ccp.MppeConfig;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.options.MppeStrength;
import io.pptp4j.ppp.options.PppPolicy;
import io.pptp4j.ppp.secrets.SecretsTable;
import io.pptp4j.ppp.session.SessionConfig;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** From pppd's options (as {@link PppPolicy}) and secrets to a {@link SessionConfig}. */
public final class SessionPolicies {
    private SessionPolicies() {}

    public static SessionConfig apply(PppPolicy policy, SessionConfig base) {
        Set<SupportedBit> strengths = EnumSet.noneOf(SupportedBit.class);
        for (MppeStrength s : policy.mppeStrengths()) {
            strengths.add(switch (s) {
                case BITS_40 -> SupportedBit.L;
                case BITS_56 -> SupportedBit.M;
                case BITS_128 -> SupportedBit.S;
            });
        }
        Optional<MppeConfig> mppe = strengths.isEmpty() && !policy.mppeRequired() ? Optional.empty()
                : Optional.of(new MppeConfig(strengths.isEmpty() ? EnumSet.of(SupportedBit.S) : strengths,
                        policy.mppeStatefulAllowed() ? MppeConfig.Statefulness.STATEFUL_ALLOWED : MppeConfig.Statefulness.STATELESS_REQUIRED,
                        policy.mppeRequired()));
        return base.withLcp(base.lcp().withAuthProtocols(policy.authMethods()))
                .withMppe(mppe)
                .withAllowPap(policy.authMethods().contains(AuthProtocol.PAP));
    }


    /** pppd's chap-secrets as the authentication engines look secrets up. */
    public static SecretLookup lookup(SecretsTable table) {
        return (client, server) -> table.find(client, server).map(e -> e.secret());
    }
}
