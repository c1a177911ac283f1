// Every donor of the directory got an installer; the log shows progress and a summary, not 24 paths; the
// manifest, read back by Python, lists exactly what is in target/seattle.
def checks = evaluate(new File(itDirectory, 'lib/checks.groovy'))
def operatorKey = new File(itDirectory, 'keys/TEST-ONLY-operator.pub.pem')
def out = new File(basedir, 'target/seattle')

def python = checks.checkInstaller(new File(out, 'setup-published-base-1.0-donor07-linux.tar.gz'), operatorKey, true)
assert python.vesselinfo.startsWith('Percent 70\nOwner 65537 ')
assert checks.checkInstaller(new File(out, 'setup-published-base-1.0-donor24-linux.tar.gz'), operatorKey, true)
        .vesselinfo.startsWith('Percent 100\nOwner 65537 ')

def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Customized 2/24 donors (2 installers, ')
assert log.contains('[INFO] Customized 12/24 donors (12 installers, ')
def summary = log.readLines().find { it.startsWith('[INFO] Customized 24 donors: 24 installers, ') }
assert summary && summary.contains('signed with operator key sha256:d22f350cee491b5df76cb74c9593d2ae6b7686d3572b5d36a5f8df56c6de3aec')
assert summary.contains('manifest donors-directory-1.0-installers.json and donors-directory-1.0-installers.csv')
assert !log.contains('donor07-linux: '): 'each file is logged at debug level only'
assert log.contains('[INFO] All 24 installers verified against sha256:d22f350cee491b5df76cb74c9593d2ae6b7686d3572b5d36a5f8df56c6de3aec:'
        + " 24 donors' installers with a signed vesselinfo")
assert !log.contains('[INFO] Verified setup-published-base-1.0-donor01-linux.tar.gz'): 'each installer at debug level only'

def manifest = new groovy.json.JsonSlurper().parseText(checks.run(['python3', new File(itDirectory, 'lib/check_manifest.py').path,
        new File(out, 'donors-directory-1.0-installers.json').path, new File(out, 'donors-directory-1.0-installers.csv').path,
        operatorKey.path, 'setup-published-base-1.0']))
assert manifest.installers == 24 && manifest.donors == (1..24).collect { String.format('donor%02d', it) }
assert manifest.platforms == ['linux']
return true
