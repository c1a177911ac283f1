// The installers and their signatures are attached, so install (and deploy) publish them.
def repository = new File(localRepositoryPath, 'it/seattle/setup-published-base/1.0')
['linux.tar.gz', 'macos.tar.gz', 'windows.zip'].each { suffix ->
    assert new File(repository, "setup-published-base-1.0-${suffix}").isFile()
    assert new File(repository, "setup-published-base-1.0-${suffix}.sig").isFile()
}
return true
