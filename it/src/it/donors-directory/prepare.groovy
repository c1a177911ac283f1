// 24 donors' vesselinfo files, with the keys of the test donors; hidden files are ignored.
def checks = evaluate(new File(itDirectory, 'lib/checks.groovy'))
def keys = new File(itDirectory, 'keys')
def alice = "65537 ${checks.modulusOf(new File(keys, 'TEST-ONLY-alice.publickey'))}"
def bob = "65537 ${checks.modulusOf(new File(keys, 'TEST-ONLY-bob.pub.pem'))}"
def donors = new File(basedir, 'donors')
donors.mkdirs()
(1..24).each { n ->
    def name = String.format('donor%02d', n)
    new File(donors, "${name}.vesselinfo").text = n % 2 == 0 ? "Percent 100\nOwner ${bob}\n"
            : "Percent 70\nOwner ${alice}\nUser ${bob}\nPercent 30\nOwner ${bob}\n"
}
new File(donors, '.gitkeep').text = ''
return true
