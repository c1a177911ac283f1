package io.github.seattleinstaller.maven;

import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

import java.nio.file.Path;

/** Maven sessions as a goal sees them, with or without a project. */
final class Sessions {
    private Sessions() {
    }

    /**
     * A session of a build of the project in {@code projectDirectory} (its build directory {@code target}),
     * or, for null, of a goal run without a POM.
     */
    @SuppressWarnings("deprecation") // The session's public constructor is what a test without a container has.
    static MavenSession of(Path projectDirectory) {
        MavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setProjectPresent(projectDirectory != null);
        MavenSession session = new MavenSession(null, null, request, new DefaultMavenExecutionResult());
        if (projectDirectory != null) {
            MavenProject project = new MavenProject();
            project.setFile(projectDirectory.resolve("pom.xml").toFile());
            project.getBuild().setDirectory(projectDirectory.resolve("target").toString());
            session.setCurrentProject(project);
        }
        return session;
    }
}
