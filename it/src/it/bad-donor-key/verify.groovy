def log = new File(basedir, 'build.log').text
assert log.contains('<donors> donor alice vessel 1 <owner>')
assert log.contains('<donors> donor alice vessel 1 <users> user 1')
assert log.contains('private key')
def problems = log.readLines().findAll { it.startsWith('[ERROR]   <donors>') }
assert problems.size() == 2 && problems.every { !it.contains('Exception') }: 'no Java exception as the message'
return true
