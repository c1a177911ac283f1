def log = new File(basedir, 'build.log').text
assert log.contains('<operatorKeyFile>: ')
assert log.contains('TEST-ONLY-operator.pub.pem')
assert !new File(basedir, 'target/seattle').exists()
return true
