package org.hilbridge.hil.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes scenario text to a folder and loads it, for tests. */
final class ScenarioFiles {
    /** The smallest valid scenario: a 400 m plane of dry asphalt. */
    static final String MINIMAL = """
            seed: 1
            duration_s: 60
            terrain: {type: plane, material: dry_asphalt, cell_size_m: 10}
            """;

    private final Path dir;

    ScenarioFiles(Path dir) {
        this.dir = dir;
    }

    Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("scenario.yaml"), text);
    }

    Scenario load(String text, String... sets) throws IOException {
        return load(text, Map.of(), sets);
    }

    Scenario load(String text, Map<String, String> environment, String... sets) throws IOException {
        return new ScenarioLoader(environment).load(write(text), List.of(sets));
    }
}
