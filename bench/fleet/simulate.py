#!/usr/bin/env python3
"""Simulated AWS CloudTrail of one mid-sized organisation, with labelled intrusions.

    python3 bench/fleet/simulate.py --days 35 --seed 1 --out /tmp/fleet

Writes CloudTrail S3 log objects (gzip, {"Records":[...]}) under
DIR/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/, plus DIR/labels.jsonl (one line per
intrusion event), DIR/meta.json (start time, days, counts) and DIR/README.txt (the scenario).

The organisation (accounts, regions, fleet, people, their networks and habits) is drawn from
--seed, so two seeds give two different organisations. Same seed and arguments give the same
events (file names and gzip bytes included). Python 3 standard library only.

Day numbers (labels "day", README) count from the first event time in the data, 0-based:
day 0 is the first day.
"""

import argparse
import base64
import gzip
import json
import math
import os
import random
import sys
import time
import zlib

DAY = 86400
HOUR = 3600
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
B32 = "abcdefghijklmnopqrstuvwxyz234567"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_NO_SYMBOLS = str.maketrans("+/", "kQ")
DUMPS = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def stable(s):
    """Process-independent string hash (hash() is salted per process)."""
    return zlib.crc32(s.encode())


_DATES = {}


def iso(t):
    d, s = divmod(int(t), DAY)
    ds = _DATES.get(d)
    if ds is None:
        ds = _DATES[d] = time.strftime("%Y-%m-%d", time.gmtime(d * DAY))
    return "%sT%02d:%02d:%02dZ" % (ds, s // 3600, s % 3600 // 60, s % 60)


def human_time(t):
    """SSM's 'Nov 18, 2026, 11:23:41 AM' format."""
    g = time.gmtime(int(t))
    h12 = g.tm_hour % 12 or 12
    return "%s %d, %d, %d:%02d:%02d %s" % (MONTHS[g.tm_mon - 1], g.tm_mday, g.tm_year, h12, g.tm_min, g.tm_sec,
                                           "AM" if g.tm_hour < 12 else "PM")


class Rng(random.Random):
    def uuid(self):
        h = "%032x" % self.getrandbits(128)
        return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], "89ab"[int(h[16], 16) & 3], h[17:20], h[20:32])

    def hexs(self, n):
        return "%0*x" % (n, self.getrandbits(4 * n))

    def pick(self, alphabet, n):
        if alphabet is UPPER:  # the base32 alphabet
            return base64.b32encode(self.getrandbits(40 * (n // 8 + 1)).to_bytes(5 * (n // 8 + 1), "big")).decode()[:n]
        if alphabet is ALNUM:
            raw = base64.b64encode(self.getrandbits(48 * (n // 8 + 1)).to_bytes(6 * (n // 8 + 1), "big")).decode()
            return raw.translate(_NO_SYMBOLS)[:n]
        return "".join(self.choices(alphabet, k=n))

    def poisson(self, lam):
        if lam <= 0:
            return 0
        if lam > 30:
            return max(0, int(round(self.gauss(lam, math.sqrt(lam)))))
        L, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= self.random()
            if p <= L:
                return k
            k += 1

    def lognorm_minutes(self, median, sigma, lo, hi):
        return 60 * min(hi, max(lo, median * math.exp(self.gauss(0, sigma))))

    def ip_in(self, prefix16):
        a, b = prefix16
        return "%d.%d.%d.%d" % (a, b, self.randrange(256), self.randrange(1, 255))

    def ip_from(self, blocks):
        """blocks: list of (a, b_lo, b_hi): a.[b_lo..b_hi].x.y"""
        a, lo, hi = self.choice(blocks)
        return "%d.%d.%d.%d" % (a, self.randint(lo, hi), self.randrange(256), self.randrange(1, 255))


# ----------------------------------------------------------------------------------------------
# address space

AWS_BLOCKS = {
    "eu-west-1": [(34, 240, 255), (52, 16, 19), (54, 72, 75), (18, 200, 203), (3, 248, 255)],
    "eu-central-1": [(3, 64, 79), (18, 184, 185), (52, 28, 29), (35, 156, 159)],
    "us-east-1": [(3, 80, 95), (34, 192, 239), (44, 192, 223), (52, 0, 95), (54, 80, 90)],
    "us-east-2": [(3, 12, 23), (18, 116, 119), (52, 14, 15)],
    "us-west-2": [(34, 208, 223), (44, 224, 255), (52, 32, 43), (54, 68, 71), (35, 80, 95)],
    "ap-southeast-2": [(3, 24, 27), (13, 54, 55), (52, 62, 65), (54, 66, 66)],
    "ap-southeast-1": [(13, 212, 215), (18, 138, 143), (52, 74, 77)],
}
# GitHub-hosted runners: Azure address space (several big blocks)
RUNNER_BLOCKS = [(4, 148, 175), (13, 64, 95), (20, 1, 255), (40, 64, 127), (52, 224, 255), (172, 176, 191),
                 (104, 40, 47), (23, 96, 103), (51, 8, 13), (74, 235, 235)]
# hosting / VPS providers (never used by anyone in the organisation)
HOSTING_BLOCKS = {
    "DigitalOcean": [(159, 223, 223), (164, 92, 92), (137, 184, 184), (143, 198, 198), (134, 209, 209)],
    "Vultr": [(45, 76, 77), (149, 28, 28), (207, 148, 148)],
    "Hetzner": [(5, 161, 161), (65, 21, 21), (95, 216, 217), (116, 203, 203)],
    "OVH": [(51, 195, 195), (146, 59, 59), (141, 94, 94)],
    "Linode": [(172, 105, 105), (139, 162, 162)],
    "Contabo": [(161, 97, 97), (173, 212, 212)],
    "M247": [(89, 44, 44), (185, 156, 156)],
}
# residential ISP space per country
RESIDENTIAL = {
    "GB": [(86, 128, 191), (82, 0, 47), (81, 96, 111), (90, 192, 255), (92, 0, 31)],
    "IE": [(89, 100, 101), (109, 76, 79), (78, 16, 19)],
    "DE": [(79, 192, 255), (91, 0, 63), (93, 192, 255), (87, 128, 191)],
    "PL": [(83, 0, 31), (89, 64, 79), (178, 36, 43)],
    "PT": [(85, 240, 247), (188, 80, 83), (94, 60, 63)],
    "US": [(73, 0, 255), (24, 0, 63), (71, 160, 191), (108, 0, 63), (98, 0, 63), (67, 160, 191)],
    "IN": [(49, 36, 39), (106, 192, 223), (122, 160, 179), (157, 32, 51)],
    "AU": [(101, 160, 191), (58, 160, 179), (120, 144, 159)],
    "SG": [(116, 86, 89), (119, 74, 75), (42, 60, 61)],
    "BR": [(177, 0, 79), (189, 0, 63)],
    "NL": [(84, 80, 87), (145, 131, 131), (77, 160, 175)],
    "ES": [(88, 0, 31), (79, 144, 159), (83, 32, 63)],
}
BUSINESS = {  # office NAT ranges (business ISPs)
    "GB": [(212, 140, 140), (62, 172, 172), (195, 171, 171)], "DE": [(217, 110, 110), (62, 153, 153)],
    "US": [(12, 16, 31), (50, 200, 207), (64, 124, 127)], "AU": [(203, 23, 23), (150, 101, 101)],
}
MOBILE = {"GB": [(31, 94, 94)], "DE": [(80, 187, 187)], "US": [(172, 56, 63)], "AU": [(1, 128, 159)],
          "IN": [(152, 58, 58)], "PL": [(37, 47, 47)], "IE": [(37, 228, 228)], "PT": [(148, 69, 69)],
          "SG": [(49, 245, 245)], "BR": [(179, 96, 96)], "NL": [(31, 20, 20)], "ES": [(88, 26, 26)]}

# (primary, secondary, HQ country, HQ UTC offset, remote-staff locations (country, offset))
GEOS = [
    ("eu-west-1", "eu-central-1", "GB", 0, [("IE", 0), ("PL", 1), ("PT", 0), ("IN", 5.5), ("US", -5)]),
    ("us-east-1", "us-west-2", "US", -5, [("US", -8), ("US", -6), ("BR", -3), ("IN", 5.5), ("GB", 0)]),
    ("eu-central-1", "eu-west-1", "DE", 1, [("PL", 1), ("PT", 0), ("IN", 5.5), ("GB", 0), ("ES", 1)]),
    ("us-west-2", "us-east-1", "US", -8, [("US", -5), ("US", -6), ("BR", -3), ("IN", 5.5)]),
    ("ap-southeast-2", "ap-southeast-1", "AU", 10, [("SG", 8), ("IN", 5.5), ("GB", 0), ("AU", 8)]),
]

ORGS = ["northwind", "tallgrass", "orbitpay", "kestrel", "bluefin", "harbourline", "lumenhealth", "quarry",
        "fernleaf", "cobaltfreight"]
FIRST = ["priya", "arjun", "maria", "tomasz", "lena", "james", "aisha", "diego", "sofia", "kenji", "olu", "hannah",
         "marek", "chloe", "rahul", "ines", "noah", "fatima", "lucas", "emma", "yusuf", "nina", "pedro", "grace",
         "ravi", "anna", "sam", "elif", "jonas", "mei", "oscar", "leila", "dan", "zofia", "ben", "ana", "ivan",
         "keira", "matteo", "sara", "tom", "aoife", "vikram", "julia", "felix", "amara", "luke", "nadia"]
LAST = ["raman", "mehta", "kowalski", "schmidt", "okafor", "garcia", "fischer", "nguyen", "oconnor", "silva",
        "tanaka", "patel", "novak", "walsh", "bauer", "costa", "kim", "hughes", "rossi", "ahmed", "wojcik", "murphy",
        "lopez", "singh", "weber", "ferreira", "clarke", "yilmaz", "berg", "haddad", "moreau", "evans", "iyer"]

# --- user agents -------------------------------------------------------------------------------

def cli_ua(os_kind, cli_ver, crt, py, kernel, command, distrib=None):
    arch = {"macos": "arm64", "windows": "amd64"}.get(os_kind, "x86_64")
    osv = {"macos": "macos#%s" % kernel, "windows": "windows#10", "linux": "linux#%s" % kernel}[os_kind]
    inst = "source" if os_kind == "macos" else "exe"
    s = ("aws-cli/%s md/awscrt#%s ua/2.0 os/%s md/arch#%s lang/python#%s md/pyimpl#CPython cfg/retry-mode#standard "
         "md/installer#%s" % (cli_ver, crt, osv, arch, py, inst))
    if distrib:
        s += " md/distrib#%s" % distrib
    return s + " md/prompt#off md/command#%s" % command


def boto_ua(ver, py, kernel, exec_env=None):
    s = "Boto3/%s md/Botocore#%s ua/2.0 os/linux#%s md/arch#x86_64 lang/python#%s md/pyimpl#CPython" % (
        ver, ver, kernel, py)
    if exec_env:
        s += " exec-env/%s" % exec_env
    return s + " cfg/retry-mode#legacy Botocore/%s" % ver


CONSOLE_INTERNAL = ("aws-internal/3 aws-sdk-java/1.12.%d Linux/5.10.%d-198.884.amzn2int.x86_64 "
                    "OpenJDK_64-Bit_Server_VM/25.%d-b08 java/1.8.0_%d vendor/Oracle_Corporation cfg/retry-mode/standard")
BROWSERS = [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:%d.0) Gecko/20100101 Firefox/%d.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.%d Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.0.0 Safari/537.36 Edg/%d.0.0.0",
]
SSM_AGENT_UA = "aws-sdk-go/1.55.%d (go1.22.%d; linux; amd64) amazon-ssm-agent/3.3.%d.0"
SSM_AGENT_UA_WIN = "aws-sdk-go/1.55.%d (go1.22.%d; windows; amd64) amazon-ssm-agent/3.3.%d.0"
TF_UA = ("APN/1.0 HashiCorp/1.0 Terraform/1.9.%d (+https://www.terraform.io) terraform-provider-aws/5.8%d.0 "
         "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.%d os/linux lang/go#1.23.%d "
         "md/GOOS#linux md/GOARCH#amd64 api/ec2#1.19%d.0")
GHA_CREDS_UA = "configure-aws-credentials-for-github-actions"
DD_UA = "aws-sdk-go/1.53.%d (go1.22.%d; linux; amd64) datadog-aws-integration"
GO_SDK_UA = "aws-sdk-go-v2/1.32.%d os/linux lang/go#1.23.%d md/GOOS#linux md/GOARCH#amd64 api/%s#1.%d.0"

TLS13 = {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256"}
EV_VERSION = {"ssm.amazonaws.com": "1.10", "ec2-instance-connect.amazonaws.com": "1.10", "ec2.amazonaws.com": "1.11",
              "s3.amazonaws.com": "1.10", "sts.amazonaws.com": "1.08", "kms.amazonaws.com": "1.08",
              "signin.amazonaws.com": "1.09", "logs.amazonaws.com": "1.09", "secretsmanager.amazonaws.com": "1.09",
              "iam.amazonaws.com": "1.08", "ecr.amazonaws.com": "1.08", "monitoring.amazonaws.com": "1.09",
              "athena.amazonaws.com": "1.09", "autoscaling.amazonaws.com": "1.09"}
HOSTS = {"ssm.amazonaws.com": "ssm", "ec2-instance-connect.amazonaws.com": "ec2-instance-connect",
         "ec2.amazonaws.com": "ec2", "sts.amazonaws.com": "sts", "kms.amazonaws.com": "kms", "logs.amazonaws.com": "logs",
         "secretsmanager.amazonaws.com": "secretsmanager", "ecr.amazonaws.com": "api.ecr",
         "monitoring.amazonaws.com": "monitoring", "athena.amazonaws.com": "athena",
         "autoscaling.amazonaws.com": "autoscaling"}


# ----------------------------------------------------------------------------------------------
# the world

class Inst:
    __slots__ = ("id", "acct", "env", "region", "tier", "role", "ip", "az", "os", "start", "end", "slot", "eice")

    def osuser(self):
        return {"ubuntu": "ubuntu", "windows": "Administrator"}.get(self.os, "ec2-user")


# tier: (count range, os, autoscaled, secondary-region count range)
TIERS = {
    "prod": {"web": ((10, 22), "al2023", True, (2, 6)), "api": ((12, 28), "al2023", True, (2, 6)),
             "worker": ((8, 22), "al2023", True, (0, 4)), "batch": ((3, 8), "al2", True, (0, 0)),
             "kafka": ((3, 6), "al2023", False, (0, 0)), "pgbouncer": ((2, 4), "al2023", False, (0, 2)),
             "bastion": ((1, 2), "al2023", False, (1, 1)), "monitoring": ((2, 3), "ubuntu", False, (0, 1)),
             "reporting": ((1, 3), "windows", False, (0, 0)), "legacy-app": ((2, 5), "al2", False, (0, 0))},
    "staging": {"web": ((2, 5), "al2023", True, (0, 0)), "api": ((3, 6), "al2023", True, (0, 0)),
                "worker": ((2, 5), "al2023", True, (0, 0)), "batch": ((1, 2), "al2", True, (0, 0)),
                "kafka": ((1, 3), "al2023", False, (0, 0)), "pgbouncer": ((1, 1), "al2023", False, (0, 0)),
                "bastion": ((1, 1), "al2023", False, (0, 0)), "reporting": ((1, 1), "windows", False, (0, 0))},
    "dev": {"sandbox": ((4, 9), "mixed", False, (0, 0)), "build": ((2, 4), "ubuntu", False, (0, 0))},
    "shared-services": {"vpn": ((2, 2), "ubuntu", False, (1, 1)), "ad": ((2, 2), "windows", False, (0, 0)),
                        "artifacts": ((2, 3), "al2023", False, (0, 0)), "monitoring": ((2, 3), "ubuntu", False, (0, 0)),
                        "jump": ((1, 2), "al2023", False, (0, 0))},
}
TEAMS = {
    "platform": ["web", "api", "worker", "kafka", "pgbouncer", "bastion", "monitoring", "vpn", "ad", "artifacts", "jump",
                 "build", "sandbox", "legacy-app"],
    "sre": ["web", "api", "monitoring", "pgbouncer", "bastion", "kafka", "jump", "vpn", "worker"],
    "data": ["kafka", "batch", "worker", "pgbouncer", "reporting"],
    "app": ["web", "api", "worker", "legacy-app", "sandbox"],
}
TEAM_ACCOUNTS = {"platform": ["prod", "staging", "shared-services", "dev"], "sre": ["prod", "staging", "shared-services"],
                 "data": ["prod", "staging"], "app": ["prod", "staging", "dev"]}


class Person:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class Sim:
    def __init__(self, seed, days, start=None):
        self.seed = seed
        self.r = Rng(seed)
        self.days = days
        self.out = []          # (t, acct, region, record, cls)
        self.labels = []
        self.roles = {}        # (acct, name) -> sessionIssuer
        self.creds = {}        # credential cache key -> (akid, creation)
        self.targets_by = {}   # person email -> set of instance ids touched
        self.accounts_by = {}  # person email -> set of account names used
        self.notes = []        # benign novelties worth knowing about (README)
        self.ci_jobs = []      # (t, acct, session, akid, creation, runner ip)
        self.person_sessions = {}  # email -> list of (t, acct_name, cred key) for CLI use
        self.build_world(start)

    # -- world -----------------------------------------------------------------------------

    def build_world(self, start):
        r = self.r
        geo = r.choice(GEOS)
        self.primary, self.secondary, self.hq_country, self.hq_tz, self.remote_locs = geo
        self.regions = [self.primary, self.secondary]
        self.org = r.choice(ORGS)
        self.domain = self.org + r.choice([".com", ".io", ".co"])
        self.idc_region = self.primary
        if start is None:
            base = int(time.mktime(time.strptime("2026-01-05", "%Y-%m-%d"))) - time.timezone
            start = base + r.randrange(0, 300) * DAY
        self.T0 = start - start % DAY
        self.T_END = self.T0 + self.days * DAY
        names = ["prod", "staging", "dev"] + (["shared-services"] if r.random() < 0.7 else [])
        self.accts = {}
        for n in names:
            self.accts[n] = "%012d" % r.randrange(10 ** 11, 10 ** 12)
        self.acct_name = {v: k for k, v in self.accts.items()}
        self.vpc_second = {n: r.randrange(0, 250) for n in names}
        self.uses_vpce = {"prod": True, "staging": True, "dev": False, "shared-services": r.random() < 0.5}
        self.vpce = {(n, reg): "vpce-0" + r.hexs(16) for n in names for reg in self.regions}
        self.nat = {(n, reg): [r.ip_from(AWS_BLOCKS[reg]) for _ in range(r.randint(1, 3))]
                    for n in names for reg in self.regions}
        self.eice = {(n, reg): "eice-0" + r.hexs(16) for n in names for reg in self.regions}
        # public holidays (HQ), office network
        weekdays = [d for d in range(self.days) if self.weekday(d) < 5]
        self.holidays = set(r.sample(weekdays, min(len(weekdays), r.randint(1, 2)))) if self.days >= 14 else set()
        blocks = BUSINESS.get(self.hq_country, BUSINESS["GB"])
        a, lo, hi = r.choice(blocks)
        b, c = r.randint(lo, hi), r.randrange(256)
        self.office_ips = ["%d.%d.%d.%d" % (a, b, c, x) for x in r.sample(range(2, 250), r.randint(2, 4))]
        if r.random() < 0.5:  # second office range (another floor / backup line)
            a, lo, hi = r.choice(blocks)
            b, c = r.randint(lo, hi), r.randrange(256)
            self.office_ips += ["%d.%d.%d.%d" % (a, b, c, x) for x in r.sample(range(2, 250), 2)]
        self.vpn_ips = [r.ip_from(AWS_BLOCKS[self.primary]) for _ in range(2)]
        self.build_fleet()
        self.build_people()
        self.build_services()

    def weekday(self, d):
        return time.gmtime(self.T0 + d * DAY).tm_wday

    def workday(self, d):
        return self.weekday(d) < 5 and d not in self.holidays

    def role(self, acct, name, path=""):
        key = (acct, name)
        x = self.roles.get(key)
        if x is None:
            x = {"type": "Role", "principalId": "AROA" + self.r.pick(UPPER, 17),
                 "arn": "arn:aws:iam::%s:role/%s%s" % (acct, path, name), "accountId": acct, "userName": name}
            self.roles[key] = x
        return x

    def new_inst(self, env, region, tier, os_kind, start, end, slot):
        r = self.r
        i = Inst()
        i.id = "i-0" + r.hexs(16)
        i.acct, i.env, i.region, i.tier = self.accts[env], env, region, tier
        i.role = "%s-%s-ec2" % (env if env != "shared-services" else "shared", tier)
        i.os = os_kind if os_kind != "mixed" else r.choice(["al2023", "ubuntu", "ubuntu", "al2"])
        second = self.vpc_second[env] + (0 if region == self.primary else 1)
        i.ip = "10.%d.%d.%d" % (second % 256, r.randrange(0, 64), r.randrange(4, 254))
        i.az = region + r.choice("abc")
        i.start, i.end, i.slot = start, end, slot
        i.eice = False
        self.instances.append(i)
        return i

    def build_fleet(self):
        r = self.r
        self.instances = []
        self.slots = {}  # (env, region, tier) -> list of slots; a slot is a list of Inst incarnations
        target = r.randint(125, 200)
        plan = []
        for env, tiers in TIERS.items():
            if env not in self.accts:
                continue
            for tier, ((lo, hi), os_kind, asg, (slo, shi)) in tiers.items():
                plan.append((env, self.primary, tier, r.randint(lo, hi), os_kind, asg))
                n2 = r.randint(slo, shi)
                if n2:
                    plan.append((env, self.secondary, tier, n2, os_kind, asg))
        plan.append(("dev", self.primary, "devbox", 0, "mixed", False))  # filled by developers
        base = sum(p[3] for p in plan) + 16
        scale = max(0.7, min(1.3, target / base))
        for env, region, tier, n, os_kind, asg in plan:
            if asg:
                n = max(1, int(round(n * scale)))
            lst = []
            for k in range(n):
                born = self.T0 - r.randrange(2, 400) * DAY - r.randrange(DAY)
                lst.append([self.new_inst(env, region, tier, os_kind, born, None, k)])
            self.slots[(env, region, tier)] = lst
        # churn in autoscaled tiers: single replacements and whole-tier instance refreshes
        for (env, region, tier), lst in list(self.slots.items()):
            if not TIERS.get(env, {}).get(tier, (0, 0, False))[2]:
                continue
            for slot in lst:
                t = self.T0
                while True:
                    t += int(r.expovariate(1 / (90 * DAY)))
                    if t >= self.T_END:
                        break
                    self.replace(slot, t, 120 + r.randrange(300))
            for _ in range(r.choice([0, 0, 1])):
                d = r.choice([d for d in range(self.days) if self.workday(d)] or [0])
                t = self.local(d, r.uniform(10, 16), self.hq_tz)
                for k, slot in enumerate(lst):
                    self.replace(slot, t + k * r.randint(120, 400), 200 + r.randrange(200))
                self.notes.append((t, "instance refresh of %s/%s %s (%d new instance ids)" % (env, region, tier, len(lst))))
            # daytime scale-out of web/api in prod on busy days
            if env == "prod" and region == self.primary and tier in ("web", "api"):
                for d in range(self.days):
                    if self.workday(d) and r.random() < 0.15:
                        for _ in range(r.randint(1, 2)):
                            t0 = self.local(d, r.uniform(8, 12), self.hq_tz)
                            t1 = self.local(d, r.uniform(17, 22), self.hq_tz)
                            s = [self.new_inst(env, region, tier, "al2023", int(t0), int(t1), len(lst))]
                            lst.append(s)
        # static tiers: a few launches and decommissions during the period
        statics = [k for k in self.slots if not TIERS.get(k[0], {}).get(k[2], (0, 0, True))[2] and k[2] != "devbox"]
        for _ in range(r.randint(2, 5)):
            env, region, tier = r.choice(statics)
            lst = self.slots[(env, region, tier)]
            t = self.local(r.randrange(self.days), r.uniform(9, 17), self.hq_tz)
            os_kind = lst[0][0].os if lst else "al2023"
            lst.append([self.new_inst(env, region, tier, os_kind, int(t), None, len(lst))])
            self.notes.append((t, "new %s/%s %s instance %s" % (env, region, tier, lst[-1][0].id)))
        for _ in range(r.randint(1, 3)):
            env, region, tier = r.choice(statics)
            lst = self.slots[(env, region, tier)]
            if len(lst) > 1:
                inst = r.choice(lst)[-1]
                if inst.end is None:
                    inst.end = int(self.local(r.randrange(self.days), r.uniform(9, 17), self.hq_tz))
        # EC2 Instance Connect Endpoint in dev
        self.eice_used = True

    def replace(self, slot, t, boot):
        cur = slot[-1]
        if cur.end is not None and cur.end <= t:
            return
        cur.end = int(t + boot)
        env, region = cur.env, cur.region
        slot.append(self.new_inst(env, region, cur.tier, cur.os, int(t), None, cur.slot))

    def local(self, d, hour, tz):
        """UTC epoch of local time `hour` on simulation day d for someone at UTC offset tz."""
        return self.T0 + d * DAY + (hour - tz) * HOUR

    def alive(self, env, region, tier, t):
        res = []
        for slot in self.slots.get((env, region, tier), ()):
            for inst in slot:
                if inst.start <= t and (inst.end is None or t < inst.end):
                    res.append(inst)
                    break
        return res

    def resolve(self, ref, t):
        env, region, tier, k = ref
        lst = self.slots.get((env, region, tier))
        if not lst or k >= len(lst):
            return None
        for inst in lst[k]:
            if inst.start + 300 <= t and (inst.end is None or t < inst.end):
                return inst
        return None

    def alive_env(self, env, region, t, tiers=None):
        res = []
        for (e, reg, tier) in self.slots:
            if e == env and reg == region and (tiers is None or tier in tiers):
                res.extend(self.alive(e, reg, tier, t))
        return res

    # -- people ----------------------------------------------------------------------------

    def make_network(self, country):
        r = self.r
        kind = r.choices(["static", "small", "dynamic"], [5, 3, 3])[0]
        blocks = RESIDENTIAL[country]
        a, lo, hi = r.choice(blocks)
        b = r.randint(lo, hi)
        c = r.randrange(256)
        net = {"kind": kind, "country": country, "a": a, "b": b, "c": c,
               "pool": [r.randrange(2, 254) for _ in range(r.randint(2, 4))], "fixed": "%d.%d.%d.%d" % (
                   a, b, c, r.randrange(2, 254))}
        if kind == "dynamic":  # change schedule (ISP lease renewals)
            changes, d, ips = [], -5, []
            while d < self.days + 1:
                changes.append(d)
                ips.append("%d.%d.%d.%d" % (a, b, r.randrange(256), r.randrange(2, 254)))
                d += r.randint(1, 9)
            net["changes"], net["ips"] = changes, ips
        return net

    def home_ip(self, p, d):
        net = p.home
        if p.new_home_day is not None and d >= p.new_home_day:
            net = p.new_home
        if net["kind"] == "static":
            return net["fixed"]
        if net["kind"] == "small":
            return "%d.%d.%d.%d" % (net["a"], net["b"], net["c"], net["pool"][(d * 7 + p.idx) % len(net["pool"])])
        k = 0
        for i, c in enumerate(net["changes"]):
            if c <= d:
                k = i
        return net["ips"][k]

    def new_person(self, kind, idx, used):
        r = self.r
        while True:
            f, l = r.choice(FIRST), r.choice(LAST)
            if (f, l) not in used:
                used.add((f, l))
                break
        email_style = self.email_style
        email = (f + "." + l if email_style == 0 else f[0] + l) + "@" + self.domain
        remote = r.random() < 0.3
        country, tz = (r.choice(self.remote_locs) if remote else (self.hq_country, self.hq_tz))
        os_kind = r.choices(["macos", "linux", "windows"], [6, 3, 2])[0]
        ver_minor = r.randint(22, 31)
        p = Person(kind=kind, idx=idx, first=f, last=l, email=email, country=country, tz=tz, remote=remote,
                   start_h=r.uniform(7.0, 10.0), len_h=r.uniform(7.5, 9.5), os=os_kind,
                   cli=("2.%d.%d" % (ver_minor, r.randint(0, 30)), "0.%d.%d" % (r.randint(22, 26), r.randint(0, 9)),
                        "3.%d.%d" % (r.choice([12, 12, 13]), r.randint(1, 9))),
                   cli_upgrade=(r.randrange(self.days) if r.random() < 0.35 else None),
                   kernel={"macos": "%d.%d.0" % (r.choice([23, 24]), r.randint(0, 6)),
                           "linux": "6.%d.0-%d-generic" % (r.choice([8, 11]), r.randint(20, 60)),
                           "windows": "10"}[os_kind],
                   distrib=("ubuntu.24" if r.random() < 0.6 else "fedora.40") if os_kind == "linux" else None,
                   browser=r.randrange(len(BROWSERS)), browser_ver=r.randint(128, 140),
                   home=self.make_network(country), new_home_day=None, new_home=None,
                   office_days=set(r.sample(range(5), r.randint(1, 4))) if not remote else set(),
                   p_vpn=r.choice([0, 0, 0.2, 0.9]), leave=set(), travel=set(), travel_ips=[],
                   join_day=0)
        # leave
        if r.random() < 0.6 and self.days > 10:
            s = r.randrange(self.days)
            p.leave.update(range(s, s + r.randint(2, 8)))
        if r.random() < 0.25:
            s = r.randrange(self.days)
            p.leave.update(range(s, s + r.randint(1, 2)))
        return p

    def build_people(self):
        r = self.r
        used = set()
        self.email_style = r.randrange(2)
        accts = list(self.accts)
        # admins
        self.admins = []
        teams = ["platform"] * 5 + ["sre"] * 4 + ["data"] * 3 + ["app"] * 3
        r.shuffle(teams)
        for i in range(15):
            p = self.new_person("admin", i, used)
            p.team = teams[i]
            self.setup_admin(p, accts)
            self.admins.append(p)
        # the new joiner
        nj = self.new_person("admin", 15, used)
        nj.team = r.choice(["platform", "sre"])
        nj.join_day = max(1, min(self.days - 1, r.randint(12, 19) if self.days > 22 else self.days // 2))
        nj.leave = set()
        self.setup_admin(nj, accts)
        nj.accounts = [a for a in nj.accounts if a in ("prod", "staging")] or ["prod"]
        self.admins.append(nj)
        self.new_joiner = nj
        self.notes.append((self.local(nj.join_day, 9, nj.tz), "new admin %s joins (team %s)" % (nj.email, nj.team)))
        # one admin with a stable home IP moves ISP (new IP, new range)
        statics = [p for p in self.admins[:15] if p.home["kind"] == "static"]
        if statics and self.days > 6:
            p = r.choice(statics)
            p.new_home_day = r.randint(max(1, self.days // 4), max(2, self.days - 3))
            p.new_home = self.make_network(p.country)
            p.new_home["kind"] = "static"
            self.notes.append((self.local(p.new_home_day, 8, p.tz), "%s has a new home IP %s (was %s)" % (
                p.email, p.new_home["fixed"], p.home["fixed"])))
        # one admin travels (conference): hotel / foreign networks for a few days
        if self.days > 8:
            p = r.choice(self.admins[:15])
            s = r.randrange(2, self.days - 3)
            p.travel = set(range(s, s + r.randint(2, 4)))
            country = r.choice([c for c in RESIDENTIAL if c != p.country])
            p.travel_ips = [r.ip_from(RESIDENTIAL[country]) for _ in range(2)] + [r.ip_from(MOBILE[country])]
            self.notes.append((self.local(s, 8, p.tz), "%s travels to %s for %d days (hotel/mobile networks %s)" % (
                p.email, country, len(p.travel), ", ".join(p.travel_ips))))
        # on-call rotation (weekly)
        rota = self.admins[:15]
        r.shuffle(rota)
        self.oncall = {}
        for d in range(self.days):
            w = (d + self.weekday(0)) // 7
            self.oncall[d] = rota[w % len(rota)]
        # developers (EC2 Instance Connect to their own dev boxes)
        self.devs = []
        devbox = self.slots[("dev", self.primary, "devbox")]
        modes = ["eice"] * r.randint(2, 4) + ["console"] * r.randint(1, 2)
        modes += [r.choice(["key", "key", "cli-ssh"]) for _ in range(10 - len(modes))]
        r.shuffle(modes)
        for i in range(10):
            p = self.new_person("dev", 20 + i, used)
            boxes = []
            for _ in range(r.choice([1, 1, 1, 2])):
                os_kind = r.choice(["ubuntu", "ubuntu", "al2023"])
                born = self.T0 - r.randrange(5, 300) * DAY
                inst = self.new_inst("dev", self.primary, "devbox", os_kind, born, None, len(devbox))
                devbox.append([inst])
                boxes.append(len(devbox) - 1)
            p.boxes = boxes
            p.mode = modes[i]
            p.key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s %s@%s\n" % (
                r.pick(ALNUM, 43), p.first, r.choice(["laptop", "mbp", "thinkpad", "xps", "workstation"]))
            p.p_active = r.uniform(0.75, 0.95)
            p.pushes = r.uniform(1.0, 3.5)
            for b in boxes:
                devbox[b][0].eice = p.mode == "eice"
            self.devs.append(p)
        # two developers rebuild their dev box during the period (new instance id)
        for p in r.sample(self.devs, 2):
            slot = devbox[p.boxes[0]]
            t = self.local(r.randrange(1, max(2, self.days - 1)), r.uniform(10, 16), p.tz)
            self.replace(slot, t, 600)
            slot[-1].eice = slot[0].eice
            self.notes.append((t, "%s rebuilds dev box: %s -> %s" % (p.email, slot[0].id, slot[-1].id)))
        # database tunnellers
        self.dbdevs = []
        envs = [e for e in ("prod", "staging") if self.slots.get((e, self.primary, "bastion"))]
        for i in range(r.randint(3, 5)):
            p = self.new_person("db", 40 + i, used)
            p.envs = r.sample(envs, r.randint(1, len(envs)))
            p.local_port = r.choice([None, "15432", "5433", "15432", "13306", "55432"])
            p.p_active = r.uniform(0.6, 0.9)
            p.tunnels = r.uniform(0.8, 2.2)
            self.dbdevs.append(p)
        self.db_hosts = {}
        for env in envs:
            eng = r.choice(["postgres", "postgres", "mysql"])
            cid = r.pick("abcdefghijklmnopqrstuvwxyz0123456789", 12)
            names = r.sample(["orders", "billing", "core", "ledger", "catalog", "accounts"], 2)
            self.db_hosts[env] = [("%s-%s.cluster-%s.%s.rds.amazonaws.com" % (n, env, cid, self.primary),
                                   "5432" if eng == "postgres" else "3306") for n in names] + \
                                 [("%s-%s.cluster-ro-%s.%s.rds.amazonaws.com" % (names[0], env, cid, self.primary),
                                   "5432" if eng == "postgres" else "3306")]

    def setup_admin(self, p, accts):
        r = self.r
        team_accts = [a for a in TEAM_ACCOUNTS[p.team] if a in accts]
        p.accounts = ["prod"] + [a for a in team_accts if a != "prod" and r.random() < 0.7]
        p.p_console = r.choice([0.05, 0.15, 0.3, 0.5, 0.8])
        p.p_ssh = r.choice([0, 0, 0, 0.1, 0.7])
        p.p_explicit_doc = r.choice([0, 0, 0.5, 1.0])
        p.p_active = r.uniform(0.7, 0.95)
        p.mean_sessions = r.choice([0.8, 1.5, 2.5, 3.5, 5.0])
        p.p_runcommand = r.choice([0, 0, 0, 0.05, 0.15])
        p.p_portfwd = r.choice([0, 0, 0.03, 0.08])
        p.perm = r.choice(["PlatformAdmin", "PlatformAdmin", "SRE-OnCall"]) if p.team in ("platform", "sre") else \
            r.choice(["PlatformAdmin", "DataPlatformAdmin" if p.team == "data" else "AppOps"])
        p.session_hours = r.choice([1, 4, 8, 12])
        p.p_secondary = r.choice([0, 0.05, 0.15])
        # usual instances: slot references
        fav = []
        n = r.randint(5, 30)
        tiers_ok = TEAMS[p.team]
        pool = []
        for (env, region, tier), lst in self.slots.items():
            if env in p.accounts and tier in tiers_ok and (region == self.primary or r.random() < p.p_secondary * 4):
                for k in range(len(lst)):
                    pool.append((env, region, tier, k))
        # scale-out slots (transient) are never favourites
        pool = [x for x in pool if self.slots[x[:3]][x[3]][0].start < self.T0 or x[2] not in ("web", "api")]
        if pool:
            fav = r.sample(pool, min(n, len(pool)))
        p.fav = fav
        p.fav_w = [1.0 / (k + 1) ** 0.8 for k in range(len(fav))]

    def build_services(self):
        r = self.r
        self.ci_accounts = [a for a in ("prod", "staging") if a in self.accts]
        self.ci_repo = "%s/%s" % (self.org, r.choice(["platform", "monorepo", "backend", "services"]))
        self.run_id = r.randrange(11_000_000_000, 13_000_000_000)
        # runner image versions change weekly
        self.runner_images = []
        for w in range(self.days // 7 + 2):
            self.runner_images.append({
                "kernel": "6.%d.0-10%02d-azure" % (r.choice([8, 8, 11]), r.randint(10, 40)),
                "cli": "2.%d.%d" % (r.randint(24, 31), r.randint(0, 20)), "crt": "0.2%d.%d" % (r.randint(3, 6), r.randint(0, 9)),
                "py": "3.12.%d" % r.randint(4, 9), "boto": "1.3%d.%d" % (r.randint(5, 7), r.randint(10, 90))})
        self.ci_style = r.choice(["cli", "boto", "mixed"])
        self.mon_fn = r.choice(["ops-diag-collector", "alarm-diagnostics", "oncall-runbook-bot"])
        self.heal_style = r.choice(["eventbridge", "lambda"])
        self.svc_reader = r.choice(["svc-report-export", "svc-bi-reader", "reporting-s3-sync", "svc-finance-export"])
        self.svc_reader_akid = "AKIA" + r.pick(UPPER, 16)
        self.svc_reader_pid = "AIDA" + r.pick(UPPER, 17)
        self.svc_reader_ip = r.choice([r.ip_from(AWS_BLOCKS[self.primary]), self.office_ips[0]])
        self.svc_reader_ua = boto_ua("1.3%d.%d" % (r.randint(3, 5), r.randint(10, 90)), "3.10.12",
                                     "5.15.0-1%02d-generic" % r.randint(10, 70))
        self.buckets = ["%s-%s-%s" % (self.org, n, r.choice(["prod", "data", "exports"])) for n in
                        ("reports", "exports", "datalake-raw", "assets", "backups")]
        self.dd_acct = "464622532012"

    # -- identities ------------------------------------------------------------------------

    def sso_role(self, p, env):
        acct = self.accts[env]
        perm = getattr(p, "perm", None) or {"dev": "Developer", "db": "DataEngineer"}[p.kind]
        key = (acct, "sso", perm)
        if key not in self.roles:
            name = "AWSReservedSSO_%s_%s" % (perm, self.r.hexs(16))
            self.roles[key] = self.role(acct, name, "aws-reserved/sso.amazonaws.com/%s/" % self.idc_region)
        return self.roles[key]

    def sso_identity(self, p, env, t, console):
        """userIdentity of p's Identity Center role session in env at time t (credentials rotate)."""
        acct = self.accts[env]
        issuer = self.sso_role(p, env)
        d = int((t - self.T0) // DAY)
        dur = 1 if console else p.__dict__.get("session_hours", 8)
        k = int((t - self.T0 - d * DAY) // (dur * HOUR))
        key = (p.email, env, console, d, k)
        c = self.creds.get(key)
        if c is None:
            creation = t - self.r.randrange(30, 1800)
            c = ("ASIA" + self.r.pick(UPPER, 16), creation)
            self.creds[key] = c
            if not console:
                self.person_sessions.setdefault(p.email, []).append((t, env, key))
        akid, creation = c
        if creation > t:
            creation = t - 20
        return {"type": "AssumedRole", "principalId": "%s:%s" % (issuer["principalId"], p.email),
                "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (acct, issuer["userName"], p.email),
                "accountId": acct, "accessKeyId": akid,
                "sessionContext": {"sessionIssuer": issuer, "webIdFederationData": {},
                                   "attributes": {"creationDate": iso(creation), "mfaAuthenticated": "false"}}}

    def assumed(self, acct, role_name, session, t, path="", invoked_by=None, rotate=3600, ec2=False, webid=None,
                key=None):
        issuer = self.role(acct, role_name, path)
        k = int(t // rotate)
        ck = key or (acct, role_name, session, k)
        c = self.creds.get(ck)
        if c is None:
            c = ("ASIA" + self.r.pick(UPPER, 16), min(t, k * rotate + self.r.randrange(0, 300)))
            self.creds[ck] = c
        sc = {"sessionIssuer": issuer, "webIdFederationData": webid or {},
              "attributes": {"creationDate": iso(min(c[1], t)), "mfaAuthenticated": "false"}}
        if ec2:
            sc["ec2RoleDelivery"] = "2.0"
        ui = {"type": "AssumedRole", "principalId": "%s:%s" % (issuer["principalId"], session),
              "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (acct, role_name, session), "accountId": acct,
              "accessKeyId": c[0], "sessionContext": sc}
        if invoked_by:
            ui["invokedBy"] = invoked_by
        return ui

    def inst_identity(self, inst, t):
        return self.assumed(inst.acct, inst.role, inst.id, t, rotate=6 * HOUR, ec2=True)

    def inst_source(self, inst):
        """(sourceIPAddress, vpcEndpointId) for calls made from an instance."""
        if self.uses_vpce[inst.env]:
            return inst.ip, self.vpce[(inst.env, inst.region)]
        return self.nat[(inst.env, inst.region)][stable(inst.id) % len(self.nat[(inst.env, inst.region)])], None

    # -- record envelope ----------------------------------------------------------------------

    def emit(self, t, env_or_acct, region, ui, source, name, ip, ua, req, resp, cls, *, read_only=False, err=None,
             console=False, resources=None, extra=None, category="Management", event_type="AwsApiCall", vpce=None,
             host=None, shared=False, request_id=True):
        r = self.r
        acct = self.accts.get(env_or_acct, env_or_acct)
        t = int(t)
        rec = {"eventVersion": EV_VERSION.get(source, "1.09"), "userIdentity": ui, "eventTime": iso(t),
               "eventSource": source, "eventName": name, "awsRegion": region, "sourceIPAddress": ip, "userAgent": ua}
        if err:
            rec["errorCode"], rec["errorMessage"] = err
        rec["requestParameters"] = req
        rec["responseElements"] = resp
        if extra is not None:
            rec["additionalEventData"] = extra
        if request_id:
            rec["requestID"] = r.uuid()
        rec["eventID"] = r.uuid()
        rec["readOnly"] = read_only
        if resources is not None:
            rec["resources"] = resources
        rec["eventType"] = event_type
        rec["managementEvent"] = category == "Management"
        rec["recipientAccountId"] = acct
        if shared:
            rec["sharedEventID"] = r.uuid()
        if vpce:
            rec["vpcEndpointId"] = vpce
            rec["vpcEndpointAccountId"] = acct
        rec["eventCategory"] = category
        if not ip.endswith("amazonaws.com") and ip != "AWS Internal":
            tls = dict(TLS13) if r.random() < 0.93 else {"tlsVersion": "TLSv1.2",
                                                         "cipherSuite": "ECDHE-RSA-AES128-GCM-SHA256"}
            tls["clientProvidedHostHeader"] = host or "%s.%s.amazonaws.com" % (HOSTS.get(source, source.split(".")[0]),
                                                                               region)
            rec["tlsDetails"] = tls
        if console:
            rec["sessionCredentialFromConsole"] = "true"
        if self.T0 <= t < self.T_END:
            self.out.append((t, acct, region, rec, cls))
        return rec

    # -- shared request/response shapes ---------------------------------------------------------

    def session_id(self, prefix):
        return "%s-%s" % (prefix, self.r.pick("abcdefghijklmnopqrstuvwxyz0123456789", 26))

    def session_resp(self, sid, region):
        return {"sessionId": sid, "tokenValue": "Value hidden due to security reasons.",
                "streamUrl": "wss://ssmmessages.%s.amazonaws.com/v1/data-channel/%s?role=publish_subscribe"
                             "&cell-number=AAEAA%s" % (region, sid, self.r.hexs(40))}

    def command_resp(self, t, req, region, client_name="", target_count=None):
        ids = req.get("instanceIds") or []
        return {"command": {
            "commandId": self.r.uuid(), "documentName": req["documentName"], "documentVersion": "$DEFAULT",
            "comment": req.get("comment", ""), "expiresAfter": human_time(t + 2 * HOUR + 600),
            "parameters": req.get("parameters", "HIDDEN_DUE_TO_SECURITY_REASONS"), "instanceIds": ids,
            "targets": req.get("targets", []), "requestedDateTime": human_time(t), "status": "Pending",
            "statusDetails": "Pending", "outputS3Region": region, "outputS3BucketName": req.get("outputS3BucketName", ""),
            "outputS3KeyPrefix": "", "maxConcurrency": req.get("maxConcurrency", "50"),
            "maxErrors": req.get("maxErrors", "0"), "targetCount": target_count if target_count is not None else len(ids),
            "completedCount": 0, "errorCount": 0, "deliveryTimedOutCount": 0, "serviceRole": "",
            "notificationConfig": {"notificationArn": "", "notificationEvents": [], "notificationType": ""},
            "cloudWatchOutputConfig": req.get("cloudWatchOutputConfig",
                                              {"cloudWatchLogGroupName": "", "cloudWatchOutputEnabled": False}),
            "interactive": False, "timeoutSeconds": req.get("timeoutSeconds", 3600), "clientName": client_name,
            "clientSourceId": "", "alarmConfiguration": {"ignorePollAlarmFailure": False, "alarms": []},
            "triggeredAlarms": [], "hasSendCommandSignature": False, "hasCancelCommandSignature": False}}

    # -- human helpers -------------------------------------------------------------------------

    def person_ua(self, p, d, command):
        ver, crt, py = p.cli
        if p.cli_upgrade is not None and d >= p.cli_upgrade:
            major, minor, patch = ver.split(".")
            ver = "2.%d.%d" % (int(minor) + 1, (int(patch) * 7) % 25)
        return cli_ua(p.os, ver, crt, py, p.kernel, command, p.distrib)

    def browser_ua(self, p, d):
        tmpl = BROWSERS[p.browser]
        v = p.browser_ver + d // 28
        return tmpl % ((v,) * tmpl.count("%d")) if "Safari/605" not in tmpl else tmpl % (1 + d // 20)

    def console_ua(self, d):
        return CONSOLE_INTERNAL % (780 + d // 9, 230 + d // 11, 442 + d // 30, 442 + d // 30)

    def location(self, p, d, night=False):
        """Source IP for person p on day d (cached per person-day)."""
        key = ("loc", p.email, d, night)
        ip = self.creds.get(key)
        if ip is None:
            r = self.r
            if d in p.travel:
                ip = r.choice(p.travel_ips)
            elif r.random() < 0.02:
                ip = r.ip_from(MOBILE.get(p.country, MOBILE["GB"]))  # tethering
            elif not night and self.weekday(d) in p.office_days and self.workday(d) and r.random() < 0.85:
                ip = r.choice(self.office_ips)
            elif r.random() < p.p_vpn:
                ip = r.choice(self.vpn_ips)
            else:
                ip = self.home_ip(p, d)
            self.creds[key] = ip
        return ip

    def touched(self, p, env, inst_id):
        self.targets_by.setdefault(p.email, set()).add(inst_id)
        self.accounts_by.setdefault(p.email, set()).add(env)

    # -- admins ----------------------------------------------------------------------------------

    def gen_admins(self):
        r = self.r
        for p in self.admins:
            for d in range(self.days):
                if d < p.join_day or d in p.leave:
                    continue
                work = self.workday(d)
                if work:
                    if r.random() >= p.p_active:
                        continue
                    n = r.poisson(p.mean_sessions)
                    if p is self.new_joiner and d - p.join_day < 3:
                        n = r.randint(0, 2)
                elif r.random() < 0.04:
                    n = r.randint(1, 2)
                else:
                    n = 0
                times = sorted(self.local(d, p.start_h + r.uniform(0, p.len_h), p.tz) for _ in range(n))
                if r.random() < 0.05 and n:
                    times.append(self.local(d, r.uniform(19, 23), p.tz))  # evening work
                for t in times:
                    self.admin_session(p, d, t, night=False)
                if work and r.random() < p.p_runcommand:
                    self.admin_runcommand(p, d, self.local(d, p.start_h + r.uniform(0, p.len_h), p.tz))
                if work and r.random() < p.p_portfwd:
                    self.admin_portfwd(p, d, self.local(d, p.start_h + r.uniform(0, p.len_h), p.tz))
            # console sign-ins are emitted lazily in admin_session
        # on-call pages
        for d in range(self.days):
            p = self.oncall[d]
            if d in p.leave:
                continue
            pages = 0
            if r.random() < 0.25:
                pages += 1
            if not self.workday(d) and r.random() < 0.35:
                pages += 1
            for _ in range(pages):
                h = r.choice([r.uniform(0, 6), r.uniform(20, 24), r.uniform(10, 18)])
                t = self.local(d, h, p.tz)
                for _ in range(r.choice([1, 1, 2, 3])):
                    self.admin_session(p, d, t, night=True, page=True)
                    t += r.randint(60, 1200)
        # serial console: rare break-glass debugging of an unbootable instance
        for _ in range(r.choice([1, 1, 2])):
            p = r.choice(self.admins[:15])
            d = r.choice([d for d in range(self.days) if self.workday(d) and d not in p.leave] or [0])
            self.serial_console(p, d, self.local(d, p.start_h + r.uniform(0, p.len_h), p.tz))

    def pick_target(self, p, t, page=False):
        r = self.r
        novel = (0.25 if page else 0.05) if p is not self.new_joiner else 0.25
        if p.fav and r.random() >= novel:
            for _ in range(4):
                ref = r.choices(p.fav, p.fav_w)[0]
                inst = self.resolve(ref, t)
                if inst:
                    return ref[0], inst
        # an instance the person has not used before (fleet change, new task)
        envs = ["prod"] if page else p.accounts
        env = r.choice(envs)
        region = self.primary if r.random() > p.p_secondary else self.secondary
        cand = [i for i in self.alive_env(env, region, t, TEAMS[p.team]) if i.tier != "devbox"]
        if not cand:
            cand = self.alive_env(env, self.primary, t)
        if not cand:
            return None, None
        inst = r.choice(cand)
        if p is self.new_joiner and r.random() < 0.6:  # the joiner builds a routine
            for k, slot in enumerate(self.slots[(inst.env, inst.region, inst.tier)]):
                if inst in slot and (inst.env, inst.region, inst.tier, k) not in p.fav:
                    p.fav.append((inst.env, inst.region, inst.tier, k))
                    p.fav_w.append(1.0)
        return env, inst

    def admin_session(self, p, d, t, night=False, page=False):
        r = self.r
        env, inst = self.pick_target(p, t, page)
        if inst is None:
            return
        console = r.random() < p.p_console and not (page and r.random() < 0.5)
        ip = self.location(p, d, night=night and page)
        region = inst.region
        ui = self.sso_identity(p, env, t, console)
        self.touched(p, env, inst.id)
        if console:
            self.console_login(p, env, d, t - r.randint(60, 900), ip)
            ua = self.console_ua(d)
            self.emit(t - r.randint(5, 40), env, region, ui, "ssm.amazonaws.com", "GetConnectionStatus", ip, ua,
                      {"target": inst.id}, {"target": inst.id, "status": "connected"}, "noise", read_only=True,
                      console=True)
            if r.random() < 0.4:
                self.emit(t - r.randint(40, 200), env, region, ui, "ssm.amazonaws.com", "DescribeInstanceInformation",
                          ip, ua, {"filters": [{"key": "InstanceIds", "values": [inst.id]}]}, None, "noise",
                          read_only=True, console=True)
            if r.random() < 0.15:
                self.emit(t - r.randint(60, 900), env, region, ui, "ssm.amazonaws.com", "DescribeSessions", ip, ua,
                          {"state": "History", "maxResults": 50}, None, "noise", read_only=True, console=True)
            req = {"target": inst.id}
            cmd = None
        else:
            if r.random() < 0.3:
                self.emit(t - r.randint(10, 300), env, region, ui, "ec2.amazonaws.com", "DescribeInstances", ip,
                          self.person_ua(p, d, "ec2.describe-instances"),
                          {"instancesSet": {}, "filterSet": {"items": [{"name": "tag:Role", "valueSet": {
                              "items": [{"value": inst.tier}]}}]}}, None, "noise", read_only=True)
            if r.random() < 0.12:
                self.emit(t - r.randint(20, 600), env, region, ui, "sts.amazonaws.com", "GetCallerIdentity", ip,
                          self.person_ua(p, d, "sts.get-caller-identity"), None, None, "noise", read_only=True)
            ua = self.person_ua(p, d, "ssm.start-session")
            if inst.os != "windows" and r.random() < p.p_ssh:
                req = {"target": inst.id, "documentName": "AWS-StartSSHSession", "parameters": {"portNumber": ["22"]}}
            elif r.random() < p.p_explicit_doc:
                req = {"target": inst.id, "documentName": "SSM-SessionManagerRunShell"}
            else:
                req = {"target": inst.id}
            cmd = True
        err = None
        if r.random() < 0.025:
            err = ("TargetNotConnected", "%s is not connected." % inst.id)
        sid = self.session_id(p.email)
        self.emit(t, env, region, ui, "ssm.amazonaws.com", "StartSession", ip, ua, req,
                  None if err else self.session_resp(sid, region), "admin_session", err=err, console=console)
        if err:
            return
        self.agent_data_channel(inst, t + r.randint(1, 4), sid)
        if cmd and r.random() < 0.04:
            t2 = t + r.randint(120, 1500)
            self.emit(t2, env, region, self.sso_identity(p, env, t2, False), "ssm.amazonaws.com", "ResumeSession", ip,
                      self.person_ua(p, d, "ssm.resume-session"), {"sessionId": sid}, self.session_resp(sid, region),
                      "admin_terminate")
        if r.random() < 0.85:
            t3 = t + r.lognorm_minutes(12, 1.0, 0.5, 240)
            tua = self.console_ua(d) if console else self.person_ua(p, d, "ssm.terminate-session")
            self.emit(t3, env, region, self.sso_identity(p, env, t3, console), "ssm.amazonaws.com", "TerminateSession",
                      ip, tua, {"sessionId": sid}, {"sessionId": sid}, "admin_terminate", console=console)

    def console_login(self, p, env, d, t, ip):
        key = ("login", p.email, env, d, int((t - self.T0) // (4 * HOUR)))
        if key in self.creds:
            return
        self.creds[key] = True
        ui = self.sso_identity(p, env, t, True)
        ui = {k: v for k, v in ui.items() if k != "accessKeyId"}
        self.emit(t, env, self.primary, ui, "signin.amazonaws.com", "ConsoleLogin", ip, self.browser_ua(p, d), None,
                  {"ConsoleLogin": "Success"}, "noise", event_type="AwsConsoleSignIn", request_id=False,
                  extra={"LoginTo": "https://console.aws.amazon.com/console/home?region=%s" % self.primary,
                         "MobileVersion": "No", "MFAUsed": "No"}, host="signin.aws.amazon.com")

    def agent_data_channel(self, inst, t, sid):
        if self.r.random() > 0.7:
            return
        ip, vpce = self.inst_source(inst)
        self.emit(t, inst.env, inst.region, self.inst_identity(inst, t), "ssm.amazonaws.com", "OpenDataChannel", ip,
                  "Go-http-client/1.1",
                  {"sessionId": sid, "messageSchemaVersion": "1.0", "requestId": self.r.uuid(),
                   "tokenValue": "Value hidden due to security reasons.", "clientId": self.r.uuid(),
                   "clientVersion": "3.3.1142.0"}, None, "noise", category="Data", vpce=vpce,
                  resources=[{"accountId": inst.acct, "type": "AWS::SSMMessages::DataChannel",
                              "ARN": "arn:aws:ssmmessages:%s:%s:data-channel/%s" % (inst.region, inst.acct, sid)}],
                  host="ssmmessages.%s.amazonaws.com" % inst.region)

    def admin_runcommand(self, p, d, t):
        r = self.r
        env, inst = self.pick_target(p, t)
        if inst is None:
            return
        same = [i for i in self.alive(inst.env, inst.region, inst.tier, t)]
        ids = [i.id for i in r.sample(same, min(len(same), r.randint(1, 5)))]
        for i in ids:
            self.touched(p, env, i)
        console = r.random() < p.p_console
        ip = self.location(p, d)
        doc = "AWS-RunPowerShellScript" if inst.os == "windows" else "AWS-RunShellScript"
        req = {"instanceIds": ids, "documentName": doc, "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS",
               "comment": r.choice(["", "", "check disk", "restart agent", "rotate logs", "collect heap dump"]),
               "timeoutSeconds": 600, "interactive": False}
        ua = self.console_ua(d) if console else self.person_ua(p, d, "ssm.send-command")
        self.emit(t, env, inst.region, self.sso_identity(p, env, t, console), "ssm.amazonaws.com", "SendCommand", ip, ua,
                  req, self.command_resp(t, req, inst.region), "admin_runcommand", console=console)
        for k in range(r.randint(1, 4)):
            t2 = t + 5 + k * r.randint(3, 30)
            self.emit(t2, env, inst.region, self.sso_identity(p, env, t2, console), "ssm.amazonaws.com",
                      "ListCommandInvocations", ip, self.console_ua(d) if console else
                      self.person_ua(p, d, "ssm.list-command-invocations"),
                      {"instanceId": ids[0], "details": True}, None, "noise", read_only=True, console=console)

    def admin_portfwd(self, p, d, t):
        r = self.r
        region = self.primary
        mons = self.alive("prod", region, "monitoring", t) or self.alive_env("prod", region, t)
        if not mons:
            return
        inst = r.choice(mons)
        self.touched(p, "prod", inst.id)
        ip = self.location(p, d)
        req = {"target": inst.id, "documentName": "AWS-StartPortForwardingSession",
               "parameters": {"portNumber": [r.choice(["3000", "9090", "8080"])],
                              "localPortNumber": [r.choice(["3000", "19090", "18080"])]}}
        sid = self.session_id(p.email)
        self.emit(t, "prod", region, self.sso_identity(p, "prod", t, False), "ssm.amazonaws.com", "StartSession", ip,
                  self.person_ua(p, d, "ssm.start-session"), req, self.session_resp(sid, region), "admin_session")
        self.agent_data_channel(inst, t + 2, sid)
        t3 = t + r.lognorm_minutes(30, 0.8, 2, 300)
        self.emit(t3, "prod", region, self.sso_identity(p, "prod", t3, False), "ssm.amazonaws.com", "TerminateSession",
                  ip, self.person_ua(p, d, "ssm.terminate-session"), {"sessionId": sid}, {"sessionId": sid},
                  "admin_terminate")

    def serial_console(self, p, d, t):
        r = self.r
        env = "prod" if "prod" in p.accounts else p.accounts[0]
        cand = self.alive_env(env, self.primary, t, TEAMS[p.team])
        if not cand:
            return
        inst = r.choice([i for i in cand if i.os != "windows"] or cand)
        ip = self.location(p, d)
        ui = self.sso_identity(p, env, t, True)
        self.console_login(p, env, d, t - 600, ip)
        self.emit(t - 40, env, self.primary, ui, "ec2.amazonaws.com", "GetSerialConsoleAccessStatus", ip,
                  "console.ec2.amazonaws.com", {}, None, "noise", read_only=True, console=True)
        self.emit(t, env, self.primary, ui, "ec2-instance-connect.amazonaws.com", "SendSerialConsoleSSHPublicKey", ip,
                  self.console_ua(d), {"instanceId": inst.id, "monitorMode": False, "serialPort": 0,
                                       "sSHPublicKey": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ%s\n" % r.pick(ALNUM, 60)},
                  {"requestId": r.uuid(), "success": True}, "serial_console", console=True)
        self.touched(p, env, inst.id)
        self.notes.append((t, "%s uses the EC2 serial console on %s (%s)" % (p.email, inst.id, env)))

    # -- developers --------------------------------------------------------------------------------

    def gen_devs(self):
        r = self.r
        devbox = self.slots[("dev", self.primary, "devbox")]
        for p in self.devs:
            for d in range(self.days):
                if d in p.leave:
                    continue
                if self.workday(d):
                    if r.random() >= p.p_active:
                        continue
                    n = max(1, r.poisson(p.pushes))
                elif r.random() < 0.06:
                    n = 1
                else:
                    continue
                for _ in range(n):
                    t = self.local(d, p.start_h + r.uniform(0, p.len_h), p.tz)
                    ref = r.choice(p.boxes)
                    inst = self.resolve(("dev", self.primary, "devbox", ref), t)
                    if r.random() < 0.04:  # a teammate's box or a sandbox
                        cand = self.alive_env("dev", self.primary, t, ["sandbox", "build", "devbox"])
                        inst = r.choice(cand) if cand else inst
                    if inst is None:
                        continue
                    self.eic_push(p, d, t, inst)

    def eic_push(self, p, d, t, inst):
        r = self.r
        ip = self.location(p, d)
        mode = p.mode if r.random() < 0.9 else r.choice(["key", "cli-ssh", "console"])
        if mode == "eice" and not inst.eice:
            mode = "cli-ssh"
        console = mode == "console"
        ui = self.sso_identity(p, "dev", t, console)
        if mode == "key":
            key, ua = p.key, self.person_ua(p, d, "ec2-instance-connect.send-ssh-public-key")
        else:
            key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s\n" % r.pick(ALNUM, 43)  # ephemeral key
            ua = self.console_ua(d) if console else self.person_ua(p, d, "ec2-instance-connect.ssh")
        req = {"availabilityZone": inst.az, "instanceId": inst.id, "instanceOSUser": inst.osuser(), "sSHPublicKey": key}
        if mode == "console" and r.random() < 0.5:
            req.pop("availabilityZone")
        self.touched(p, "dev", inst.id)
        if not console and r.random() < 0.08:
            self.emit(t - r.randint(10, 300), "dev", inst.region, ui, "sts.amazonaws.com", "GetCallerIdentity", ip,
                      self.person_ua(p, d, "sts.get-caller-identity"), None, None, "noise", read_only=True)
        self.emit(t, "dev", inst.region, ui, "ec2-instance-connect.amazonaws.com", "SendSSHPublicKey", ip, ua, req,
                  {"requestId": r.uuid(), "success": True}, "dev_eic", console=console)
        if mode == "eice":
            eid = self.eice[("dev", inst.region)]
            self.emit(t + r.randint(0, 2), "dev", inst.region, ui, "ec2-instance-connect.amazonaws.com", "OpenTunnel", ip,
                      ua, {"instanceConnectEndpointId": eid, "maxTunnelDuration": "3600", "remotePort": "22",
                           "privateIpAddress": inst.ip}, None, "dev_eic",
                      resources=[{"accountId": inst.acct, "type": "AWS::EC2::InstanceConnectEndpoint",
                                  "ARN": "arn:aws:ec2:%s:%s:instance-connect-endpoint/%s" % (inst.region, inst.acct, eid)}])
        elif r.random() < 0.3:
            self.emit(t - r.randint(3, 30), "dev", inst.region, ui, "ec2.amazonaws.com", "DescribeInstances", ip,
                      ua,
                      {"instancesSet": {"items": [{"instanceId": inst.id}]}, "filterSet": {}}, None, "noise",
                      read_only=True, console=console)

    # -- database tunnels ----------------------------------------------------------------------------

    def gen_db(self):
        r = self.r
        for p in self.dbdevs:
            for d in range(self.days):
                if d in p.leave or not self.workday(d) or r.random() >= p.p_active:
                    continue
                for _ in range(max(1, r.poisson(p.tunnels))):
                    env = r.choice(p.envs)
                    t = self.local(d, p.start_h + r.uniform(0, p.len_h), p.tz)
                    bast = self.alive(env, self.primary, "bastion", t)
                    if not bast:
                        continue
                    inst = bast[0] if r.random() < 0.85 else r.choice(bast)
                    host, port = r.choice(self.db_hosts[env])
                    lp = p.local_port or str(r.randint(49152, 65000))
                    if port == "3306" and lp.endswith("432"):
                        lp = "13306"
                    ip = self.location(p, d)
                    ui = self.sso_identity(p, env, t, False)
                    sid = self.session_id(p.email)
                    req = {"target": inst.id, "documentName": "AWS-StartPortForwardingSessionToRemoteHost",
                           "parameters": {"host": [host], "portNumber": [port], "localPortNumber": [lp]}}
                    self.touched(p, env, inst.id)
                    self.emit(t, env, self.primary, ui, "ssm.amazonaws.com", "StartSession", ip,
                              self.person_ua(p, d, "ssm.start-session"), req, self.session_resp(sid, self.primary),
                              "db_tunnel")
                    self.agent_data_channel(inst, t + 2, sid)
                    if r.random() < 0.7:
                        t3 = t + r.lognorm_minutes(45, 0.9, 2, 480)
                        self.emit(t3, env, self.primary, self.sso_identity(p, env, t3, False), "ssm.amazonaws.com",
                                  "TerminateSession", ip, self.person_ua(p, d, "ssm.terminate-session"),
                                  {"sessionId": sid}, {"sessionId": sid}, "admin_terminate")

    # -- CI --------------------------------------------------------------------------------------

    def gen_ci(self):
        r = self.r
        for d in range(self.days):
            work = self.workday(d)
            for env in self.ci_accounts:
                lam = (6.0 if env == "staging" else 2.5) if work else (0.3 if env == "staging" else 0.1)
                jobs = [self.local(d, r.uniform(8.5, 18.5), self.hq_tz) for _ in range(r.poisson(lam))]
                if env == "staging":
                    jobs.append(self.local(d, 2 + r.random() * 0.2, 0))  # nightly smoke deploy (02:00 UTC cron)
                for t in jobs:
                    self.ci_job(d, env, t)
            # terraform plan jobs (noise only)
            if work:
                for env in self.accts:
                    if r.random() < 0.6:
                        self.tf_plan(d, env, self.local(d, r.uniform(9, 18), self.hq_tz))

    def ci_identity(self, env, t, session, ip, webid_sub):
        acct = self.accts[env]
        webid = {"federatedProvider": "arn:aws:iam::%s:oidc-provider/token.actions.githubusercontent.com" % acct,
                 "attributes": {}}
        return self.assumed(acct, "ci-deploy", session, t, webid=webid, key=("ci", session))

    def ci_job(self, d, env, t):
        r = self.r
        self.run_id += r.randint(200, 9000)
        session = "GitHubActions-%d" % self.run_id
        ip = r.ip_from(RUNNER_BLOCKS)
        img = self.runner_images[min(len(self.runner_images) - 1, d // 7)]
        acct = self.accts[env]
        sub = "repo:%s:environment:%s" % (self.ci_repo, "production" if env == "prod" else "staging")
        # AssumeRoleWithWebIdentity (noise) -- creates the session
        role_arn = "arn:aws:iam::%s:role/ci-deploy" % acct
        ui_web = {"type": "WebIdentityUser", "principalId": "arn:aws:iam::%s:oidc-provider/token.actions."
                  "githubusercontent.com:sts.amazonaws.com:%s" % (acct, sub), "userName": sub,
                  "identityProvider": "arn:aws:iam::%s:oidc-provider/token.actions.githubusercontent.com" % acct}
        ui = self.ci_identity(env, t + 3, session, ip, sub)
        self.creds[("ci", session)] = (ui["accessKeyId"], t - 2)
        ui["sessionContext"]["attributes"]["creationDate"] = iso(t - 2)
        self.emit(t - 2, env, self.primary, ui_web, "sts.amazonaws.com", "AssumeRoleWithWebIdentity", ip, GHA_CREDS_UA,
                  {"roleArn": role_arn, "roleSessionName": session, "durationSeconds": 3600},
                  {"credentials": {"accessKeyId": ui["accessKeyId"], "sessionToken": r.pick(ALNUM, 120),
                                   "expiration": human_time(t + 3600)},
                   "subjectFromWebIdentityToken": sub, "assumedRoleUser": {
                       "assumedRoleId": ui["principalId"], "arn": ui["arn"]},
                   "provider": "arn:aws:iam::%s:oidc-provider/token.actions.githubusercontent.com" % acct,
                   "audience": "sts.amazonaws.com"}, "noise", read_only=True,
                  resources=[{"accountId": acct, "type": "AWS::IAM::Role", "ARN": role_arn}],
                  host="sts.%s.amazonaws.com" % self.primary)
        self.emit(t + r.randint(0, 2), env, self.primary, self.ci_identity(env, t, session, ip, sub),
                  "sts.amazonaws.com", "GetCallerIdentity", ip, GHA_CREDS_UA, None, None, "noise", read_only=True,
                  host="sts.%s.amazonaws.com" % self.primary)
        style = self.ci_style if self.ci_style != "mixed" else r.choice(["cli", "boto"])

        def ua(cmd):
            if style == "cli":
                return cli_ua("linux", img["cli"], img["crt"], img["py"], img["kernel"], cmd, "ubuntu.24")
            return boto_ua(img["boto"], img["py"], img["kernel"])

        tiers = r.sample(["web", "api", "worker"], r.choice([1, 1, 2, 3]))
        t += r.randint(20, 200)
        for tier in tiers:
            inst = self.alive(env, self.primary, tier, t)
            if not inst:
                continue
            self.emit(t - r.randint(2, 10), env, self.primary, self.ci_identity(env, t, session, ip, sub),
                      "ec2.amazonaws.com", "DescribeInstances", ip, ua("ec2.describe-instances"),
                      {"instancesSet": {}, "filterSet": {"items": [
                          {"name": "tag:Role", "valueSet": {"items": [{"value": tier}]}},
                          {"name": "instance-state-name", "valueSet": {"items": [{"value": "running"}]}}]}},
                      None, "noise", read_only=True)
            sha = r.hexs(7)
            if r.random() < 0.5:
                req = {"instanceIds": [i.id for i in inst], "documentName": "AWS-RunShellScript"}
                count = len(inst)
            else:
                req = {"targets": [{"key": "tag:Role", "values": [tier]}, {"key": "tag:Environment", "values": [env]}],
                       "documentName": "AWS-RunShellScript"}
                count = 0
            req.update({"comment": "deploy %s@%s run %d" % (tier, sha, self.run_id),
                        "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS", "timeoutSeconds": 900,
                        "maxConcurrency": r.choice(["25%", "50%", "1"]), "maxErrors": "0",
                        "cloudWatchOutputConfig": {"cloudWatchLogGroupName": "/ci/deploy",
                                                   "cloudWatchOutputEnabled": True}, "interactive": False})
            err = None
            if r.random() < 0.01:
                err = ("ThrottlingException", "Rate exceeded")
            self.emit(t, env, self.primary, self.ci_identity(env, t, session, ip, sub), "ssm.amazonaws.com",
                      "SendCommand", ip, ua("ssm.send-command"), req,
                      None if err else self.command_resp(t, req, self.primary, target_count=count), "ci_sendcommand",
                      err=err)
            self.ci_jobs.append((t, env, session, ip))
            for k in range(r.randint(3, 10)):
                t += r.randint(5, 30)
                name = "GetCommandInvocation" if k % 2 and req.get("instanceIds") else "ListCommandInvocations"
                preq = {"commandId": r.uuid(), "instanceId": inst[k % len(inst)].id} if name == "GetCommandInvocation" \
                    else {"commandId": r.uuid(), "details": False}
                self.emit(t, env, self.primary, self.ci_identity(env, t, session, ip, sub), "ssm.amazonaws.com", name,
                          ip, ua("ssm." + ("get-command-invocation" if name == "GetCommandInvocation"
                                           else "list-command-invocations")), preq, None, "noise", read_only=True)
            t += r.randint(10, 120)

    def tf_plan(self, d, env, t):
        r = self.r
        ip = r.ip_from(RUNNER_BLOCKS)
        session = "GitHubActions-%d" % (self.run_id + r.randint(1, 150))
        acct = self.accts[env]
        webid = {"federatedProvider": "arn:aws:iam::%s:oidc-provider/token.actions.githubusercontent.com" % acct,
                 "attributes": {}}
        ua = TF_UA % (r.randint(4, 8), 1 + d // 14 % 9, 30 + d // 7, 3, 1)
        self.emit(t - 5, env, self.primary, self.assumed(acct, "ci-terraform", session, t, webid=webid),
                  "sts.amazonaws.com", "GetCallerIdentity", ip, ua.replace("api/ec2#1.19", "api/sts#1.3"), None, None,
                  "noise", read_only=True)
        for _ in range(r.randint(8, 25)):
            name = r.choice(["DescribeInstances", "DescribeSecurityGroups", "DescribeVpcs", "DescribeSubnets",
                             "DescribeLaunchTemplateVersions", "DescribeInstanceAttribute", "DescribeVolumes"])
            t += r.randint(0, 3)
            self.emit(t, env, self.primary, self.assumed(acct, "ci-terraform", session, t, webid=webid),
                      "ec2.amazonaws.com", name, ip, ua, {"filterSet": {}, "maxResults": 1000} if r.random() < 0.5
                      else None, None, "noise", read_only=True)

    # -- patching, automation, monitoring ------------------------------------------------------------

    def gen_patching(self):
        r = self.r
        minute = {env: r.randrange(0, 50) for env in self.accts}
        for d in range(self.days):
            for env in self.accts:
                for region in self.regions:
                    t = self.local(d, 2 + minute[env] / 60.0, self.hq_tz)
                    fleet = [i for i in self.alive_env(env, region, t) if i.os != "windows"]
                    wins = [i for i in self.alive_env(env, region, t) if i.os == "windows"]
                    if not fleet and not wins:
                        continue
                    install = self.weekday(d) == 6
                    if install and env == "prod":
                        kind = "mw"
                    else:
                        kind = "sm"
                    doc = "AWS-RunPatchBaseline" if kind == "mw" else "AWS-RunPatchBaselineAssociation"
                    assoc, exe = r.uuid(), r.uuid()
                    for group in (fleet, wins):
                        for k in range(0, len(group), 50):
                            batch = group[k:k + 50]
                            tt = t + k // 50 * r.randint(1, 5) + r.randint(0, 20)
                            self.patch_command(env, region, tt, batch, doc, kind, assoc, exe)

    def patch_command(self, env, region, t, batch, doc, kind, assoc, exe):
        r = self.r
        acct = self.accts[env]
        if kind == "mw":
            ui = self.assumed(acct, "ssm-maintenance-window-role", "MaintenanceWindow-%s" % exe[:8],
                              t, invoked_by="ssm.amazonaws.com")
        elif env == "dev":
            ui = {"type": "AWSService", "invokedBy": "ssm.amazonaws.com"}
        else:
            ui = self.assumed(acct, "AWSServiceRoleForAmazonSSM", "StateManagerService", t,
                              path="aws-service-role/ssm.amazonaws.com/", invoked_by="ssm.amazonaws.com")
        req = {"instanceIds": [i.id for i in batch], "documentName": doc,
               "comment": "%s:%s" % (assoc, exe), "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS",
               "documentVersion": "1", "timeoutSeconds": 600, "maxConcurrency": "10%" if kind == "mw" else "100%",
               "maxErrors": "10%" if kind == "mw" else "100%", "clientName": "", "interactive": False}
        if kind == "mw":
            req["outputS3BucketName"] = "%s-ssm-output-%s" % (self.org, env)
        self.emit(t, env, region, ui, "ssm.amazonaws.com", "SendCommand", "ssm.amazonaws.com", "ssm.amazonaws.com",
                  req, self.command_resp(t, req, region, client_name="MaintenanceWindow" if kind == "mw" else
                                         "StateManager"), "patch_sendcommand")

    def gen_automation(self):
        r = self.r
        acct_env = "prod"
        for d in range(self.days):
            for _ in range(r.poisson(0.5)):
                t = self.T0 + d * DAY + r.randrange(DAY)
                cand = self.alive_env(acct_env, self.primary, t, ["worker", "web", "api", "batch"])
                if not cand:
                    continue
                inst = r.choice(cand)
                acct = self.accts[acct_env]
                doc = r.choices(["AWS-RestartEC2Instance", "AWS-RestartEC2Instance", "AWS-StopEC2Instance",
                                 "AWSSupport-ExecuteEC2Rescue"], [6, 2, 1, 1])[0]
                if self.heal_style == "eventbridge":
                    rn = "Amazon_EventBridge_Invoke_Start_Automation_Execution_%d" % (stable(acct) % 10 ** 9)
                    ui = self.assumed(acct, rn, r.hexs(32), t, path="service-role/", invoked_by="events.amazonaws.com")
                    ip = ua = "events.amazonaws.com"
                else:
                    ui = self.assumed(acct, "self-heal-lambda-role", "self-heal-unhealthy-host", t, rotate=4 * HOUR)
                    ip = r.choice(self.nat[(acct_env, self.primary)])
                    ua = boto_ua("1.35.36", "3.12.7", "5.10.227-239.884.amzn2.x86_64", "AWS_Lambda_python3.12")
                req = {"documentName": doc, "documentVersion": "$DEFAULT", "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS"}
                exe_id = r.uuid()
                self.emit(t, acct_env, self.primary, ui, "ssm.amazonaws.com", "StartAutomationExecution", ip, ua, req,
                          {"automationExecutionId": exe_id}, "automation")
                # the automation's own steps (noise)
                aui = self.assumed(acct, "AutomationServiceRole", exe_id, t, invoked_by="ssm.amazonaws.com")
                for k, name in enumerate(["StopInstances", "DescribeInstances", "StartInstances", "DescribeInstanceStatus"]):
                    self.emit(t + 5 + k * r.randint(20, 90), acct_env, self.primary, aui, "ec2.amazonaws.com", name,
                              "ssm.amazonaws.com", "ssm.amazonaws.com",
                              {"instancesSet": {"items": [{"instanceId": inst.id}]}}, None, "noise",
                              read_only=name.startswith("Describe"))

    def gen_monitoring(self):
        r = self.r
        for env, lam in (("prod", 4.0), ("staging", 1.0)):
            if env not in self.accts:
                continue
            acct = self.accts[env]
            ip_pool = self.nat[(env, self.primary)]
            for d in range(self.days):
                for _ in range(r.poisson(lam)):
                    t = self.T0 + d * DAY + r.randrange(DAY)
                    cand = self.alive_env(env, self.primary, t, ["web", "api", "worker", "kafka", "pgbouncer"])
                    if not cand:
                        continue
                    insts = r.sample(cand, min(len(cand), r.choice([1, 1, 2, 3])))
                    alarm = r.choice(["HighCPU", "DiskSpaceLow", "MemoryPressure", "5xxRate", "ConsumerLag",
                                      "StatusCheckFailed"])
                    ui = self.assumed(acct, "%s-role" % self.mon_fn, self.mon_fn, t, rotate=5 * HOUR)
                    ua = boto_ua("1.35.36", "3.12.7", "5.10.227-239.884.amzn2.x86_64", "AWS_Lambda_python3.12")
                    req = {"instanceIds": [i.id for i in insts], "documentName": r.choice(
                        ["AWS-RunShellScript", "AWS-RunShellScript", "Ops-CollectDiagnostics"]),
                        "comment": "%s: %s-%s-%s" % (self.mon_fn, env, insts[0].tier, alarm),
                        "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS", "timeoutSeconds": 300,
                        "outputS3BucketName": "%s-diagnostics-%s" % (self.org, env), "interactive": False}
                    ip = r.choice(ip_pool)
                    self.emit(t, env, self.primary, ui, "ssm.amazonaws.com", "SendCommand", ip, ua, req,
                              self.command_resp(t, req, self.primary), "monitoring_sendcommand")
                    self.emit(t + r.randint(20, 90), env, self.primary, ui, "ssm.amazonaws.com",
                              "GetCommandInvocation", ip, ua, {"commandId": r.uuid(), "instanceId": insts[0].id},
                              None, "noise", read_only=True)

    # -- background noise ---------------------------------------------------------------------------

    def gen_noise(self):
        r = self.r
        self.agent_ua = {}
        s3_reader_days = [d for d in range(self.days)]
        for d in range(self.days):
            wd = self.workday(d)
            for h in range(24):
                t0 = self.T0 + d * DAY + h * HOUR
                lh = (h + self.hq_tz) % 24
                diurnal = (0.35 + 0.65 * math.exp(-((lh - 13.5) / 4.5) ** 2)) * (1.0 if wd else 0.55)
                for env in self.accts:
                    for region in self.regions:
                        fleet = self.alive_env(env, region, t0 + 1800)
                        if not fleet and region != self.primary:
                            continue
                        self.noise_hour(env, region, t0, fleet, diurnal)
        # the S3-only IAM user (reporting export) -- daily batch, data events
        if "prod" in self.accts:
            for d in s3_reader_days:
                if r.random() < 0.93:
                    self.s3_reader_batch(d)

    def noise_hour(self, env, region, t0, fleet, diurnal):
        r = self.r
        acct = self.accts[env]
        scale = {"prod": 1.0, "staging": 0.45, "dev": 0.35, "shared-services": 0.3}[env]
        if region != self.primary:
            scale *= 0.5
        # SSM agent chatter (around the clock)
        n_agent = r.poisson(len(fleet) * 0.11)
        for _ in range(n_agent):
            self.agent_call(r.choice(fleet), t0 + r.randrange(HOUR))
        # workloads (diurnal)
        n_app = r.poisson(16 * scale * diurnal)
        for _ in range(n_app):
            self.app_call(env, region, t0 + r.randrange(HOUR), fleet)
        # Config + Datadog polling (constant)
        for _ in range(r.poisson(3 * scale)):
            self.poll_call(env, region, t0 + r.randrange(HOUR), fleet)

    def agent_call(self, inst, t):
        r = self.r
        ua = self.agent_ua.get(inst.id)
        if ua is None:
            tmpl = SSM_AGENT_UA_WIN if inst.os == "windows" else SSM_AGENT_UA
            ua = tmpl % (r.randint(5, 9), r.randint(6, 10), r.choice([1142, 1142, 1338, 1532]))
            self.agent_ua[inst.id] = ua
        ip, vpce = self.inst_source(inst)
        ui = self.inst_identity(inst, t)
        x = r.random()
        if x < 0.62:
            win = inst.os == "windows"
            req = {"instanceId": inst.id, "agentVersion": ua.rsplit("/", 1)[1], "agentStatus": "Active",
                   "platformType": "Windows" if win else "Linux",
                   "platformName": {"windows": "Microsoft Windows Server 2022 Datacenter", "ubuntu": "Ubuntu",
                                    "al2": "Amazon Linux"}.get(inst.os, "Amazon Linux"),
                   "platformVersion": {"windows": "10.0.20348", "ubuntu": "24.04", "al2": "2"}.get(inst.os, "2023"),
                   "iPAddress": inst.ip, "computerName": ("EC2AMAZ-" + inst.id[-7:].upper()) if win else
                   "ip-%s.%s.compute.internal" % (inst.ip.replace(".", "-"), inst.region),
                   "agentName": "amazon-ssm-agent", "availabilityZone": inst.az,
                   "availabilityZoneId": inst.region[:2] + inst.region.split("-")[1][0] + inst.region[-1] + "-az" +
                   str("abc".index(inst.az[-1]) + 1), "sSMConnectionChannel": "ssmmessages"}
            self.emit(t, inst.env, inst.region, ui, "ssm.amazonaws.com", "UpdateInstanceInformation", ip, ua, req, None,
                      "noise", vpce=vpce)
        elif x < 0.80:
            self.emit(t, inst.env, inst.region, ui, "ssm.amazonaws.com", "ListInstanceAssociations", ip, ua,
                      {"instanceId": inst.id, "maxResults": 50}, None, "noise", read_only=True, vpce=vpce)
        elif x < 0.88:
            self.emit(t, inst.env, inst.region, ui, "ssm.amazonaws.com", "PutInventory", ip, ua,
                      {"instanceId": inst.id, "items": [{"typeName": "AWS:InstanceInformation", "schemaVersion": "1.0",
                                                         "captureTime": iso(t), "contentHash": r.pick(ALNUM, 43) + "="}]},
                      None, "noise", vpce=vpce)
        elif x < 0.94:
            self.emit(t, inst.env, inst.region, ui, "ssm.amazonaws.com", "UpdateInstanceAssociationStatus", ip, ua,
                      {"associationId": r.uuid(), "instanceId": inst.id, "executionResult": {
                          "status": "Success", "executionDate": human_time(t), "outputUrl": {}}}, None, "noise",
                      vpce=vpce)
        else:
            self.emit(t, inst.env, inst.region, ui, "ssm.amazonaws.com", "OpenControlChannel", ip, "Go-http-client/1.1",
                      {"targetId": inst.id, "messageSchemaVersion": "1.0", "requestId": r.uuid(),
                       "tokenValue": "Value hidden due to security reasons.", "agentVersion": ua.rsplit("/", 1)[1],
                       "platformType": "windows" if inst.os == "windows" else "linux", "requireAcknowledgement": False},
                      None, "noise", category="Data", vpce=vpce, host="ssmmessages.%s.amazonaws.com" % inst.region,
                      resources=[{"accountId": inst.acct, "type": "AWS::SSMMessages::ControlChannel",
                                  "ARN": "arn:aws:ssmmessages:%s:%s:control-channel/%s" % (inst.region, inst.acct,
                                                                                          inst.id)}])

    def app_call(self, env, region, t, fleet):
        r = self.r
        acct = self.accts[env]
        x = r.random()
        app = [i for i in fleet[:40] if i.tier in ("web", "api", "worker", "batch", "kafka", "artifacts", "build",
                                                   "sandbox", "devbox", "monitoring")] or fleet
        if x < 0.22:  # KMS by AWS services
            svc = r.choice(["s3.amazonaws.com", "secretsmanager.amazonaws.com", "ebs.amazonaws.com",
                            "ssm.amazonaws.com", "dynamodb.amazonaws.com"])
            key = "arn:aws:kms:%s:%s:key/%s" % (region, acct, r.uuid())
            name = r.choice(["Decrypt", "Decrypt", "GenerateDataKey"])
            self.emit(t, env, region, {"type": "AWSService", "invokedBy": svc}, "kms.amazonaws.com", name, svc, svc,
                      {"encryptionAlgorithm": "SYMMETRIC_DEFAULT"} if name == "Decrypt" else
                      {"keyId": key, "keySpec": "AES_256"}, None, "noise", read_only=True, shared=True,
                      resources=[{"accountId": acct, "type": "AWS::KMS::Key", "ARN": key}])
        elif x < 0.42 and app:  # Parameter Store / Secrets from instances
            inst = r.choice(app)
            ip, vpce = self.inst_source(inst)
            ua = boto_ua("1.35.%d" % (stable(inst.tier) % 60 + 10), "3.11.9", "6.1.%d-amzn2023.x86_64" % (100 + stable(inst.id) % 20))
            if r.random() < 0.7:
                name = r.choice(["GetParameter", "GetParameters", "GetParametersByPath"])
                base = "/%s/%s/%s" % (self.org, env, inst.tier)
                req = {"name": base + "/" + r.choice(["db_host", "db_password", "api_key", "feature_flags"]),
                       "withDecryption": True} if name == "GetParameter" else \
                    ({"names": [base + "/db_host", base + "/db_user", base + "/db_password"], "withDecryption": True}
                     if name == "GetParameters" else {"path": base + "/", "recursive": True, "withDecryption": True})
                self.emit(t, env, inst.region, self.inst_identity(inst, t), "ssm.amazonaws.com", name, ip, ua, req, None,
                          "noise", read_only=True, vpce=vpce)
            else:
                self.emit(t, env, inst.region, self.inst_identity(inst, t), "secretsmanager.amazonaws.com",
                          "GetSecretValue", ip, ua, {"secretId": "%s/%s/%s" % (env, inst.tier, r.choice(
                              ["db", "stripe", "sendgrid", "jwt"]))}, None, "noise", read_only=True, vpce=vpce)
        elif x < 0.64 and app:  # S3 data events from workloads
            inst = r.choice(app)
            ip, vpce = self.inst_source(inst)
            b = r.choice(self.buckets)
            name = r.choice(["GetObject", "GetObject", "PutObject", "HeadObject"])
            key = "%s/%s/%s.%s" % (r.choice(["uploads", "exports", "events", "thumbs"]), iso(t)[:10], r.hexs(20),
                                   r.choice(["json", "parquet", "png", "csv.gz"]))
            host = "%s.s3.%s.amazonaws.com" % (b, region)
            self.emit(t, env, region, self.inst_identity(inst, t), "s3.amazonaws.com", name, ip,
                      "aws-sdk-java/2.25.%d Linux/6.1 OpenJDK_64-Bit_Server_VM/21.0.4+7-LTS Java/21.0.4 vendor/Amazon.com_Inc. "
                      "md/internal io/sync http/Apache cfg/retry-mode/legacy" % (stable(inst.tier) % 60),
                      {"bucketName": b, "Host": host, "key": key}, None, "noise", read_only=name != "PutObject",
                      category="Data", vpce=vpce, host=host,
                      extra={"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256",
                             "bytesTransferredIn": r.randrange(0, 90000) if name == "PutObject" else 0,
                             "AuthenticationMethod": "AuthHeader", "x-amz-id-2": r.pick(ALNUM, 76) + "=",
                             "bytesTransferredOut": r.randrange(100, 400000) if name == "GetObject" else 0},
                      resources=[{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::%s/%s" % (b, key)},
                                 {"accountId": acct, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::" + b}])
        elif x < 0.78:  # services assuming workload roles
            svc = r.choice(["lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "ec2.amazonaws.com",
                            "events.amazonaws.com"])
            role = r.choice(["orders-api-lambda", "thumbnailer-lambda", "etl-loader", "%s-web-ec2" % env, "slack-notifier"])
            sess = r.hexs(32) if svc != "ec2.amazonaws.com" else (r.choice(fleet).id if fleet else r.hexs(32))
            role_arn = "arn:aws:iam::%s:role/%s" % (acct, role)
            self.emit(t, env, region, {"type": "AWSService", "invokedBy": svc}, "sts.amazonaws.com", "AssumeRole", svc,
                      svc, {"roleArn": role_arn, "roleSessionName": sess},
                      {"credentials": {"accessKeyId": "ASIA" + r.pick(UPPER, 16), "sessionToken": r.pick(ALNUM, 80),
                                       "expiration": human_time(t + 6 * HOUR)},
                       "assumedRoleUser": {"assumedRoleId": "AROA" + r.pick(UPPER, 17) + ":" + sess,
                                           "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (acct, role, sess)}},
                      "noise", read_only=True, shared=True,
                      resources=[{"accountId": acct, "type": "AWS::IAM::Role", "ARN": role_arn}])
        elif x < 0.86 and app:  # logs / ecr
            inst = r.choice(app)
            ip, vpce = self.inst_source(inst)
            if r.random() < 0.5:
                self.emit(t, env, inst.region, self.inst_identity(inst, t), "logs.amazonaws.com", "CreateLogStream", ip,
                          "aws-sdk-go/1.54.%d (go1.22.5; linux; amd64) cwagent" % (stable(inst.id) % 20),
                          {"logGroupName": "/%s/%s/app" % (env, inst.tier), "logStreamName": inst.id + "-" + iso(t)[:10]},
                          None, "noise", vpce=vpce)
            else:
                self.emit(t, env, inst.region, self.inst_identity(inst, t), "ecr.amazonaws.com", "GetAuthorizationToken",
                          ip, "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/ecr#1.32.0 "
                          "ecr-credential-helper", {"registryIds": [acct]}, None, "noise", read_only=True, vpce=vpce)
        else:  # Lambda functions reading config (not in a VPC: changing AWS addresses)
            fn = r.choice(["orders-api", "thumbnailer", "etl-loader", "slack-notifier", "cost-reporter"])
            ui = self.assumed(acct, fn + "-lambda", fn, t, path="service-role/", rotate=3 * HOUR)
            ua = GO_SDK_UA % (10 + stable(fn) % 20, 4, "ssm", 55) if stable(fn) % 2 else \
                boto_ua("1.35.36", "3.12.7", "5.10.227-239.884.amzn2.x86_64", "AWS_Lambda_python3.12")
            self.emit(t, env, region, ui, "ssm.amazonaws.com", "GetParameter", r.ip_from(AWS_BLOCKS[region]), ua,
                      {"name": "/%s/%s/%s/config" % (self.org, env, fn), "withDecryption": True}, None, "noise",
                      read_only=True)

    def poll_call(self, env, region, t, fleet):
        r = self.r
        acct = self.accts[env]
        if r.random() < 0.5:
            ui = self.assumed(acct, "AWSServiceRoleForConfig", "AWSConfig-Describe", t,
                              path="aws-service-role/config.amazonaws.com/", invoked_by="config.amazonaws.com")
            name = r.choice(["DescribeInstances", "DescribeSecurityGroups", "DescribeVolumes", "DescribeNetworkInterfaces",
                             "DescribeSubnets", "DescribeVpcs"])
            req = {"instancesSet": {"items": [{"instanceId": i.id} for i in r.sample(fleet, min(3, len(fleet)))]},
                   "filterSet": {}} if name == "DescribeInstances" and fleet else {"filterSet": {}}
            self.emit(t, env, region, ui, "ec2.amazonaws.com", name, "config.amazonaws.com", "config.amazonaws.com", req,
                      None, "noise", read_only=True)
        else:
            ui = self.assumed(acct, "DatadogIntegrationRole", r.choice(["DatadogAWSIntegration", "DatadogAWSIntegration",
                                                                         "datadog-metrics-collect"]), t, rotate=HOUR)
            name = r.choice(["DescribeInstances", "DescribeInstanceStatus", "DescribeVolumes", "DescribeTags"])
            self.emit(t, env, region, ui, "ec2.amazonaws.com", name, r.ip_from(AWS_BLOCKS["us-east-1"]),
                      DD_UA % (r.randint(10, 12), 6), {"instancesSet": {}, "filterSet": {}, "maxResults": 1000}
                      if name != "DescribeTags" else {"filterSet": {"items": [{"name": "resource-type", "valueSet": {
                          "items": [{"value": "instance"}]}}]}}, None, "noise", read_only=True)

    def s3_reader_batch(self, d):
        r = self.r
        acct = self.accts["prod"]
        ui = self.svc_reader_ui()
        t = self.local(d, r.uniform(3, 5), self.hq_tz)
        b = self.buckets[0]
        host = "%s.s3.%s.amazonaws.com" % (b, self.primary)
        for k in range(r.randint(6, 30)):
            t += r.randint(1, 40)
            name = "ListObjects" if k == 0 or r.random() < 0.15 else "GetObject"
            prefix = "daily/%s/" % iso(t - DAY)[:10]
            req = {"bucketName": b, "Host": host, "list-type": "2", "prefix": prefix} if name == "ListObjects" else \
                {"bucketName": b, "Host": host, "key": prefix + "part-%05d.csv.gz" % k}
            self.emit(t, "prod", self.primary, ui, "s3.amazonaws.com", name, self.svc_reader_ip, self.svc_reader_ua, req,
                      None, "noise", read_only=True, category="Data", host=host,
                      extra={"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256",
                             "bytesTransferredIn": 0, "AuthenticationMethod": "AuthHeader",
                             "x-amz-id-2": r.pick(ALNUM, 76) + "=", "bytesTransferredOut": r.randrange(1000, 900000)},
                      resources=[{"accountId": acct, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::" + b}])

    def svc_reader_ui(self):
        acct = self.accts["prod"]
        return {"type": "IAMUser", "principalId": self.svc_reader_pid,
                "arn": "arn:aws:iam::%s:user/%s" % (acct, self.svc_reader), "accountId": acct,
                "accessKeyId": self.svc_reader_akid, "userName": self.svc_reader}

    def gen_fleet_events(self):
        """RunInstances / TerminateInstances by EC2 Auto Scaling for instances launched/ended in the period."""
        r = self.r
        for inst in self.instances:
            auto = TIERS.get(inst.env, {}).get(inst.tier, (0, 0, False))[2]
            acct = inst.acct
            if auto:
                ui = self.assumed(acct, "AWSServiceRoleForAutoScaling", "AutoScaling", inst.start,
                                  path="aws-service-role/autoscaling.amazonaws.com/", invoked_by="autoscaling.amazonaws.com")
                ip = ua = "autoscaling.amazonaws.com"
            else:
                ui = self.assumed(acct, "ci-terraform", "GitHubActions-%d" % r.randrange(10 ** 10, 10 ** 11),
                                  inst.start, webid={"federatedProvider": "arn:aws:iam::%s:oidc-provider/token.actions."
                                                     "githubusercontent.com" % acct, "attributes": {}})
                ip = r.ip_from(RUNNER_BLOCKS)
                ua = TF_UA % (5, 3, 31, 3, 1)
            if self.T0 <= inst.start < self.T_END:
                self.emit(inst.start, inst.env, inst.region, ui, "ec2.amazonaws.com", "RunInstances", ip, ua,
                          {"instancesSet": {"items": [{"minCount": 1, "maxCount": 1}]},
                           "launchTemplate": {"launchTemplateId": "lt-0" + r.hexs(16), "version": "$Latest"},
                           "tagSpecificationSet": {"items": [{"resourceType": "instance", "tags": [
                               {"key": "Role", "value": inst.tier}, {"key": "Environment", "value": inst.env}]}]}},
                          {"requestId": r.uuid(), "instancesSet": {"items": [
                              {"instanceId": inst.id, "privateIpAddress": inst.ip, "placement": {
                                  "availabilityZone": inst.az}, "instanceState": {"code": 0, "name": "pending"}}]}},
                          "noise")
            if inst.end is not None and self.T0 <= inst.end < self.T_END:
                self.emit(inst.end, inst.env, inst.region, ui, "ec2.amazonaws.com", "TerminateInstances", ip, ua,
                          {"instancesSet": {"items": [{"instanceId": inst.id}]}},
                          {"requestId": r.uuid(), "instancesSet": {"items": [
                              {"instanceId": inst.id, "currentState": {"code": 32, "name": "shutting-down"},
                               "previousState": {"code": 16, "name": "running"}}]}}, "noise")

    # -- intrusions ----------------------------------------------------------------------------------

    def label(self, rec, name, desc, kind="access"):
        self.labels.append({"eventID": rec["eventID"], "intrusion": name, "day": None, "description": desc,
                            "kind": kind, "eventName": rec["eventName"], "eventTime": rec["eventTime"],
                            "recipientAccountId": rec["recipientAccountId"]})

    def gen_intrusions(self):
        r = self.r
        # after day 22 when the period allows it (several intrusions may share a day); else the last quarter
        first = 23 if self.days >= 24 else max(0, self.days - max(1, self.days // 4))
        days = list(range(first, self.days))
        if not days:
            return
        chosen = r.sample(days, 6) if len(days) >= 6 else [days[k % len(days)] for k in range(6)]
        wk = [d for d in days if self.workday(d)]
        # CI replay needs a working day with CI jobs in prod
        ci_day = r.choice(wk) if wk else chosen[2]
        if ci_day in chosen and chosen.index(ci_day) != 2:
            chosen[chosen.index(ci_day)] = chosen[2]
        chosen[2] = ci_day
        victims = [p for p in self.admins[:15] if self.targets_by.get(p.email)]
        v1 = r.choice(victims)
        self.intr_stolen_sso(chosen[0], v1)
        self.intr_leaked_key(chosen[1])
        self.intr_ci_replay(chosen[2])
        self.intr_instance_pivot(chosen[3])
        self.intr_new_identity_rdp(chosen[4])
        d6 = chosen[5]
        if not self.workday(d6):
            spare = [d for d in wk if d not in chosen]
            d6 = r.choice(spare) if spare else d6
        self.intr_new_account(d6, [p for p in victims if p is not v1])

    def vps_ip(self):
        prov = self.r.choice(list(HOSTING_BLOCKS))
        return prov, self.r.ip_from(HOSTING_BLOCKS[prov])

    def intr_stolen_sso(self, d, p):
        r = self.r
        name = "stolen-sso-session"
        env = "prod"
        h = r.uniform(1.0, 4.5)
        t = self.T0 + d * DAY + ((h - p.tz) % 24) * HOUR
        prov, ip = self.vps_ip()
        ua = cli_ua("linux", "2.%d.%d" % (r.randint(15, 27), r.randint(0, 30)), "0.2%d.%d" % (r.randint(0, 5), r.randint(0, 9)),
                    "3.11.%d" % r.randint(2, 9), "5.15.0-%d-generic" % r.randint(80, 120), "ssm.start-session", "ubuntu.22")
        # the victim's most recent CLI credentials for prod (copied from their machine)
        sess = [s for s in self.person_sessions.get(p.email, []) if s[1] == env and s[0] < t]
        if sess:
            akid, creation = self.creds[sess[-1][2]]
        else:
            akid, creation = "ASIA" + r.pick(UPPER, 16), t - r.randint(3, 9) * HOUR
        issuer = self.sso_role(p, env)
        acct = self.accts[env]
        ui = {"type": "AssumedRole", "principalId": "%s:%s" % (issuer["principalId"], p.email),
              "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (acct, issuer["userName"], p.email), "accountId": acct,
              "accessKeyId": akid, "sessionContext": {"sessionIssuer": issuer, "webIdFederationData": {},
                                                      "attributes": {"creationDate": iso(creation),
                                                                     "mfaAuthenticated": "false"}}}
        touched = self.targets_by.get(p.email, set())
        cand = [i for i in self.alive_env(env, self.primary, t) if i.id not in touched and i.os != "windows"]
        targets = r.sample(cand, min(len(cand), r.randint(6, 12)))
        desc = ("%s's Identity Center session (%s) replayed from %s (%s) at %02d:%02d local time, fanning out to %d "
                "prod instances the person never used" % (p.email, akid, ip, prov, int(h), int(h % 1 * 60), len(targets)))
        rec = self.emit(t - 200, env, self.primary, ui, "sts.amazonaws.com", "GetCallerIdentity", ip,
                        ua.replace("ssm.start-session", "sts.get-caller-identity"), None, None, "intrusion",
                        read_only=True)
        self.label(rec, name, desc, "context")
        rec = self.emit(t - 150, env, self.primary, ui, "ec2.amazonaws.com", "DescribeInstances", ip,
                        ua.replace("ssm.start-session", "ec2.describe-instances"),
                        {"instancesSet": {}, "filterSet": {}}, None, "intrusion", read_only=True)
        self.label(rec, name, desc, "context")
        for inst in targets:
            t += r.randint(40, 240)
            sid = self.session_id(p.email)
            rec = self.emit(t, env, inst.region, ui, "ssm.amazonaws.com", "StartSession", ip, ua, {"target": inst.id},
                            self.session_resp(sid, inst.region), "intrusion")
            self.label(rec, name, desc)
            self.agent_data_channel(inst, t + 2, sid)
            if r.random() < 0.5:
                rec = self.emit(t + r.randint(20, 200), env, inst.region, ui, "ssm.amazonaws.com", "TerminateSession",
                                ip, ua.replace("start-session", "terminate-session"), {"sessionId": sid},
                                {"sessionId": sid}, "intrusion")
                self.label(rec, name, desc, "context")

    def intr_leaked_key(self, d):
        r = self.r
        name = "leaked-iam-user-key"
        env = "prod"
        t = self.T0 + d * DAY + r.randrange(DAY)
        country = r.choice(list(RESIDENTIAL))
        ip = r.ip_from(RESIDENTIAL[country]) if r.random() < 0.5 else self.vps_ip()[1]
        ui = self.svc_reader_ui()
        ua = boto_ua("1.34.%d" % r.randint(10, 99), "3.12.%d" % r.randint(1, 7), "6.6.%d-amd64" % r.randint(9, 15))
        desc = ("long-term access key %s of %s (normally S3 reads only, from %s) used from %s for remote access" % (
            self.svc_reader_akid, self.svc_reader, self.svc_reader_ip, ip))
        for nm, req in (("GetCallerIdentity", None), ("DescribeInstances", {"instancesSet": {}, "filterSet": {}})):
            rec = self.emit(t, env, self.primary, ui, "sts.amazonaws.com" if nm == "GetCallerIdentity" else
                            "ec2.amazonaws.com", nm, ip, ua, req, None, "intrusion", read_only=True)
            self.label(rec, name, desc, "context")
            t += r.randint(10, 120)
        cand = [i for i in self.alive_env(env, self.primary, t) if i.os != "windows"]
        victims = r.sample(cand, min(len(cand), r.randint(1, 3)))
        for k, inst in enumerate(victims):
            t += r.randint(30, 400)
            if k == 0 or r.random() < 0.5:
                req = {"availabilityZone": inst.az, "instanceId": inst.id, "instanceOSUser": inst.osuser(),
                       "sSHPublicKey": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ%s root@localhost\n" % r.pick(ALNUM, 80)}
                rec = self.emit(t, env, inst.region, ui, "ec2-instance-connect.amazonaws.com", "SendSSHPublicKey", ip,
                                ua, req, {"requestId": r.uuid(), "success": True}, "intrusion")
            else:
                req = {"instanceIds": [inst.id], "documentName": "AWS-RunShellScript",
                       "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS", "interactive": False}
                rec = self.emit(t, env, inst.region, ui, "ssm.amazonaws.com", "SendCommand", ip, ua, req,
                                self.command_resp(t, req, inst.region), "intrusion")
            self.label(rec, name, desc)

    def intr_ci_replay(self, d):
        r = self.r
        name = "ci-credentials-replayed"
        jobs = [j for j in self.ci_jobs if j[1] == "prod" and int((j[0] - self.T0) // DAY) == d] or \
               [j for j in self.ci_jobs if int((j[0] - self.T0) // DAY) == d] or self.ci_jobs[-5:]
        t_job, env, session, runner_ip = r.choice(jobs)
        t = t_job + r.randint(8, 45) * 60
        if r.random() < 0.5:
            country = r.choice(list(RESIDENTIAL))
            ip, where = r.ip_from(RESIDENTIAL[country]), "a residential %s address" % country
        else:
            prov, ip = self.vps_ip()
            where = "%s hosting" % prov
        if r.random() < 0.5:
            ua = cli_ua("windows", "2.%d.%d" % (r.randint(13, 22), r.randint(0, 30)), "0.2%d.%d" % (r.randint(0, 5), 1),
                        "3.11.%d" % r.randint(6, 9), "10", "ssm.send-command")
        else:
            ua = "python-requests/2.%d.%d" % (r.randint(28, 32), r.randint(0, 3))
        acct = self.accts[env]
        ui = self.assumed(acct, "ci-deploy", session, t, key=("ci", session),
                          webid={"federatedProvider": "arn:aws:iam::%s:oidc-provider/token.actions."
                                                      "githubusercontent.com" % acct, "attributes": {}})
        ui["sessionContext"]["attributes"]["creationDate"] = iso(self.creds[("ci", session)][1])
        desc = ("CI deploy session %s (%s, issued to a GitHub runner at %s) replayed from %s with %s" % (
            session, ui["accessKeyId"], runner_ip, where, ua.split(" ")[0]))
        cand = self.alive_env(env, self.primary, t, ["api", "worker", "pgbouncer", "kafka", "web"])
        for k in range(r.randint(1, 3)):
            t += r.randint(20, 300)
            insts = r.sample(cand, min(len(cand), r.randint(1, 2)))
            req = {"instanceIds": [i.id for i in insts], "documentName": "AWS-RunShellScript",
                   "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS", "interactive": False}
            if k == 0 and r.random() < 0.5:
                req["timeoutSeconds"] = 30
            rec = self.emit(t, env, self.primary, ui, "ssm.amazonaws.com", "SendCommand", ip, ua, req,
                            self.command_resp(t, req, self.primary), "intrusion")
            self.label(rec, name, desc)

    def intr_instance_pivot(self, d):
        r = self.r
        name = "instance-role-pivot"
        env = "prod"
        t = self.T0 + d * DAY + r.randrange(DAY)
        src = r.choice(self.alive(env, self.primary, "web", t) or self.alive_env(env, self.primary, t))
        ip, vpce = self.inst_source(src)
        ui = self.inst_identity(src, t)
        ua = cli_ua("linux", "2.%d.%d" % (r.randint(15, 22), r.randint(0, 30)), "0.19.19", "3.11.8",
                    "6.1.%d-%d.%d.amzn2023.x86_64" % (r.randint(90, 130), r.randint(90, 200), r.randint(100, 300)),
                    "ssm.start-session", "amzn.2023")
        desc = "credentials of %s's instance role (%s) open Session Manager sessions to other instances" % (
            src.id, src.role)
        rec = self.emit(t - 90, env, self.primary, ui, "ec2.amazonaws.com", "DescribeInstances", ip,
                        ua.replace("ssm.start-session", "ec2.describe-instances"), {"instancesSet": {}, "filterSet": {}},
                        None, "intrusion", read_only=True, vpce=vpce)
        self.label(rec, name, desc, "context")
        cand = [i for i in self.alive_env(env, self.primary, t, ["api", "pgbouncer", "kafka", "bastion", "worker"])
                if i.os != "windows"]
        for inst in r.sample(cand, min(len(cand), r.randint(2, 4))):
            t += r.randint(30, 300)
            sid = self.session_id(src.id)
            rec = self.emit(t, env, self.primary, ui, "ssm.amazonaws.com", "StartSession", ip, ua, {"target": inst.id},
                            self.session_resp(sid, self.primary), "intrusion", vpce=vpce)
            self.label(rec, name, desc)
            self.agent_data_channel(inst, t + 2, sid)

    def intr_new_identity_rdp(self, d):
        r = self.r
        name = "new-identity-rdp-tunnel"
        env = "shared-services" if "shared-services" in self.accts and r.random() < 0.5 else "prod"
        t = self.T0 + d * DAY + r.randrange(DAY)
        acct = self.accts[env]
        user = r.choice(["svc-backup-sync", "dr-replication", "temp-migration", "svc-monitoring2", "support-access"])
        ui = {"type": "IAMUser", "principalId": "AIDA" + r.pick(UPPER, 17), "arn": "arn:aws:iam::%s:user/%s" % (acct, user),
              "accountId": acct, "accessKeyId": "AKIA" + r.pick(UPPER, 16), "userName": user}
        prov, ip = self.vps_ip()
        ua = cli_ua("windows", "2.%d.%d" % (r.randint(17, 27), r.randint(0, 30)), "0.23.4", "3.12.6", "10",
                    "ssm.start-session")
        wins = [i for i in self.instances if i.os == "windows" and i.start <= t and (i.end is None or t < i.end)
                and i.acct == acct] or [i for i in self.instances if i.os == "windows"]
        relays = [i for i in self.alive_env(env, self.primary, t) if i.os != "windows"]
        desc = "never-seen IAM user %s (%s) tunnels RDP (3389) through an instance from %s (%s)" % (
            user, ui["accessKeyId"], ip, prov)
        rec = self.emit(t - 120, env, self.primary, ui, "sts.amazonaws.com", "GetCallerIdentity", ip,
                        ua.replace("ssm.start-session", "sts.get-caller-identity"), None, None, "intrusion",
                        read_only=True)
        self.label(rec, name, desc, "context")
        for k in range(r.randint(1, 2)):
            relay = r.choice(relays)
            host = r.choice(wins)
            t += r.randint(30, 600)
            sid = self.session_id(user)
            req = {"target": relay.id, "documentName": "AWS-StartPortForwardingSessionToRemoteHost",
                   "parameters": {"host": [host.ip], "portNumber": ["3389"], "localPortNumber": [r.choice(
                       ["33389", "13389", "55389", "3390"])]}}
            rec = self.emit(t, env, self.primary, ui, "ssm.amazonaws.com", "StartSession", ip, ua, req,
                            self.session_resp(sid, self.primary), "intrusion")
            self.label(rec, name, desc)
            self.agent_data_channel(relay, t + 2, sid)

    def intr_new_account(self, d, victims):
        r = self.r
        name = "admin-in-new-account"
        opts = []
        for p in victims:
            used = self.accounts_by.get(p.email, set())
            for env in self.accts:
                if env not in used and self.alive_env(env, self.primary, self.T0 + d * DAY + 12 * HOUR):
                    opts.append((p, env))
        if not opts:
            return
        p, env = r.choice(opts)
        if d in p.leave:
            p.leave.discard(d)
        t = self.local(d, p.start_h + r.uniform(0.5, p.len_h - 0.5), p.tz)
        ip = self.location(p, d)
        ui = self.sso_identity(p, env, t, False)
        desc = "%s opens sessions in the %s account (%s), where the person has never worked, from %s" % (
            p.email, env, self.accts[env], ip)
        cand = [i for i in self.alive_env(env, self.primary, t) if i.os != "windows"]
        for inst in r.sample(cand, min(len(cand), r.randint(1, 3))):
            t += r.randint(60, 900)
            ui = self.sso_identity(p, env, t, False)
            sid = self.session_id(p.email)
            rec = self.emit(t, env, self.primary, ui, "ssm.amazonaws.com", "StartSession", ip,
                            self.person_ua(p, d, "ssm.start-session"), {"target": inst.id},
                            self.session_resp(sid, self.primary), "intrusion")
            self.label(rec, name, desc)
            self.agent_data_channel(inst, t + 2, sid)
            t2 = t + r.randint(120, 1800)
            rec = self.emit(t2, env, self.primary, self.sso_identity(p, env, t2, False), "ssm.amazonaws.com",
                            "TerminateSession", ip, self.person_ua(p, d, "ssm.terminate-session"), {"sessionId": sid},
                            {"sessionId": sid}, "intrusion")
            self.label(rec, name, desc, "context")

    # -- run -----------------------------------------------------------------------------------------

    def run(self):
        self.gen_fleet_events()
        self.gen_admins()
        self.gen_devs()
        self.gen_db()
        self.gen_ci()
        self.gen_patching()
        self.gen_automation()
        self.gen_monitoring()
        self.gen_noise()
        self.gen_intrusions()


# ----------------------------------------------------------------------------------------------
# output

def write_output(sim, out_dir):
    r = Rng(sim.seed * 7919 + 17)
    t0 = min(x[0] for x in sim.out)
    ids = {}
    for lab in sim.labels:
        ids[lab["eventID"]] = lab
    # delivery: CloudTrail writes an object every few minutes per account/region; some records arrive late
    streams = {}
    for t, acct, region, rec, cls in sim.out:
        lag = r.randint(90, 600) if r.random() > 0.03 else r.randint(900, 5400)
        streams.setdefault((acct, region), []).append((t + lag, t + r.uniform(-75, 75), rec))
    files = nbytes = 0
    made = set()
    for (acct, region), items in sorted(streams.items()):
        env = sim.acct_name[acct]
        interval = {"prod": 900, "staging": 1200, "dev": 1800, "shared-services": 1800}[env]
        if region != sim.primary:
            interval = 3600
        buckets = {}
        for deliver, key, rec in items:
            buckets.setdefault(int(deliver // interval), []).append((key, rec))
        for k in sorted(buckets):
            lst = buckets[k]
            lst.sort(key=lambda x: x[0])
            ft = (k + 1) * interval + r.randint(0, 240)
            g = time.gmtime(ft)
            d = os.path.join(out_dir, "AWSLogs", acct, "CloudTrail", region, "%04d" % g.tm_year, "%02d" % g.tm_mon,
                             "%02d" % g.tm_mday)
            if d not in made:
                os.makedirs(d, exist_ok=True)
                made.add(d)
            fname = "%s_CloudTrail_%s_%s_%s.json.gz" % (acct, region, time.strftime("%Y%m%dT%H%MZ", g),
                                                         r.pick(ALNUM, 16))
            data = DUMPS({"Records": [x[1] for x in lst]}).encode()
            blob = gzip.compress(data, 1, mtime=0)
            with open(os.path.join(d, fname), "wb") as f:
                f.write(blob)
            files += 1
            nbytes += len(blob)
    # labels
    with open(os.path.join(out_dir, "labels.jsonl"), "w") as f:
        for lab in sorted(sim.labels, key=lambda x: x["eventTime"]):
            t = time.mktime(time.strptime(lab["eventTime"], "%Y-%m-%dT%H:%M:%SZ")) - time.timezone
            lab["day"] = int((t - t0) // DAY)
            f.write(json.dumps(lab) + "\n")
    return t0, files, nbytes


def summarize(sim, t0):
    classes = ["admin_session", "admin_terminate", "admin_runcommand", "serial_console", "dev_eic", "db_tunnel",
               "ci_sendcommand", "patch_sendcommand", "automation", "monitoring_sendcommand", "intrusion", "noise"]
    per_day = {}
    for t, acct, region, rec, cls in sim.out:
        d = int((t - t0) // DAY)
        row = per_day.setdefault(d, {c: 0 for c in classes})
        row[cls] = row.get(cls, 0) + 1
    return classes, per_day


def readme(sim, t0, classes, per_day, files, nbytes, out_dir, elapsed):
    L = []
    w = L.append
    w("sidedoor fleet simulation -- seed %d, %d days" % (sim.seed, sim.days))
    w("=" * 72)
    w("")
    w("Scan:  java -jar cli/target/sidedoor.jar scan --format jsonl %s/AWSLogs > findings.jsonl" % out_dir)
    w("Score: python3 bench/fleet/score.py --labels %s/labels.jsonl --findings findings.jsonl --learning-days 21"
      % out_dir)
    w("(bench/fleet/README.md has the details.)")
    w("")
    w("Organisation: %s (%s). HQ in %s (UTC%+g). Regions: %s (primary), %s." % (
        sim.org, sim.domain, sim.hq_country, sim.hq_tz, sim.primary, sim.secondary))
    w("Period: %s .. %s (first event %s). Day numbers count from the first event, 0-based." % (
        iso(sim.T0), iso(sim.T_END), iso(t0)))
    w("Public holidays (quiet, on-call only): %s" % (", ".join("day %d (%s)" % (d, iso(sim.T0 + d * DAY)[:10])
                                                             for d in sorted(sim.holidays)) or "none"))
    w("")
    w("Accounts:")
    for n, a in sim.accts.items():
        cnt = len({i.id for i in sim.instances if i.env == n})
        w("  %-16s %s  %d instance ids over the period%s" % (n, a, cnt, "  (VPC endpoints for SSM)" if sim.uses_vpce[n]
                                                             else "  (NAT gateway egress)"))
    alive_start = len([i for i in sim.instances if i.start <= sim.T0 and (i.end is None or i.end > sim.T0)])
    w("Fleet: %d instance ids in all (%d running at the start; autoscaled tiers are replaced, refreshed and scaled "
      "out during the period)." % (len(sim.instances), alive_start))
    w("Office egress: %s.  Company VPN egress: %s." % (", ".join(sim.office_ips), ", ".join(sim.vpn_ips)))
    w("")
    w("Admins (Session Manager via IAM Identity Center):")
    for p in sim.admins:
        home = p.home["fixed"] if p.home["kind"] == "static" else (
            "%d.%d.%d.x" % (p.home["a"], p.home["b"], p.home["c"]) if p.home["kind"] == "small" else
            "%d.%d.x.x (dynamic)" % (p.home["a"], p.home["b"]))
        w("  %-34s team %-8s perm %-17s UTC%+-5g accounts %-36s home %s (%s)%s%s" % (
            p.email, p.team, p.perm, p.tz, ",".join(p.accounts), home, p.home["country"],
            "  on-VPN %.0f%%" % (100 * p.p_vpn) if p.p_vpn else "",
            "  JOINS day %d" % p.join_day if p.join_day else ""))
    w("  on-call rotates weekly; pages at night/weekends lead to sessions from home, sometimes on unfamiliar instances.")
    w("")
    w("Developers (EC2 Instance Connect to their own dev boxes in dev):")
    for p in sim.devs:
        w("  %-34s UTC%+-5g mode %-8s boxes %s" % (p.email, p.tz, p.mode, ", ".join(
            sim.slots[("dev", sim.primary, "devbox")][b][0].id for b in p.boxes)))
    w("Database tunnels (AWS-StartPortForwardingSessionToRemoteHost through the bastion):")
    for p in sim.dbdevs:
        w("  %-34s UTC%+-5g envs %s" % (p.email, p.tz, ",".join(p.envs)))
    w("CI: role ci-deploy (GitHub OIDC, repo %s), sessions GitHubActions-<run id>, SendCommand AWS-RunShellScript to "
      "prod/staging web/api/worker from GitHub-hosted runners (Azure address space, a new address per job)." % sim.ci_repo)
    w("Patching: nightly State Manager AWS-RunPatchBaselineAssociation (AWSServiceRoleForAmazonSSM / AWSService in dev); "
      "Sunday maintenance window AWS-RunPatchBaseline in prod.")
    w("Self-healing: StartAutomationExecution via %s; diagnostics SendCommand from Lambda %s." % (
        sim.heal_style, sim.mon_fn))
    w("S3-only IAM user: %s (%s) reads s3://%s daily from %s with Boto3." % (
        sim.svc_reader, sim.svc_reader_akid, sim.buckets[0], sim.svc_reader_ip))
    w("")
    w("Benign novelties (not labelled; a detector may notify on some of them):")
    for t, note in sorted(sim.notes):
        w("  day %2d %s  %s" % (int((t - t0) // DAY), iso(t), note))
    w("")
    w("Intrusions (labels.jsonl; kind=access are the events that must reach medium+, kind=context are the")
    w("attacker's other calls, neither benign nor required):")
    seen = {}
    for lab in sim.labels:
        seen.setdefault(lab["intrusion"], []).append(lab)
    for name, labs in seen.items():
        acc = [l for l in labs if l["kind"] == "access"]
        w("  day %2d %-26s %d access + %d context events, %s" % (labs[0]["day"], name, len(acc), len(labs) - len(acc),
                                                                 acc[0]["eventTime"] if acc else ""))
        w("         %s" % labs[0]["description"])
    w("")
    w("Events per class per day:")
    short = {"admin_session": "admin", "admin_terminate": "term/res", "admin_runcommand": "adm-cmd",
             "serial_console": "serial", "dev_eic": "eic", "db_tunnel": "db-tun", "ci_sendcommand": "ci",
             "patch_sendcommand": "patch", "automation": "autom", "monitoring_sendcommand": "monit",
             "intrusion": "intr", "noise": "noise"}
    w("  day date       dow " + " ".join("%8s" % short[c] for c in classes) + "    total")
    tot = {c: 0 for c in classes}
    for d in sorted(per_day):
        row = per_day[d]
        date = iso(t0 + d * DAY)[:10]
        w("  %3d %s %s " % (d, date, WEEKDAYS[time.gmtime(t0 + d * DAY).tm_wday]) +
          " ".join("%8d" % row.get(c, 0) for c in classes) + " %8d" % sum(row.values()))
        for c in classes:
            tot[c] += row.get(c, 0)
    n = max(1, len(per_day))
    w("  mean/day           " + " ".join("%8.1f" % (tot[c] / n) for c in classes) + " %8.1f" % (sum(tot.values()) / n))
    access = sum(v for c, v in tot.items() if c not in ("noise",))
    w("")
    w("Records: %d (access events incl. terminate/resume: %d; noise %d, %.1fx). Files: %d, %.1f MB gzip. "
      "Generated in %.1f s." % (sum(tot.values()), access, tot["noise"], tot["noise"] / max(1, access), files,
                                nbytes / 1e6, elapsed))
    with open(os.path.join(out_dir, "README.txt"), "w") as f:
        f.write("\n".join(L) + "\n")
    return L


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--days", type=int, default=35)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--start", help="first day, YYYY-MM-DD (default: drawn from the seed, in 2026)")
    a = ap.parse_args(argv)
    if a.days < 1:
        ap.error("--days must be at least 1")
    started = time.time()
    start = None
    if a.start:
        start = int(time.mktime(time.strptime(a.start, "%Y-%m-%d"))) - time.timezone
    if os.path.exists(os.path.join(a.out, "AWSLogs")) and os.listdir(os.path.join(a.out, "AWSLogs")):
        print("simulate: %s/AWSLogs already has data; use an empty directory" % a.out, file=sys.stderr)
        return 2
    os.makedirs(a.out, exist_ok=True)
    sim = Sim(a.seed, a.days, start)
    sim.run()
    t0, files, nbytes = write_output(sim, a.out)
    classes, per_day = summarize(sim, t0)
    elapsed = time.time() - started
    lines = readme(sim, t0, classes, per_day, files, nbytes, a.out, elapsed)
    meta = {"seed": a.seed, "days": a.days, "start": iso(sim.T0), "first_event_time": iso(t0),
            "accounts": sim.accts, "regions": sim.regions, "records": len(sim.out), "files": files,
            "bytes_gzip": nbytes, "labels": len(sim.labels),
            "intrusions": sorted({l["intrusion"] for l in sim.labels})}
    with open(os.path.join(a.out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
    print("\n".join(lines[-2:]))
    print("wrote %s (README.txt, labels.jsonl, meta.json, AWSLogs/)" % a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
