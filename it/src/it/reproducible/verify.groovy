def checks = evaluate(new File(itDirectory, 'lib/checks.groovy'))
def names = ['linux.tar.gz', 'macos.tar.gz', 'windows.zip'].collectMany { ["reproducible-1.0-${it}", "reproducible-1.0-alice-${it}"] }
names.each { name ->
    def first = checks.run(['sha256sum', "build-1/${name}"]).split(' ')[0]
    def second = checks.run(['sha256sum', "build-2/${name}"]).split(' ')[0]
    assert first == second: "${name} differs between two clean builds"
    assert new File(basedir, "build-1/${name}.sig").bytes == new File(basedir, "build-2/${name}.sig").bytes
}
return true
