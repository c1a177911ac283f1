// Goals run from the command line on this project's installers, signed with a second operator key, and on
// the base that setup-published-base published, signed with the first.
def checks = evaluate(new File(itDirectory, 'lib/checks.groovy'))
def keys = new File(itDirectory, 'keys')
def out = new File(basedir, 'target/seattle')
def openssl = { File key ->
    checks.run(['sh', '-c', "openssl pkey -pubin -in '${key.path}' -outform DER | sha256sum"]).trim().split(' ')[0]
}
def other = openssl(new File(keys, 'TEST-ONLY-other-operator.pub.pem'))
def first = openssl(new File(keys, 'TEST-ONLY-operator.pub.pem'))
assert first == 'd22f350cee491b5df76cb74c9593d2ae6b7686d3572b5d36a5f8df56c6de3aec'

// The invoker's run: the execution named on the command line customized; one key, not pinned: verified,
// with a warning that names the key.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Customized 1 donor: 1 installer, ')
assert new File(out, 'verify-trust-1.0-alice-linux.tar.gz').isFile()
assert log.contains('[INFO] All 2 installers verified: 1 base installer, 1 donor installer with a signed vesselinfo')
assert log.contains('[WARNING] Only integrity was checked: without <expectedKeyFingerprint> nothing says whose key signed'
        + " these installers, and anyone can sign a changed copy with their own key. They carry the operator key sha256:${other}.")
assert log.contains("-Dseattle.expectedKeyFingerprint=${other}")

// Each goal has its own skip property; without the POM's execution, customize has no donors, and says how
// to run the execution.
def bare = checks.mvn(['package', '-Dseattle.base-installers.skip', 'seattle:verify', '-Dseattle.verify.skip',
                       'seattle:customize'], basedir, 1)
assert bare.contains('[INFO] Skipping base-installers: seattle.base-installers.skip is set')
assert bare.contains('[INFO] Skipping verify: seattle.verify.skip is set')
assert bare.contains('<donors>: no donors: give <donors>')
assert bare.contains('to run an execution of the POM with its configuration, name its id: mvn seattle:customize@donor-installers'
        + " (this POM's executions of customize: donor-installers)")

// The fingerprint of a key file, without a project, as openssl computes it.
def noProject = new File(basedir, 'target/no-project')
noProject.mkdirs()
def key = new File(keys, 'TEST-ONLY-other-operator.pub.pem')
assert checks.mvn(["${seattlePlugin}:fingerprint".toString(), "-Dseattle.file=${key.path}".toString()], noProject)
        .contains("[INFO] Fingerprint of ${key.path} (RSA-2048 public key): sha256:${other}")

// Two keys: refused, unless allowed.
def published = new File(localRepositoryPath, 'it/seattle/setup-published-base/1.0/setup-published-base-1.0-linux.tar.gz')
new File(out, published.name).bytes = published.bytes
def twoKeys = checks.mvn(['seattle:verify'], basedir, 1)
assert twoKeys.contains("<allowSeveralKeys>: the installers carry 2 different operator keys: sha256:${first} in"
        + " setup-published-base-1.0-linux.tar.gz; sha256:${other} in 2 installers: verify-trust-1.0-alice-linux.tar.gz,"
        + " verify-trust-1.0-linux.tar.gz (rule: one operator's installers all carry the same key")
def allowed = checks.mvn(['seattle:verify', '-Dseattle.allowSeveralKeys'])
assert allowed.contains('[WARNING] The installers carry 2 different operator keys (<allowSeveralKeys> is set)')
assert allowed.contains("They carry the operator keys sha256:${first}, sha256:${other}.")
return true
