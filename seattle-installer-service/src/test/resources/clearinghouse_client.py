"""What an unchanged Seattle Clearinghouse does with the builder, plus every refusal it can meet.

usage: clearinghouse_client.py XMLRPC_URL DONOR_KEY_FILE ACCEPTDONATIONS_KEY_FILE OUTPUT_DIR
Prints tab-separated facts: the build_installers result, whether get_urls agrees, and name, faultCode,
faultString for every refused call. Downloads each installer with its .sha256 and .sig into OUTPUT_DIR/<platform>/.
"""
import os
import re
import sys
import urllib.request
import xmlrpc.client

url, donor_file, accept_file, out = sys.argv[1:5]
DONOR_KEY = open(donor_file).read().strip()
ACCEPTDONATIONS_KEY = open(accept_file).read().strip()
proxy = xmlrpc.client.ServerProxy(url)

# The clearinghouse's call (website/html/views.py), exactly.
result = proxy.build_installers(
    [{'percentage': 80, 'owner': 'owner', 'users': ['user']}],
    {'owner': {'public_key': DONOR_KEY}, 'user': {'public_key': ACCEPTDONATIONS_KEY}})

downloads = {}
for platform, installer_url in result['installers'].items():
    directory = os.path.join(out, platform)
    os.makedirs(directory, exist_ok=True)
    with urllib.request.urlopen(installer_url) as response:
        disposition = response.headers['Content-Disposition']
        name = re.search(r'filename="([^"]+)"', disposition).group(1)
        body = response.read()
        assert len(body) == int(response.headers['Content-Length'])
        etag = response.headers['ETag']
    with open(os.path.join(directory, name), 'wb') as f:
        f.write(body)
    for extension in ('.sha256', '.sig'):
        with urllib.request.urlopen(installer_url + name + extension) as response:
            with open(os.path.join(directory, name + extension), 'wb') as f:
                f.write(response.read())
    downloads[platform] = {'name': name, 'etag': etag}

keys = {'owner': {'public_key': DONOR_KEY}, 'user': {'public_key': ACCEPTDONATIONS_KEY}}
owner_only = {'owner': {'public_key': DONOR_KEY}}


def vessels(*split):
    return [{'percentage': p, 'owner': 'owner', 'users': ['user']} for p in split]


