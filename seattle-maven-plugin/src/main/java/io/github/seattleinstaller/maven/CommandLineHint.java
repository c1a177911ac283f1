package io.github.seattleinstaller.maven;

import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;

import java.util.List;

/**
 * What to tell someone who ran a goal from the command line ({@code mvn seattle:customize}) and so got none
 * of the configuration the POM gives its executions: Maven runs such a goal as the execution
 * {@code default-cli}, configured only by the plugin's own {@code <configuration>} and {@code -D} options.
 */
final class CommandLineHint {
    static final String COMMAND_LINE_EXECUTION = "default-cli";

    private CommandLineHint() {
    }

    /**
     * How to run the POM's executions of the goal, naming them, or an empty text when the goal does not run
     * from the command line.
     */
    static String of(MojoExecution execution, MavenProject project, String goal) {
        if (execution == null || !COMMAND_LINE_EXECUTION.equals(execution.getExecutionId())) {
            return "";
        }
        List<String> ids = executionIds(execution, project, goal);
        String example = ids.isEmpty() ? "donor-installers" : ids.get(0);
        return ". On the command line, mvn seattle:" + goal + " runs the goal with the command line's configuration"
                + " only (-Dseattle.donorsDirectory=DIR or -Dseattle.donorTable=FILE); to run an execution of the POM"
                + " with its configuration, name its id: mvn seattle:" + goal + "@" + example
                + (ids.isEmpty() ? " (this POM has no execution of " + goal + ")"
                        : " (this POM's executions of " + goal + ": " + String.join(", ", ids) + ")");
    }

    /** The ids of the POM's executions of this plugin that run the goal. */
    private static List<String> executionIds(MojoExecution execution, MavenProject project, String goal) {
        if (project == null || execution.getMojoDescriptor() == null
                || execution.getMojoDescriptor().getPluginDescriptor() == null) {
            return List.of();
        }
        String key = execution.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey();
        return project.getBuildPlugins().stream()
                .filter(plugin -> key.equals(plugin.getKey()))
                .map(Plugin::getExecutions)
                .flatMap(List::stream)
                .filter(pluginExecution -> pluginExecution.getGoals().contains(goal))
                .map(PluginExecution::getId)
                .toList();
    }
}
