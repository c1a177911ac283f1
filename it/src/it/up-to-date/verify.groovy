// Both builds log into build.log, one after the other.
def log = new File(basedir, 'build.log').text
def second = log.lastIndexOf('Scanning for projects')
assert second > 0 && log.indexOf('Scanning for projects') < second: 'two builds ran'
assert log.substring(0, second).contains('Built 3 base installers')
assert log.substring(second).contains('Base installers are up to date (inputs unchanged): no archiving done')
assert !log.substring(second).contains('Built up-to-date-1.0-linux.tar.gz')
return true
