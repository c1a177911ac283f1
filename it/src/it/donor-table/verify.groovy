// Each row's vesselinfo is the template filled with its keys, the build's keys and its overlay; the
// manifest, read back by Python, matches the nine installers.
def checks = evaluate(new File(itDirectory, 'lib/checks.groovy'))
def keys = new File(itDirectory, 'keys')
def operatorKey = new File(keys, 'TEST-ONLY-operator.pub.pem')
def out = new File(basedir, 'target/seattle')
def key = { String name -> "65537 ${checks.modulusOf(new File(keys, name))}".toString() }
def alice = key('TEST-ONLY-alice.publickey')
def bob = key('TEST-ONLY-bob.pub.pem')
def lab = key('TEST-ONLY-researcher.pub.pem')
def operator = key('TEST-ONLY-operator.pub.pem')
def other = key('TEST-ONLY-other-operator.pub.pem')
def split = { String owner, List<String> extraUsers ->
    "Percent 70\nOwner ${owner}\nUser ${lab}\n${extraUsers.collect { "User ${it}\n" }.join('')}" +
            "Percent 10\nOwner ${owner}\nPercent 20\nOwner ${operator}\n"
}
// The overlay's users come after the template's; the PEM cell of carol is bob's key.
def expected = [alice: split(alice, []), bob: split(bob, [alice, other]), carol: split(bob, [])]
expected.each { donor, vesselinfo ->
    ['linux.tar.gz', 'macos.tar.gz', 'windows.zip'].each { suffix ->
        def python = checks.checkInstaller(new File(out, "setup-published-base-1.0-${donor}-${suffix}"), operatorKey, true)
        assert python.vesselinfo == vesselinfo: "${donor} ${suffix}:\n${python.vesselinfo}"
    }
}

def manifest = new groovy.json.JsonSlurper().parseText(checks.run(['python3', new File(itDirectory, 'lib/check_manifest.py').path,
        new File(out, 'lab-donors.json').path, new File(out, 'lab-donors.csv').path, operatorKey.path, 'setup-published-base-1.0']))
assert manifest.installers == 9 && manifest.donors == ['alice', 'bob', 'carol']
assert manifest.platforms == ['linux', 'macos', 'windows']
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Customized 3 donors: 9 installers, ')
return true
