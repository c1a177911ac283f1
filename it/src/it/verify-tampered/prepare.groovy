// An untouched published base beside a copy with an added file.
def checks = evaluate(new File(itDirectory, 'lib/checks.groovy'))
def repository = new File(localRepositoryPath, 'it/seattle/setup-published-base/1.0')
def installers = new File(basedir, 'installers')
installers.mkdirs()
new File(installers, 'good-1.0-linux.tar.gz').bytes = new File(repository, 'setup-published-base-1.0-linux.tar.gz').bytes
checks.tamper(new File(repository, 'setup-published-base-1.0-linux.tar.gz'), new File(installers, 'bad-1.0-linux.tar.gz'),
        'seattle/lib/extra.jar', 'not signed')
return true
