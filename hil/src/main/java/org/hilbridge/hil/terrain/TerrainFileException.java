package org.hilbridge.hil.terrain;

import java.io.IOException;
import java.nio.file.Path;

/** A terrain file that cannot be used; the message names the file, where in it, the value and the rule. */
public final class TerrainFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public TerrainFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public TerrainFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
