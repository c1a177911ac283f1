"""Reads an installer archive with Python's own tarfile/zipfile (an independent reader) and prints what
the verify scripts check, as JSON: the entries with their modes and owners, the line endings of the
launchers and the README, and the vesselinfo if there is one."""
import json
import stat
import sys
import tarfile
import zipfile

path = sys.argv[1]
entries = []
files = {}
if path.endswith('.zip'):
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None, 'a zip entry fails its CRC'
        for info in archive.infolist():
            mode = (info.external_attr >> 16) & 0o7777
            entries.append({'name': info.filename.rstrip('/'), 'dir': info.is_dir(), 'mode': oct(mode),
                            'unix': info.create_system == 3})
            if not info.is_dir():
                files[info.filename] = archive.read(info)
else:
    # tarfile reads every gzip member of a customized installer as one stream, as GNU tar does.
    with tarfile.open(path, 'r:gz') as archive:
        for member in archive.getmembers():
            entries.append({'name': member.name, 'dir': member.isdir(), 'mode': oct(member.mode),
                            'uid': member.uid, 'gid': member.gid, 'regular': member.isfile() or member.isdir()})
            if member.isfile():
                files[member.name] = archive.extractfile(member).read()

top = sorted({entry['name'].split('/')[0] for entry in entries})


def endings(name):
    data = files.get(name)
    if data is None:
        return None
    return {'crlf': data.count(b'\r\n'), 'lf': data.count(b'\n'), 'cr': data.count(b'\r')}


vesselinfo = files.get(top[0] + '/vesselinfo') if len(top) == 1 else None
print(json.dumps({
    'top': top,
    'entries': entries,
    'installSh': endings(top[0] + '/install.sh') if len(top) == 1 else None,
    'installCmd': endings(top[0] + '/install.cmd') if len(top) == 1 else None,
    'readme': endings(top[0] + '/README.txt') if len(top) == 1 else None,
    'vesselinfo': vesselinfo.decode('ascii') if vesselinfo is not None else None,
}))
