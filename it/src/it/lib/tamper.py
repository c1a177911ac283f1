"""Writes a copy of an installer archive with one entry's content replaced (or added), as an attacker or a
broken mirror would: tampered.py <archive> <copy> <entry name> <new content>."""
import io
import sys
import tarfile
import zipfile

source, target, name, content = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].encode()
if source.endswith('.zip'):
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as copy:
        replaced = False
        for info in original.infolist():
            data = original.read(info)
            if info.filename == name:
                data, replaced = content, True
            copy.writestr(info, data)
        if not replaced:
            copy.writestr(name, content)
else:
    with tarfile.open(source, 'r:gz') as original, tarfile.open(target, 'w:gz') as copy:
        replaced = False
        for member in original.getmembers():
            data = original.extractfile(member).read() if member.isfile() else None
            if member.name == name:
                data, replaced = content, True
                member.size = len(data)
            copy.addfile(member, io.BytesIO(data) if data is not None else None)
        if not replaced:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            copy.addfile(info, io.BytesIO(content))
