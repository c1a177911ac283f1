// The changed installer fails the build, named with the file added to it; the unchanged one is counted among the
// installers examined and named in no problem (each installer's own line is at debug level).
def log = new File(basedir, 'build.log').text
assert log.contains('1 problem in 2 installers:')
assert log.contains('bad-1.0-linux.tar.gz: seattle/lib/extra.jar: added (it is not in the signed file list)')
assert !log.contains('good-1.0-linux.tar.gz:')
return true
