package io.pptp4j.tools.lab;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pptp4j lab}: the demonstration. For now it decodes the bundled sample captures. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Demonstrate pptp4j: for now, decode the bundled real PPTP captures and summarise each layer.")
public final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("lab: not yet");
        return 0;
    }
}
