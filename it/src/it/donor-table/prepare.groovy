// The table names key files beside it (keys/) and holds one key as a quoted PEM cell, as a spreadsheet
// writes a cell with line breaks.
def keys = new File(basedir, 'keys')
keys.mkdirs()
['TEST-ONLY-alice.publickey', 'TEST-ONLY-other-operator.pub.pem', 'TEST-ONLY-bob.pub.pem'].each { name ->
    new File(keys, name).bytes = new File(itDirectory, "keys/${name}").bytes
}
def table = new File(basedir, 'donors.csv')
table.text = table.text.replace('@BOB_PEM@', new File(itDirectory, 'keys/TEST-ONLY-bob.pub.pem').text)
return true
