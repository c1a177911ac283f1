def log = new File(basedir, 'build.log').text
assert log.contains('<passphrase>: a passphrase in the POM or on the command line is refused')
assert log.contains('SEATTLE_OPERATOR_KEY_PASSPHRASE')
assert !new File(basedir, 'target/seattle').exists()
return true
