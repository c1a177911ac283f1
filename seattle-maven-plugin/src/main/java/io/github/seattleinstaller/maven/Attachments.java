package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.output.DetachedSignature;
import io.github.seattleinstaller.builder.output.SignedArchive;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

import java.nio.file.Path;

/**
 * Attaches an installer and its detached signature, so that {@code mvn install} and {@code mvn deploy}
 * publish both, and a customization's manifest. The {@code .sha256} stays local: repositories keep their own checksums, and a resolver set
 * to write SHA-256 checksums would produce a file of the same name.
 */
final class Attachments {
    private Attachments() {
    }

    static void attach(MavenProjectHelper helper, MavenProject project, SignedArchive installer, Platform platform,
            String classifier) {
        String type = platform.format().extension();
        helper.attachArtifact(project, type, classifier, installer.archive().toFile());
        helper.attachArtifact(project, type + DetachedSignature.EXTENSION, classifier,
                installer.signatureFile().toFile());
    }

    /** Attaches a manifest file by its extension ({@code json}, {@code csv}) as its type. */
    static void attachManifest(MavenProjectHelper helper, MavenProject project, Path manifest, String classifier) {
        String name = manifest.getFileName().toString();
        helper.attachArtifact(project, name.substring(name.lastIndexOf('.') + 1), classifier, manifest.toFile());
    }

}
