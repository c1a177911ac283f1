def log = new File(basedir, 'build.log').text
assert log.contains('Skipping base-installers: seattle.skip is set')
assert log.contains('Skipping customize: seattle.skip is set')
assert !new File(basedir, 'target/seattle').exists()
return true
