import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

def checks = evaluate(new File(itDirectory, 'lib/checks.groovy'))
def keys = new File(basedir, 'generated')
// No Seattle .privatekey unless -Dseattle.writeSeattlePrivateKey; a .gitignore keeps operator.pem out of git.
assert keys.list().sort() == ['.gitignore', 'operator.pem', 'operator.pub.pem', 'operator.publickey']
assert PosixFilePermissions.toString(Files.getPosixFilePermissions(new File(keys, 'operator.pem').toPath())) == 'rw-------'
assert new File(keys, '.gitignore').readLines().containsAll(['*.pem', '!*.pub.pem', '*.privatekey'])
checks.run(['openssl', 'pkey', '-in', 'generated/operator.pem', '-check', '-noout'])
def fingerprint = checks.run(['sh', '-c', 'openssl pkey -pubin -in generated/operator.pub.pem -outform DER | sha256sum']).split(' ')[0]
def log = new File(basedir, 'build.log').text
def second = log.lastIndexOf('Scanning for projects')
assert log.substring(0, second).contains("fingerprint sha256:${fingerprint}")
assert checks.modulusOf(new File(keys, 'operator.pub.pem')) == checks.modulusOf(new File(keys, 'operator.publickey'))
assert log.substring(second).contains('<keyDirectory>: Refusing to overwrite') && log.substring(second).contains('operator.pem'): 'the second run refuses to overwrite'

return true
