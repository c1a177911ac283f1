// The README's quick start, as written: its five commands are read from README.md. The first installs the
// plugin into the local repository, which the invoker has done already (into the test repository); the
// other four run in one shell, from a folder holding what they take from a checkout (the quick start's
// example, the Maven Wrapper), with MAVEN_ARGS pointing Maven at the test repository and settings.
def checks = evaluate(new File(itDirectory, 'lib/checks.groovy'))
def repository = new File(itDirectory, '../../..').canonicalFile
def readme = new File(repository, 'README.md').text
def section = readme.substring(readme.indexOf('\n## Quick start'))
def block = section.substring(section.indexOf('```sh\n') + 6, section.indexOf('\n```', section.indexOf('```sh\n')))
def commands = block.readLines().findAll { !it.isBlank() && !it.startsWith('#') }
assert commands.size() == 5: "five commands: ${commands}"
assert commands[0] == './mvnw -B -DskipTests install'

def checkout = new File(basedir, 'work/checkout')
new File(checkout, 'examples').mkdirs()
checks.run(['cp', '-r', new File(repository, 'examples/quick-start').path, new File(repository, 'mvnw').path,
            new File(repository, '.mvn').path, checkout.path])
checks.run(['mv', new File(checkout, 'quick-start').path, new File(checkout, 'examples/quick-start').path])
def output = checks.run(['bash', '-e', '-c', commands.subList(1, 5).join('\n')], checkout,
        [MAVEN_ARGS: checks.mavenOptions().join(' '), MAVEN_OPTS: '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC'])
new File(basedir, 'quick-start.log').text = output

def project = new File(basedir, 'work/my-installers')
def out = new File(project, 'target/seattle')
['alice', 'bob', 'carol'].each { donor ->
    ['linux.tar.gz', 'macos.tar.gz', 'windows.zip'].each { suffix ->
        checks.checkInstaller(new File(out, "my-installers-1.0-${donor}-${suffix}"), new File(project, 'keys/operator.pub.pem'), true)
    }
}
assert output.contains('[INFO] Customized 3 donors: 9 installers, ')
assert output.contains('[WARNING] Only integrity was checked: ')
assert new File(out, 'my-installers-1.0-installers.json').isFile() && new File(out, 'my-installers-1.0-installers.csv').isFile()
def readmeTxt = checks.run(['unzip', '-p', new File(out, 'my-installers-1.0-alice-windows.zip').path, 'seattle/README.txt'])
assert readmeTxt.contains('Operator:  Example Seattle testbed\r\nContact:   seattle-operator@example.org\r\n')
// The dry run measured the machine and showed the two vessels, writing no state.
assert output.contains('Dry run: nothing was written. This install would create'): output
assert !new File(project, 'donor/seattle/seattle_repy').exists()
return true
