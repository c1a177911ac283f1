// Shared checks for the verify scripts: every archive is read by independent tools (GNU tar, unzip,
// python3, openssl, sha256sum), never by the code under test.
import groovy.json.JsonSlurper

class Checks {
    File basedir
    File lib
    File localRepository
    File mainLocalRepository

    /** Runs a command and returns its output; fails with the output if it exits with another code. */
    String run(List<String> command, File directory = basedir, Map<String, String> environment = [:], int expected = 0) {
        def builder = new ProcessBuilder(command.collect { it.toString() }).directory(directory).redirectErrorStream(true)
        builder.environment().putAll(environment)
        def process = builder.start()
        def output = process.inputStream.getText('UTF-8')
        def code = process.waitFor()
        assert code == expected: "${command.join(' ')} exited with ${code}, expected ${expected}:\n${output}"
        return output
    }

    /**
     * Runs Maven as the invoker runs the projects under test: the same Maven, the test repository and the
     * test settings, in batch mode; returns its output, failing unless it exits with {@code expected}.
     */
    String mvn(List<String> arguments, File directory = basedir, int expected = 0) {
        def command = [new File(System.getProperty('maven.home'), 'bin/mvn').path] + mavenOptions() + arguments
        // A short run spends most of its time compiling Maven itself: the first compiler alone is quicker.
        return run(command, directory, [MAVEN_OPTS: '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC'], expected)
    }

    /**
     * The options that make a Maven run use the test repository and the test settings (whose repository is the
     * main build's local repository, as for the invoker's own runs), as MAVEN_ARGS would give them.
     */
    List<String> mavenOptions() {
        def settings = new File(basedir, 'target/it-settings.xml')
        if (!settings.exists()) {
            settings.parentFile.mkdirs()
            settings.text = new File(lib.parentFile, 'settings.xml').text
                    .replace('@localRepositoryUrl@', mainLocalRepository.toURI().toString())
        }
        return ['-B', '-s', settings.path, "-Dmaven.repo.local=${localRepository.path}".toString()]
    }

    /** What Python's tarfile/zipfile read in the archive (see read_installer.py). */
    Map readWithPython(File archive) {
        new JsonSlurper().parseText(run(['python3', new File(lib, 'read_installer.py').path, archive.path]))
    }

    /** Checks one archive as a donor and a repository user would get it. */
    Map checkInstaller(File archive, File operatorPublicKey, boolean customized) {
        // The .sha256 is sha256sum's format, and the detached signature verifies with stock openssl.
        run(['sha256sum', '-c', archive.name + '.sha256'], archive.parentFile)
        def verified = run(['openssl', 'dgst', '-sha256', '-verify', operatorPublicKey.path, '-signature',
                            archive.path + '.sig', archive.path])
        assert verified.trim() == 'Verified OK'

        def python = readWithPython(archive)
        assert python.top == ['seattle']: "exactly one top-level directory, not ${python.top}"
        def names = python.entries.collect { it.name }
        assert names.size() == names.toSet().size(): "no duplicate entries"
        assert names.contains('seattle/install.sh') && names.contains('seattle/metainfo') &&
                names.contains('seattle/metainfo.sig') && names.contains('seattle/operator.pub.pem') &&
                names.contains('seattle/resources.offcut') && names.contains('seattle/vessel.restrictions') &&
                names.any { it ==~ /seattle\/lib\/seattle-installer-runtime-.*\.jar/ } &&
                names.contains('seattle/lib/oshi-core-6.12.0.jar') && names.contains('seattle/README.txt')
        assert names.contains('seattle/vesselinfo') == customized
        def installSh = python.entries.find { it.name == 'seattle/install.sh' }
        assert installSh.mode == '0o755'
        python.entries.findAll { it.name != 'seattle/install.sh' }.each {
            assert it.mode == (it.dir ? '0o755' : '0o644'): "mode of ${it.name}: ${it.mode}"
        }
        assert python.installSh.cr == 0 && python.installSh.lf > 10: "install.sh has LF line endings"
        assert python.installCmd.crlf > 10 && python.installCmd.crlf == python.installCmd.lf:
                "install.cmd has CRLF line endings only"
        if (archive.name.endsWith('.zip')) {
            assert python.readme.crlf > 50 && python.readme.crlf == python.readme.lf: "README.txt has CRLF in the zip"
        } else {
            assert python.readme.lf > 50 && python.readme.cr == 0: "README.txt has LF line endings in a tar.gz"
        }

        if (archive.name.endsWith('.zip')) {
            assert python.entries.every { it.unix }: "zip entries carry unix modes"
            def listing = run(['unzip', '-l', archive.path])
            assert listing.contains('seattle/install.cmd')
            def zipinfo = run(['zipinfo', archive.path])
            assert zipinfo.readLines().find { it.endsWith('seattle/install.sh') }.startsWith('-rwxr-xr-x')
            def cmd = run(['unzip', '-p', archive.path, 'seattle/install.cmd'])
            assert cmd.contains('\r\n')
        } else {
            python.entries.each { assert it.uid == 0 && it.gid == 0: "owner of ${it.name}" }
            def process = new ProcessBuilder('tar', '-tvzf', archive.path).start()
            def listing = process.inputStream.getText('UTF-8')
            def errors = process.errorStream.getText('UTF-8')
            assert process.waitFor() == 0 && errors.isEmpty(): "GNU tar lists it without complaint: ${errors}"
            assert listing.readLines().find { it.endsWith('seattle/install.sh') }.startsWith('-rwxr-xr-x')
            assert listing.readLines().every { it.split(/\s+/)[5].startsWith('seattle/') }
        }
        return python
    }

    /** Extracts a tar.gz installer with GNU tar into a new directory; returns the installer directory. */
    File extract(File archive, File into) {
        into.mkdirs()
        def process = new ProcessBuilder('tar', '-xzf', archive.path, '-C', into.path).redirectErrorStream(true).start()
        def output = process.inputStream.getText('UTF-8')
        assert process.waitFor() == 0 && output.isEmpty(): "GNU tar extracts it without complaint: ${output}"
        return new File(into, 'seattle')
    }

    /** The vessel state as a Seattle node manager reads it (see read_state.py). */
    Map readState(File stateDirectory) {
        new JsonSlurper().parseText(run(['python3', new File(lib, 'read_state.py').path, stateDirectory.path]))
    }

    /** A copy of an archive with one entry replaced or added (see tamper.py). */
    File tamper(File archive, File copy, String entry, String content) {
        copy.parentFile.mkdirs()
        run(['python3', new File(lib, 'tamper.py').path, archive.path, copy.path, entry, content])
        return copy
    }

    /** The modulus of an RSA public key file (PEM or Seattle text), as decimal text. */
    String modulusOf(File key) {
        def text = key.text.trim()
        if (!text.startsWith('-----')) {
            return text.split(/\s+/)[1]
        }
        def hex = run(['openssl', 'rsa', '-pubin', '-in', key.path, '-noout', '-modulus']).trim() - 'Modulus='
        return new BigInteger(hex, 16).toString()
    }
}

return new Checks(basedir: basedir, lib: new File(itDirectory, 'lib'), localRepository: localRepositoryPath as File,
        mainLocalRepository: mainLocalRepository as File)
