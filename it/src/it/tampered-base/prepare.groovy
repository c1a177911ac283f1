// A published base, with resources.offcut changed inside the archive after signing.
def checks = evaluate(new File(itDirectory, 'lib/checks.groovy'))
def published = new File(localRepositoryPath, 'it/seattle/setup-published-base/1.0/setup-published-base-1.0-windows.zip')
checks.tamper(published, new File(basedir, 'bases/published-1.0-windows.zip'), 'seattle/resources.offcut', 'resource cpu 0.9\n')
return true
