"""Reads a customization's manifest, JSON and CSV, with Python's own json and csv modules (independent
readers) and checks every record against the files beside it: the installer's size and SHA-256, its
detached signature (with openssl, against the operator's public key), the SHA-256 of the vesselinfo inside
it (read with tarfile or zipfile), the operator key's fingerprint, and that the manifest lists exactly the
donor installers in the directory. Prints a summary as JSON.

    python3 check_manifest.py MANIFEST.json MANIFEST.csv OPERATOR.pub.pem BASE_NAME
"""
import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile

json_path, csv_path, operator_key, base_name = sys.argv[1:5]
directory = os.path.dirname(json_path)
with open(json_path, encoding='utf-8') as manifest_file:
    manifest = json.load(manifest_file)
with open(csv_path, encoding='utf-8', newline='') as csv_file:
    rows = list(csv.DictReader(csv_file))

der = subprocess.run(['openssl', 'pkey', '-pubin', '-in', operator_key, '-outform', 'DER'], check=True,
                     capture_output=True).stdout
fingerprint = 'sha256:' + hashlib.sha256(der).hexdigest()
assert manifest['format'] == 1, manifest['format']
assert manifest['operatorKey'] == fingerprint, (manifest['operatorKey'], fingerprint)
records = manifest['installers']
assert len(records) == len(rows), (len(records), len(rows))


def vesselinfo_of(path):
    if path.endswith('.zip'):
        with zipfile.ZipFile(path) as archive:
            return archive.read('seattle/vesselinfo')
    with tarfile.open(path, 'r:gz') as archive:
        return archive.extractfile('seattle/vesselinfo').read()


for record, row in zip(records, rows):
    assert row == {'donor': record['donor'], 'platform': record['platform'], 'file': record['file'],
                   'size': str(record['size']), 'sha256': record['sha256'], 'signature_file': record['signatureFile'],
                   'vesselinfo_sha256': record['vesselinfoSha256'], 'operator_key': record['operatorKey']}, (row, record)
    extension = 'zip' if record['platform'] == 'windows' else 'tar.gz'
    assert record['file'] == f"{base_name}-{record['donor']}-{record['platform']}.{extension}", record['file']
    path = os.path.join(directory, record['file'])
    with open(path, 'rb') as installer:
        content = installer.read()
    assert len(content) == record['size'], (path, len(content), record['size'])
    assert hashlib.sha256(content).hexdigest() == record['sha256'], path
    assert record['signatureFile'] == record['file'] + '.sig', record['signatureFile']
    verified = subprocess.run(['openssl', 'dgst', '-sha256', '-verify', operator_key, '-signature',
                               os.path.join(directory, record['signatureFile']), path], capture_output=True, text=True)
    assert verified.stdout.strip() == 'Verified OK', (path, verified.stdout, verified.stderr)
    assert hashlib.sha256(vesselinfo_of(path)).hexdigest() == record['vesselinfoSha256'], path
    assert record['operatorKey'] == fingerprint, record['operatorKey']

donor_installer = re.compile(re.escape(base_name) + r'-.+-(linux|macos)\.tar\.gz$|' + re.escape(base_name)
                             + r'-.+-windows\.zip$')
on_disk = sorted(name for name in os.listdir(directory) if donor_installer.match(name))
assert on_disk == sorted(record['file'] for record in records), (on_disk, [record['file'] for record in records])
print(json.dumps({'installers': len(records), 'donors': sorted({record['donor'] for record in records}),
                  'platforms': sorted({record['platform'] for record in records})}))
