def log = new File(basedir, 'build.log').text
assert log.contains('Verified good-1.0-linux.tar.gz')
assert log.contains('bad-1.0-linux.tar.gz: seattle/lib/extra.jar: added (it is not in the signed file list)')
return true
