package io.github.seattleinstaller.runtime.state;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A directory to be replaced by a new node state is not one: it carries no {@link StateMarker}. Nothing
 * in it was deleted.
 */
public class NotNodeStateException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    public NotNodeStateException(Path directory) {
        super(directory + " exists but is not a node state written by a Seattle installer (it has no "
                + StateMarker.FILE_NAME + " file), so it is not replaced and nothing in it was deleted");
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
