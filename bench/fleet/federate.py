"""Rewrites a simulated month's IAM Identity Center sessions as SAML-federated roles, to check that people are
still recognised when an organisation federates without Identity Center.

    python3 bench/fleet/federate.py SRC DST email   # assumed-role/PlatformAdmin/alice@corp.example
    python3 bench/fleet/federate.py SRC DST user    # assumed-role/PlatformAdmin/alice

SRC is a simulate.py output folder; DST gets the rewritten AWSLogs/, labels.jsonl and meta.json.
"""
import gzip,json,glob,sys,re,os
src,dst,mode=sys.argv[1],sys.argv[2],sys.argv[3]
pat=re.compile(r'AWSReservedSSO_([A-Za-z0-9-]+?)_[0-9a-f]{16}')
def fix(s):
    s=pat.sub(lambda m: m.group(1), s)
    s=s.replace('aws-reserved/sso.amazonaws.com/','')
    if mode=='user':
        s=re.sub(r'(assumed-role/[A-Za-z0-9-]+/)([a-z0-9._-]+)@[a-z0-9.-]+', lambda m: m.group(1)+m.group(2).replace('.',''), s)
    return s
for f in glob.glob(src+'/AWSLogs/**/*.gz',recursive=True):
    out=dst+f[len(src):]
    os.makedirs(os.path.dirname(out),exist_ok=True)
    data=gzip.open(f).read().decode()
    open(out,'wb').write(gzip.compress(fix(data).encode()))
lab=open(src+'/labels.jsonl').read()
open(dst+'/labels.jsonl','w').write(lab)
open(dst+'/meta.json','w').write(open(src+'/meta.json').read())
