def log = new File(basedir, 'build.log').text
assert log.contains('<donors> donor alice <vessels>: vessel 1 has 75 (rule: each percentage is one of 10, 20, ..., 100)')
assert log.contains('<donors> donor alice <vessels>: vessel 2 has 25')
assert !new File(basedir, 'target/seattle').listFiles().any { it.name.contains('-alice-') }
return true
