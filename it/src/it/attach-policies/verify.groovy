// What each <attach> policy put into the local repository with mvn install; every file is written in each.
def expected = [
        all     : ['pom', 'linux.tar.gz', 'linux.tar.gz.sig', 'alice-linux.tar.gz', 'alice-linux.tar.gz.sig',
                   'installers.json', 'installers.csv'],
        bases   : ['pom', 'linux.tar.gz', 'linux.tar.gz.sig', 'installers.json', 'installers.csv'],
        manifest: ['pom', 'installers.json', 'installers.csv'],
        none    : ['pom'],
]
expected.each { policy, kinds ->
    def module = "attach-${policy}"
    def installed = new File(localRepositoryPath, "it/seattle/${module}/1.0")
    def names = installed.list().findAll { !it.startsWith('_') && !it.endsWith('.lastUpdated') && it != 'maven-metadata-local.xml' }
    def wanted = kinds.collect { it == 'pom' ? "${module}-1.0.pom" : "${module}-1.0-${it}" }
    assert names.sort() == wanted.collect { it.toString() }.sort(): "${policy}: ${names}"
    def out = new File(basedir, "${module}/target/seattle")
    ["${module}-1.0-linux.tar.gz", "${module}-1.0-alice-linux.tar.gz", "${module}-1.0-installers.json",
     "${module}-1.0-installers.csv"].each { assert new File(out, it.toString()).isFile(): "${policy} writes ${it}" }
}
def log = new File(basedir, 'build.log').text
assert log.contains('Attached (<attach> all): 1 installer with its .sig file, and the manifest')
assert log.contains('Attached (<attach> bases): the manifest only; the installers stay in ')
assert log.contains('Attached (<attach> none): nothing')
return true
