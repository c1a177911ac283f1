package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.Platform;
import org.apache.maven.plugin.MojoFailureException;

import java.util.ArrayList;
import java.util.List;

/** The {@code <platforms>} parameter: names of {@link Platform}, each once. */
final class Platforms {
    private Platforms() {
    }

    static List<Platform> parse(List<String> names) throws MojoFailureException {
        List<Platform> platforms = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            throw AbstractSeattleMojo.parameterProblem("platforms", "give at least one of " + Platform.validNames());
        }
        for (String name : names) {
            Platform platform;
            try {
                platform = Platform.parse(name.strip());
            } catch (IllegalArgumentException e) {
                throw AbstractSeattleMojo.parameterProblem("platforms", e.getMessage());
            }
            if (platforms.contains(platform)) {
                throw AbstractSeattleMojo.parameterProblem("platforms", platform + " is given twice");
            }
            platforms.add(platform);
        }
        return platforms;
    }
}
