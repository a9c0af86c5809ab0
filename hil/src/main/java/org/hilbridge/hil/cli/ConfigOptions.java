package org.hilbridge.hil.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every scenario command shares: the bridge configuration file and --set overrides. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Bridge configuration (.properties or .yaml); defaults apply without one.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override any scenario or bridge key, e.g. --set runner.pacing=lockstep or --set sensors(0).rate_hz=20 (repeatable).")
    List<String> overrides = new ArrayList<>();
}
