def log = new File(basedir, 'build.log').text
assert log.contains('published-1.0-windows.zip: seattle/resources.offcut: changed')
assert !new File(basedir, 'target/seattle').exists(): 'nothing is written'
return true
