"""Reads the vessel state an installer wrote as a Seattle node manager would: vesseldict with
ast.literal_eval, and every resource file with counts and ports as int and cpu and rates as float (a
count written as '392.0' fails int()). Prints JSON."""
import ast
import json
import os
import sys

FLOATS = {'cpu', 'filewrite', 'fileread', 'netsend', 'netrecv', 'loopsend', 'looprecv', 'lograte', 'random'}
state = sys.argv[1]
with open(os.path.join(state, 'vesseldict')) as f:
    vesseldict = ast.literal_eval(f.read())
vessels = {}
for name, vessel in vesseldict.items():
    resources = {}
    ports = []
    calls = 0
    with open(os.path.join(state, vessel['resourcefilename'])) as f:
        for line in f:
            fields = line.split()
            if fields[:1] == ['resource']:
                if fields[1] in ('messport', 'connport'):
                    ports.append((fields[1], int(fields[2])))
                else:
                    resources[fields[1]] = float(fields[2]) if fields[1] in FLOATS else int(fields[2])
            elif fields[:1] == ['call']:
                calls += 1
    vessels[name] = {
        'owner': str(vessel['ownerkey']['n']),
        'users': [str(user['n']) for user in vessel['userkeys']],
        'status': vessel['status'],
        'directory': os.path.isdir(os.path.join(state, name)),
        'resources': resources,
        'messports': [port for kind, port in ports if kind == 'messport'],
        'connports': [port for kind, port in ports if kind == 'connport'],
        'calls': calls,
    }
print(json.dumps(vessels))
