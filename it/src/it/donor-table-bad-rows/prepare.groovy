// Alice's key as Seattle text in the cells that should be good.
def table = new File(basedir, 'donors.csv')
table.text = table.text.replace('@ALICE@', new File(itDirectory, 'keys/TEST-ONLY-alice.publickey').text.trim())
return true