refusals = []
calls = [
    ('total70', lambda: proxy.build_installers(vessels(70), keys)),
    ('total90', lambda: proxy.build_installers(vessels(80, 10), keys)),
    ('empty', lambda: proxy.build_installers([], keys)),
    ('split55', lambda: proxy.build_installers(vessels(55, 25), keys)),
    ('percent90', lambda: proxy.build_installers(vessels(90), keys)),
    ('percentString', lambda: proxy.build_installers([{'percentage': '80', 'owner': 'owner'}], owner_only)),
    ('percentFloat', lambda: proxy.build_installers([{'percentage': 80.0, 'owner': 'owner'}], owner_only)),
    ('percentBool', lambda: proxy.build_installers([{'percentage': True, 'owner': 'owner'}], owner_only)),
    ('percentMissing', lambda: proxy.build_installers([{'owner': 'owner'}], owner_only)),
    ('percentZero', lambda: proxy.build_installers(vessels(0, 80), keys)),
    ('percentNegative', lambda: proxy.build_installers(vessels(-10, 90), keys)),
    ('percent110', lambda: proxy.build_installers(vessels(110), keys)),
    ('noOwner', lambda: proxy.build_installers([{'percentage': 80, 'users': ['user']}], keys)),
    ('emptyOwner', lambda: proxy.build_installers([{'percentage': 80, 'owner': ''}], keys)),
    ('shortName', lambda: proxy.build_installers([{'percentage': 80, 'owner': 'ab'}])),
    ('longName', lambda: proxy.build_installers([{'percentage': 80, 'owner': 'a' * 41}])),
    ('nameCharacters', lambda: proxy.build_installers([{'percentage': 80, 'owner': 'bad-name'}])),
    ('nameStart', lambda: proxy.build_installers([{'percentage': 80, 'owner': '_owner'}])),
    ('userName', lambda: proxy.build_installers([{'percentage': 80, 'owner': 'owner', 'users': ['x']}])),
    ('keyText', lambda: proxy.build_installers(vessels(80), {'owner': {'public_key': 'not a key'}})),
    ('keyThreeNumbers', lambda: proxy.build_installers(vessels(80), {'owner': {'public_key': '1 2 3'}})),
    ('keyNewline', lambda: proxy.build_installers(vessels(80), {'owner': {'public_key': DONOR_KEY + '\n'}})),
    ('keyNotRsa', lambda: proxy.build_installers(vessels(80), {'owner': {'public_key': '7 5'}})),
    ('keyNotString', lambda: proxy.build_installers(vessels(80), {'owner': {'public_key': 65537}})),
    ('vesselListNotList', lambda: proxy.build_installers('owner')),
    ('vesselNotStruct', lambda: proxy.build_installers([80])),
    ('usersNotList', lambda: proxy.build_installers([{'percentage': 80, 'owner': 'owner', 'users': 'user'}])),
    ('userDataNotStruct', lambda: proxy.build_installers(vessels(80), ['owner'])),
    ('userEntryNotStruct', lambda: proxy.build_installers(vessels(80), {'owner': DONOR_KEY})),
    ('buildIdShort', lambda: proxy.get_urls('abc')),
    ('buildIdUpper', lambda: proxy.get_urls('A' * 40)),
    ('buildIdNotString', lambda: proxy.get_urls(42)),
    ('buildIdUnknown', lambda: proxy.get_urls('0' * 40)),
    ('apiVersionArgument', lambda: proxy.api_version(1)),
    ('buildNoArguments', lambda: proxy.build_installers()),
    ('buildThreeArguments', lambda: proxy.build_installers([], {}, 3)),
    ('getUrlsNoArgument', lambda: proxy.get_urls()),
    ('getUrlsTwoArguments', lambda: proxy.get_urls('0' * 40, 'x')),
    ('unknownMethod', lambda: proxy.delete_everything()),
]
for name, call in calls:
    try:
        call()
        refusals.append([name, None, 'NOT REFUSED'])
    except xmlrpc.client.Fault as fault:
        refusals.append([name, fault.faultCode, fault.faultString])


def raw(name, body):
    request = urllib.request.Request(url, data=body.encode(), headers={'Content-Type': 'text/xml'})
    with urllib.request.urlopen(request) as response:
        try:
            xmlrpc.client.loads(response.read())
            refusals.append([name, None, 'NOT REFUSED'])
        except xmlrpc.client.Fault as fault:
            refusals.append([name, fault.faultCode, fault.faultString])


raw('malformed', '<methodCall><methodName>api_version</methodName><params>')
raw('notXmlRpc', '<?xml version="1.0"?><html><body/></html>')
raw('doctype', '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    '<methodCall><methodName>&lol2;</methodName></methodCall>')
raw('externalEntity', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    '<methodCall><methodName>api_version</methodName><params><param><value>&e;</value></param></params></methodCall>')
raw('deep', '<?xml version="1.0"?><methodCall><methodName>get_urls</methodName><params><param>'
    + '<value><array><data>' * 40 + '</data></array></value>' * 40 + '</param></params></methodCall>')
raw('badInt', '<?xml version="1.0"?><methodCall><methodName>get_urls</methodName><params><param>'
    '<value><int>twelve</int></value></param></params></methodCall>')

# One fact per line, tab-separated, for the Java test to read.
print('api_version\t' + proxy.api_version())
print('build_id\t' + result['build_id'])
print('result_keys\t' + ','.join(sorted(result)))
print('urls_equal\t' + str(proxy.get_urls(result['build_id']) == result['installers']))
for name, user in result['users'].items():
    print('user\t' + name + '\t' + ','.join(sorted(user)) + '\t' + user['public_key'])
for platform, installer_url in result['installers'].items():
    print('installer\t' + platform + '\t' + installer_url + '\t' + downloads[platform]['name'] + '\t'
          + downloads[platform]['etag'])
for name, code, text in refusals:
    print('refusal\t' + name + '\t' + str(code) + '\t' + text.replace('\n', '\\n'))
