import io.github.seattleinstaller.builder.base.BaseInstallerBuilder;
import io.github.seattleinstaller.builder.base.BaseInstallerRequest;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.keys.OperatorKeyLoader;
import io.github.seattleinstaller.runtime.log.ProgressLog;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Base installers of a chosen size for benchmark/customize-scaling.sh, where the real ones (about 5 MB, the
 * runtime and its dependencies) times 30,000 would not fit on the disk: the builder's own base-installer
 * code with a runtime jar that needs no dependency and an incompressible payload file of the given size.
 * They customize exactly as real bases do. Run with the builder and its dependencies on the class path:
 *
 * <pre>java -cp CLASSPATH MakeSmallBases.java OPERATOR_KEY.pem OUTPUT_DIRECTORY PAYLOAD_BYTES BASE_NAME WORK_DIRECTORY</pre>
 */
public class MakeSmallBases {
    public static void main(String[] args) throws Exception {
        Path keyFile = Path.of(args[0]);
        Path output = Path.of(args[1]);
        int payloadBytes = Integer.parseInt(args[2]);
        String baseName = args[3];
        Path work = Files.createDirectories(Path.of(args[4]));

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "bench.Main");
        Path runtime = work.resolve("bench-runtime-1.0.jar");
        try (OutputStream out = Files.newOutputStream(runtime); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        byte[] payload = new byte[payloadBytes];
        new Random(8).nextBytes(payload);
        Path payloadFile = Files.write(work.resolve("payload.bin"), payload);

        OperatorKey key = new OperatorKeyLoader(variable -> null, "UNUSED_KEY_VARIABLE", "UNUSED_PASSPHRASE_VARIABLE")
                .load(keyFile, null);
        new BaseInstallerBuilder(ProgressLog.NONE).build(BaseInstallerRequest.builder()
                .runtimeJar(runtime)
                .dependencyJars(List.of())
                .operatorKey(key)
                .outputDirectory(output)
                .baseFileName(baseName)
                .outputTimestamp(Instant.parse("2026-11-01T00:00:00Z"))
                .extraPayload(Map.of("payload.bin", payloadFile))
                .build());
    }
}
