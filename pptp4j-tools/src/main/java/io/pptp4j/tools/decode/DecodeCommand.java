package io.pptp4j.tools.decode;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pptp4j decode}: placeholder until the codecs land. */
@Command(name = "decode", mixinStandardHelpOptions = true, description = "Decode PPTP, GRE and PPP from hex or a capture file.")
public final class DecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return 0;
    }
}
