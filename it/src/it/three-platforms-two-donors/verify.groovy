// Every archive read by independent tools; then alice's linux installer extracted with GNU tar and run.
def checks = evaluate(new File(itDirectory, 'lib/checks.groovy'))
def keys = new File(itDirectory, 'keys')
def operatorKey = new File(keys, 'TEST-ONLY-operator.pub.pem')
def out = new File(basedir, 'target/seattle')

def bases = ['linux.tar.gz', 'macos.tar.gz', 'windows.zip']
bases.each { suffix ->
    checks.checkInstaller(new File(out, "three-platforms-two-donors-1.0-${suffix}"), operatorKey, false)
}
['alice', 'bob'].each { donor ->
    bases.each { suffix ->
        def python = checks.checkInstaller(new File(out, "three-platforms-two-donors-1.0-${donor}-${suffix}"),
                operatorKey, true)
        assert python.vesselinfo.startsWith('Percent ')
    }
}

def log = new File(basedir, 'build.log').text
assert log.contains('Operator key: RSA-2048 key sha256:')
assert !log.contains(new File(keys, 'TEST-ONLY-operator.pem').readLines()[1]): 'the key never appears in the log'
assert log.contains('All 9 installers verified against sha256:')

// The donor's side: extract alice's linux installer and install with the default maxima into it.
def work = new File(basedir, 'target/donor')
def installer = checks.extract(new File(out, 'three-platforms-two-donors-1.0-alice-linux.tar.gz'), work)
def output = checks.run(['sh', 'install.sh', '--maxima', new File(basedir, 'maxima').path], installer)
assert output.contains('Installed 2 vessels with 10.0% of this machine')

def state = checks.readState(new File(installer, 'seattle_repy'))
assert state.keySet() as List == ['v1', 'v2']
def alice = checks.modulusOf(new File(keys, 'TEST-ONLY-alice.publickey'))
def researcher = checks.modulusOf(new File(keys, 'TEST-ONLY-researcher.pub.pem'))
def operator = checks.modulusOf(operatorKey)
assert state.v1.owner == alice && state.v1.users == [researcher]
assert state.v2.owner == operator && state.v2.users == []
assert state.v1.status == 'Fresh' && state.v1.directory && state.v2.directory
// The reference's worked example (section 9): 10% of the defaults, vessels of 80 and 20.
assert state.v1.resources.cpu == 0.0768 && state.v1.resources.memory == 39200000 && state.v1.resources.events == 392
assert state.v2.resources.cpu == 0.0192 && state.v2.resources.events == 98
assert state.v1.messports == (63100..63179).toList() && state.v1.connports == (63100..63179).toList()
assert state.v2.messports == (63180..63199).toList()
assert state.v1.calls > 10: 'vessel.restrictions is appended to every resource file'

// Running it again is refused; a tampered copy writes nothing.
checks.run(['sh', 'install.sh', '--maxima', new File(basedir, 'maxima').path], installer, [:], 7)
def tampered = checks.extract(new File(out, 'three-platforms-two-donors-1.0-bob-linux.tar.gz'), new File(basedir, 'target/tampered'))
new File(tampered, 'resources.offcut').append('resource cpu 0.5\n')
def refused = checks.run(['sh', 'install.sh', '--maxima', new File(basedir, 'maxima').path], tampered, [:], 4)
assert refused.contains('resources.offcut: changed')
assert !new File(tampered, 'seattle_repy').exists()

// The vesselinfo is the operator's: openssl verifies vesselinfo.sig, and bob's installer carrying alice's
// vesselinfo (someone swapping the file that says who receives the donation) is refused, writing nothing.
assert checks.run(['openssl', 'dgst', '-sha256', '-verify', 'operator.pub.pem', '-signature', 'vesselinfo.sig',
        'vesselinfo'], installer).contains('Verified OK')
def swapped = checks.extract(new File(out, 'three-platforms-two-donors-1.0-bob-linux.tar.gz'), new File(basedir, 'target/swapped'))
new File(swapped, 'vesselinfo').bytes = new File(installer, 'vesselinfo').bytes
def fingerprint = (log =~ /Operator key: RSA-2048 key (sha256:[0-9a-f]{64})/)[0][1]
def refusedSwap = checks.run(['sh', 'install.sh', '--maxima', new File(basedir, 'maxima').path, '--expect-key', fingerprint],
        swapped, [:], 4)
assert refusedSwap.contains("vesselinfo.sig: it is not the operator key's signature of vesselinfo")
assert !new File(swapped, 'seattle_repy').exists() && !new File(swapped, '.seattle_repy.lock').exists()

// A base installer has no vesselinfo: the installer says so.
def base = checks.extract(new File(out, 'three-platforms-two-donors-1.0-linux.tar.gz'), new File(basedir, 'target/base'))
assert checks.run(['sh', 'install.sh', '--dry-run'], base, [:], 3).contains('it is a base installer')
return true
