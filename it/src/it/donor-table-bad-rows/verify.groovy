// Every bad row is reported, each with the table, its line, row and column, and the rule; nothing is written.
def log = new File(basedir, 'build.log').text
def table = new File(basedir, 'donors.csv').path
def where = { int line -> "[ERROR]   <donorTable> ${table} line ${line}: row ${line}" }
[
        "Invalid <donorTable> ${table} (its columns: name, donor; optionally users_v1 to users_v2, extra users of each"
                + " vessel; a key that is the same for every donor goes in <templateKeys> instead of a column; nothing was"
                + " written):",
        where(3) + ", column 'name': found '-bob' (rule: a donor name is 1 to 64 letters, digits and _ . - starting with a letter or digit)",
        where(4) + ", column 'name': 'Alice' repeats 'alice' of row 2 (rule: donor names are unique, ignoring case)",
        where(5) + ", column 'donor': 'keys/carol.publickey' is neither key text nor the name of an existing file (there is no file "
                + new File(basedir, 'keys/carol.publickey').path + ")",
        where(6) + ", column 'users_v1': extra user 1: the key text given: it holds three numbers, the form of a Seattle"
                + " private key 'd p q', which must stay with its owner",
        where(7) + ": ",
        where(8) + ": 2 cells, the header has 3 (rule: every row has as many cells as the header)",
].each { expected -> assert log.contains(expected.toString()): "missing in build.log: ${expected}" }
def failure = log.substring(log.indexOf('[ERROR] Failed to execute goal'), log.indexOf('-> [Help 1]'))
assert !failure.contains('Exception'): 'the message names no Java exception'
assert !new File(basedir, 'target/seattle').exists(): 'nothing is written'
return true
