def checks = evaluate(new File(itDirectory, 'lib/checks.groovy'))
def operatorKey = new File(itDirectory, 'keys/TEST-ONLY-operator.pub.pem')
def out = new File(basedir, 'target/seattle')
['linux.tar.gz', 'macos.tar.gz', 'windows.zip'].each { suffix ->
    def python = checks.checkInstaller(new File(out, "setup-published-base-1.0-carol-${suffix}"), operatorKey, true)
    assert python.vesselinfo.startsWith('Percent 100\nOwner 65537 ')
}
def log = new File(basedir, 'build.log').text
assert log.contains('from environment variable SEATTLE_OPERATOR_KEY')
assert !log.contains('it-test-passphrase') && !log.contains('ENCRYPTED PRIVATE KEY')
return true
