package io.pptp4j.tools.pptp;

import io.pptp4j.ppp.auth.engine.Secret;
import io.pptp4j.ppp.auth.engine.SecretLookup;
import io.pptp4j.ppp.ccp.SupportedBit;
import io.pptp4j.ppp.fsm.ccp.MppeConfig;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.options.AuthMethod;
import io.pptp4j.ppp.options.MppeStrength;
import io.pptp4j.ppp.options.PppPolicy;
import io.pptp4j.ppp.secrets.SecretsTable;
import io.pptp4j.ppp.session.SessionConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** From pppd's options (as {@link PppPolicy}) and secrets to a {@link SessionConfig}. */
public final class SessionPolicies {
    private SessionPolicies() {}

    public static SessionConfig apply(PppPolicy policy, SessionConfig base) {
        List<AuthProtocol> auth = policy.authMethods().stream().map(SessionPolicies::protocol).toList();
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
        return base.withLcp(base.lcp().withAuthProtocols(auth))
                .withMppe(mppe)
                .withAllowPap(policy.authMethods().contains(AuthMethod.PAP));
    }

    static AuthProtocol protocol(AuthMethod m) {
        return switch (m) {
            case PAP -> AuthProtocol.PAP;
            case CHAP_MD5 -> AuthProtocol.CHAP_MD5;
            case MSCHAP_V1 -> AuthProtocol.MSCHAP_V1;
            case MSCHAP_V2 -> AuthProtocol.MSCHAP_V2;
            case EAP -> AuthProtocol.EAP;
        };
    }

    /** pppd's chap-secrets as the authentication engines look secrets up. */
    static SecretLookup lookup(SecretsTable table) {
        return (client, server) -> table.find(client, server).map(e -> Secret.of(e.secret().chars(), List.of()));
    }
}
