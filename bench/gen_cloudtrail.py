#!/usr/bin/env python3
"""Synthetic CloudTrail S3 log files for the sidedoor throughput benchmark.

Writes files in the real S3 delivery format -- one JSON object per file,
{"Records":[...]} on one line -- named
<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<16 chars>.json
until a target total size is reached.  File sizes are mixed (log-uniform,
tens of KB up to a few MB, as real delivery is).

The mix is overwhelmingly benign traffic, a realistic share of hard
negatives (SSM agent chatter, Parameter Store reads, ssmmessages /
ec2messages channels, Athena and IoT "StartSession"/"OpenTunnel" look-alikes,
State Manager's own AWS-RunPatchBaseline SendCommand) and a small rate
(--positive-rate, default 0.05 %) of true positives: direct VM access via
SSM Session Manager, Run Command, Automation and EC2 Instance Connect.
Each true-positive kind is also forced at least --min-each times so that
even a tiny data set exercises every path.

Python 3 standard library only; output is a pure function of the arguments
(same --seed and --mb give byte-identical files).

A manifest with exact counts (per class, eventSource and eventName, and the
event IDs of every non-benign event) is written to --manifest so that a
benchmark can check what each tool found.
"""

import argparse
import bisect
import json
import os
import random
import re
import sys
import time

# --------------------------------------------------------------------------
# helpers

HEX = "0123456789abcdef"
UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

DUMPS = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True).encode


def fmt_time(epoch):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


class Rng(random.Random):
    """random.Random with the identifier shapes CloudTrail uses."""

    def uuid(self):
        h = "%032x" % self.getrandbits(128)
        return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], "89ab"[int(h[16], 16) & 3], h[17:20], h[20:32])

    def hexs(self, n):
        return "%0*x" % (n, self.getrandbits(4 * n))

    def pick(self, alphabet, n):
        return "".join(self.choices(alphabet, k=n))

    def weighted(self, table):
        """table = (items, cumulative weights)."""
        items, cum = table
        return items[bisect.bisect(cum, self.random() * cum[-1])]


def weighted_table(pairs):
    items, cum, acc = [], [], 0.0
    for item, w in pairs:
        acc += w
        items.append(item)
        cum.append(acc)
    return items, cum


def kebab(name):
    """CLI command name: SendSSHPublicKey -> send-ssh-public-key."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", name.rstrip("0123456789v")).lower()


# --------------------------------------------------------------------------
# the world: accounts, regions, people, workloads, instances

REGIONS = weighted_table([("us-east-1", 45), ("us-west-2", 20), ("eu-west-1", 18),
                          ("eu-central-1", 10), ("ap-southeast-2", 7)])
AZ = {"us-east-1": ("use1-az", "abcdf"), "us-west-2": ("usw2-az", "abc"), "eu-west-1": ("euw1-az", "abc"),
      "eu-central-1": ("euc1-az", "abc"), "ap-southeast-2": ("apse2-az", "abc")}

HUMANS = ["alice", "bob", "carol", "dmitri", "erin", "farah", "gopal", "hiro", "ines", "jamal"]
PERMSETS = ["AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "SRE-OnCall", "DataEngineer"]
LAMBDAS = ["orders-api", "invoice-renderer", "s3-thumbnailer", "cost-reporter", "slack-notifier", "etl-loader"]
ECS = ["checkout-svc", "catalog-svc", "search-indexer", "fraud-scorer"]
INSTANCE_ROLES = ["ec2-app-role", "ec2-batch-role", "eks-node-role", "bastion-role", "ci-runner-role"]
BUCKETS = ["prod-app-assets", "prod-customer-uploads", "data-lake-raw", "data-lake-curated", "tf-state-prod",
           "cloudtrail-org-logs", "athena-results-prod", "backup-nightly", "ml-training-sets"]
PARAMS = ["/app/prod/db/password", "/app/prod/db/host", "/app/prod/stripe/api_key", "/app/staging/db/password",
          "/platform/datadog/api_key", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64",
          "/app/prod/feature_flags", "/cloudwatch-agent/config", "/platform/vpn/psk"]
DOCS_AUTOMATION = ["AWS-RestartEC2Instance", "AWS-StopEC2Instance", "AWSSupport-ResetAccess",
                   "AWSSupport-TroubleshootSSH", "AWS-UpdateLinuxAmi"]
OS_USERS = ["ec2-user", "ubuntu", "admin", "root", "ec2-user", "ubuntu"]
REMOTE_HOSTS = ["prod-db.cluster-c1x2y3z4.us-east-1.rds.amazonaws.com", "10.20.3.14", "redis.internal",
                "10.20.8.200", "opensearch.internal"]

UA_CLI = ["aws-cli/2.15.%d Python/3.11.8 Darwin/23.3.0 exe/x86_64 prompt/off command/%%s",
          "aws-cli/2.13.%d Python/3.11.4 Linux/6.5.0-1014-aws exe/x86_64.ubuntu.22 prompt/off command/%%s",
          "aws-cli/2.17.%d md/awscrt#0.20.11 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.11.8 "
          "md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#%%s"]
UA_BROWSER = ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/122.0.0.0 Safari/537.36",
              "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0",
              "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 "
              "Safari/537.36 Edg/121.0.2277.83",
              "AWS Internal"]
UA_BOTO = ("Boto3/1.34.%d md/Botocore#1.34.%d ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64 "
           "lang/python#3.11.6 md/pyimpl#CPython exec-env/%s cfg/retry-mode#legacy Botocore/1.34.%d")
UA_TF = ("APN/1.0 HashiCorp/1.0 Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.39.1 "
         "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.0 "
         "md/GOOS#linux md/GOARCH#amd64 api/%s#1.%d.0")
UA_GO_LAMBDA = ("aws-sdk-go-v2/1.24.1 os/linux lang/go#1.21.5 md/GOOS#linux md/GOARCH#amd64 "
                "exec-env/AWS_Lambda_go1.x api/%s#1.48.0")
UA_JAVA = ("aws-sdk-java/2.25.6 Linux/5.10.209-198.858.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS "
           "Java/17.0.10 vendor/Amazon.com_Inc. md/internal io/sync http/Apache cfg/retry-mode/legacy")
UA_SSM_AGENT = "aws-sdk-go/1.44.%d (go1.20.%d; linux; amd64) amazon-ssm-agent/3.3.%d.0"
UA_KARPENTER = "karpenter.sh-v0.35.1 aws-sdk-go/1.50.25 (go1.22.0; linux; amd64)"

TLS = [("TLSv1.3", "TLS_AES_128_GCM_SHA256"), ("TLSv1.3", "TLS_AES_256_GCM_SHA384"),
       ("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256"), ("TLSv1.2", "ECDHE-RSA-AES128-SHA")]
EVENT_VERSIONS = weighted_table([("1.08", 15), ("1.09", 40), ("1.10", 30), ("1.11", 15)])


class World:
    def __init__(self, rng, n_accounts):
        self.r = rng
        self.accounts = []
        for _ in range(n_accounts):
            self.accounts.append("%012d" % rng.randrange(10 ** 11, 10 ** 12))
        self.office_ips = ["203.0.113.%d" % rng.randrange(2, 250) for _ in range(4)] + \
                          ["198.51.100.%d" % rng.randrange(2, 250) for _ in range(4)]
        self.home_ips = ["%d.%d.%d.%d" % (rng.choice([24, 73, 81, 86, 92, 109, 176, 188]), rng.randrange(256),
                                          rng.randrange(256), rng.randrange(1, 255)) for _ in range(30)]
        self.aws_ips = ["%d.%d.%d.%d" % (rng.choice([3, 18, 34, 35, 44, 52, 54]), rng.randrange(256),
                                         rng.randrange(256), rng.randrange(1, 255)) for _ in range(60)]
        self.ci_ips = ["20.%d.%d.%d" % (rng.randrange(256), rng.randrange(256), rng.randrange(1, 255))
                       for _ in range(10)]
        self.actors = {}
        self.instances = {}
        self.vpce = {}
        for acct in self.accounts:
            self.actors[acct] = self._actors(acct)

    # -- identities -------------------------------------------------------

    def _role(self, acct, path, name):
        return {"type": "Role", "principalId": "AROA" + self.r.pick(UPPER, 17),
                "arn": "arn:aws:iam::%s:role/%s%s" % (acct, path, name), "accountId": acct, "userName": name}

    def _actors(self, acct):
        r = self.r
        a = {"human": [], "iamuser": [], "lambda": [], "ecs": [], "instance": [], "config": [], "root": [],
             "statemanager": []}
        for i, name in enumerate(HUMANS):
            perm = PERMSETS[i % len(PERMSETS)]
            rolename = "AWSReservedSSO_%s_%s" % (perm, r.hexs(16))
            issuer = self._role(acct, "aws-reserved/sso.amazonaws.com/", rolename)
            sess = "%s@example.com" % name
            a["human"].append({
                "kind": "human", "name": name, "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (acct, rolename, sess),
                "principalId": issuer["principalId"] + ":" + sess, "issuer": issuer, "assumed": True,
                "ips": [r.choice(self.office_ips), r.choice(self.home_ips), r.choice(self.home_ips)],
                "mfa": "false", "ua_cli": r.choice(UA_CLI) % r.randrange(1, 40), "ua_browser": r.choice(UA_BROWSER)})
        for name, ua in (("ci-deploy", "tf"), ("legacy-backup", "boto"), ("datadog-integration", "boto")):
            a["iamuser"].append({
                "kind": "iamuser", "name": name, "arn": "arn:aws:iam::%s:user/%s" % (acct, name),
                "principalId": "AIDA" + r.pick(UPPER, 17), "assumed": False, "akid": "AKIA" + r.pick(UPPER, 16),
                "ips": [r.choice(self.ci_ips)] if ua == "tf" else [r.choice(self.aws_ips)], "ua": ua})
        for fn in LAMBDAS:
            issuer = self._role(acct, "service-role/", fn + "-role-" + r.pick("abcdefghijklmnopqrstuvwxyz0123456789", 8))
            a["lambda"].append({"kind": "lambda", "name": fn, "issuer": issuer, "assumed": True,
                                "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (acct, issuer["userName"], fn),
                                "principalId": issuer["principalId"] + ":" + fn, "ips": r.sample(self.aws_ips, 4),
                                "ua": UA_GO_LAMBDA if r.random() < 0.5 else UA_BOTO})
        for svc in ECS:
            issuer = self._role(acct, "", svc + "-task-role")
            sess = r.hexs(32)
            a["ecs"].append({"kind": "ecs", "name": svc, "issuer": issuer, "assumed": True,
                             "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (acct, issuer["userName"], sess),
                             "principalId": issuer["principalId"] + ":" + sess, "ips": r.sample(self.aws_ips, 2),
                             "ua": UA_JAVA})
        for role in INSTANCE_ROLES:
            issuer = self._role(acct, "", role)
            a["instance"].append({"kind": "instance", "issuer": issuer, "role": role})
        issuer = self._role(acct, "aws-service-role/config.amazonaws.com/", "AWSServiceRoleForConfig")
        a["config"].append({"kind": "config", "issuer": issuer, "assumed": True, "invokedBy": "config.amazonaws.com",
                            "arn": "arn:aws:sts::%s:assumed-role/AWSServiceRoleForConfig/AWSConfig-Describe" % acct,
                            "principalId": issuer["principalId"] + ":AWSConfig-Describe",
                            "ips": ["config.amazonaws.com"], "ua": "config.amazonaws.com"})
        issuer = self._role(acct, "aws-service-role/ssm.amazonaws.com/", "AWSServiceRoleForAmazonSSM")
        a["statemanager"].append({"kind": "statemanager", "issuer": issuer, "assumed": True,
                                  "invokedBy": "ssm.amazonaws.com",
                                  "arn": "arn:aws:sts::%s:assumed-role/AWSServiceRoleForAmazonSSM/StateManager" % acct,
                                  "principalId": issuer["principalId"] + ":StateManager",
                                  "ips": ["ssm.amazonaws.com"], "ua": "ssm.amazonaws.com"})
        a["root"].append({"kind": "root", "arn": "arn:aws:iam::%s:root" % acct, "principalId": acct,
                          "ips": [self.office_ips[0]], "ua_browser": UA_BROWSER[0]})
        return a

    def instance_ids(self, acct, region):
        key = (acct, region)
        ids = self.instances.get(key)
        if ids is None:
            r = self.r
            ids = []
            for _ in range(r.randrange(20, 60)):
                ids.append({"id": "i-0" + r.hexs(16), "ip": "10.%d.%d.%d" % (r.randrange(0, 64), r.randrange(256),
                                                                            r.randrange(1, 255)),
                            "public": r.choice(self.aws_ips), "role": r.randrange(len(INSTANCE_ROLES)),
                            "az": AZ[region][0] + str(r.randrange(1, 4)), "windows": r.random() < 0.15})
            self.instances[key] = ids
            self.vpce[key] = "vpce-0" + r.hexs(16)
        return ids


# --------------------------------------------------------------------------
# record generation

class FileCtx:
    """Everything that is fixed for one delivered file."""

    def __init__(self, gen, acct, region, t_end):
        self.gen = gen
        self.acct = acct
        self.region = region
        self.t_end = t_end
        self.t_start = t_end - 300 - gen.r.randrange(0, 300)
        self.idcache = {}


class Gen:
    def __init__(self, seed, n_accounts, positive_rate, failure_rate, min_each):
        self.r = Rng(seed)
        self.world = World(self.r, n_accounts)
        self.positive_rate = positive_rate
        self.failure_rate = failure_rate
        self.counts = {}
        self.ids = {}  # (class, source, name) -> [eventID] for non-benign
        self.ua_cache = {}
        self.kinds = {}  # true-positive kind (with documentName variant) -> [ok, failed]
        self.sessions = []  # recent (sessionId, acct, region, actor, instance) for Terminate/Resume
        r = self.r

        # name, builder, weight, global-only
        benign = [
            # EC2 control plane reads (console, Config, Karpenter, humans)
            ("ec2:DescribeInstances", self.b_ec2_describe, 60), ("ec2:DescribeInstanceStatus", self.b_ec2_describe, 18),
            ("ec2:DescribeSecurityGroups", self.b_ec2_describe, 14), ("ec2:DescribeVolumes", self.b_ec2_describe, 12),
            ("ec2:DescribeNetworkInterfaces", self.b_ec2_describe, 12), ("ec2:DescribeSubnets", self.b_ec2_describe, 8),
            ("ec2:DescribeVpcs", self.b_ec2_describe, 6), ("ec2:DescribeSnapshots", self.b_ec2_describe, 6),
            ("ec2:DescribeTags", self.b_ec2_describe, 8), ("ec2:DescribeImages", self.b_ec2_describe, 6),
            ("ec2:DescribeLaunchTemplateVersions", self.b_ec2_describe, 4), ("ec2:DescribeRegions", self.b_ec2_describe, 3),
            ("ec2:CreateTags", self.b_ec2_createtags, 2),
            # S3 management + data events
            ("s3:ListBuckets", self.b_s3_mgmt, 5), ("s3:GetBucketAcl", self.b_s3_mgmt, 10),
            ("s3:GetBucketPolicy", self.b_s3_mgmt, 6), ("s3:GetBucketLocation", self.b_s3_mgmt, 8),
            ("s3:GetBucketEncryption", self.b_s3_mgmt, 4), ("s3:GetBucketVersioning", self.b_s3_mgmt, 4),
            ("s3:GetObject", self.b_s3_data, 70), ("s3:PutObject", self.b_s3_data, 30), ("s3:HeadObject", self.b_s3_data, 12),
            ("s3:ListObjects", self.b_s3_data, 10),
            # IAM (global: us-east-1 files only)
            ("iam:ListRoles", self.b_iam, 3), ("iam:GetRole", self.b_iam, 6), ("iam:ListAttachedRolePolicies", self.b_iam, 4),
            ("iam:GetPolicyVersion", self.b_iam, 4), ("iam:ListPolicies", self.b_iam, 2), ("iam:GetUser", self.b_iam, 2),
            # STS
            ("sts:AssumeRole", self.b_sts_assume, 45), ("sts:GetCallerIdentity", self.b_sts_gci, 12),
            ("sts:AssumeRoleWithWebIdentity", self.b_sts_web, 8),
            # KMS
            ("kms:Decrypt", self.b_kms, 55), ("kms:GenerateDataKey", self.b_kms, 25), ("kms:DescribeKey", self.b_kms, 6),
            # Lambda, CloudWatch, Logs, misc
            ("lambda:ListFunctions20150331", self.b_lambda, 3), ("lambda:GetFunction20150331v2", self.b_lambda, 4),
            ("lambda:Invoke", self.b_lambda_invoke, 15),
            ("monitoring:GetMetricData", self.b_cw, 20), ("monitoring:DescribeAlarms", self.b_cw, 10),
            ("monitoring:PutMetricData", self.b_cw, 6),
            ("logs:CreateLogStream", self.b_logs, 14), ("logs:DescribeLogGroups", self.b_logs, 6),
            ("logs:FilterLogEvents", self.b_logs, 3),
            ("ecr:GetAuthorizationToken", self.b_misc, 8), ("ecr:BatchGetImage", self.b_misc, 6),
            ("dynamodb:DescribeTable", self.b_misc, 8), ("secretsmanager:GetSecretValue", self.b_misc, 10),
            ("sqs:GetQueueAttributes", self.b_misc, 4), ("elasticloadbalancing:DescribeTargetHealth", self.b_misc, 6),
            ("autoscaling:DescribeAutoScalingGroups", self.b_misc, 5), ("cloudformation:DescribeStacks", self.b_misc, 4),
            ("signin:ConsoleLogin", self.b_console_login, 0.4), ("s3:ListBuckets@root", self.b_root, 0.05),
        ]
        hard = [
            ("ssm:GetParameter", self.h_ssm_param, 24), ("ssm:GetParameters", self.h_ssm_param, 10),
            ("ssm:GetParametersByPath", self.h_ssm_param, 5),
            ("ssm:DescribeInstanceInformation", self.h_ssm_read, 6), ("ssm:UpdateInstanceInformation", self.h_ssm_uii, 30),
            ("ssm:ListCommands", self.h_ssm_read, 2), ("ssm:GetCommandInvocation", self.h_ssm_read, 2),
            ("ssm:ListAssociations", self.h_ssm_read, 4), ("ssm:DescribeSessions", self.h_ssm_read, 0.5),
            ("ssm:GetConnectionStatus", self.h_ssm_read, 0.3), ("ssm:ListInstanceAssociations", self.h_ssm_agent_read, 8),
            ("ssm:PutInventory", self.h_ssm_agent_read, 3), ("ssm:GetDeployablePatchSnapshotForInstance", self.h_ssm_agent_read, 0.5),
            ("ssmmessages:CreateControlChannel", self.h_ssmmessages, 4), ("ssmmessages:OpenControlChannel", self.h_ssmmessages, 4),
            ("ec2messages:GetMessages", self.h_ec2messages, 40), ("ec2messages:AcknowledgeMessage", self.h_ec2messages, 2),
            ("ec2messages:SendHeartbeat", self.h_ec2messages, 3), ("ec2messages:GetEndpoint", self.h_ec2messages, 1),
            ("athena:StartSession", self.h_athena, 0.3), ("athena:TerminateSession", self.h_athena, 0.2),
            ("athena:GetSession", self.h_athena, 0.4),
            ("iotsecuredtunneling:OpenTunnel", self.h_iot_tunnel, 0.05),
            ("ec2-instance-connect:DescribeInstanceConnectEndpoints@ec2", self.h_eice_describe, 0.1),
        ]
        self.benign_share = 0.86
        table = [(("benign",) + x[:2], x[2] * self.benign_share / sum(b[2] for b in benign)) for x in benign]
        table += [(("hard-negative",) + x[:2], x[2] * (1 - self.benign_share) / sum(h[2] for h in hard)) for x in hard]
        self.background = weighted_table(table)

        # State Manager's own SendCommand: a seed-query hit that is not a person reaching a VM
        self.seed_fp = ("seed-only", "ssm:SendCommand@statemanager", self.s_statemanager)
        self.seed_fp_rate = 0.0003

        positives = [
            ("ssm:StartSession", self.p_start_session, 30, None),
            ("ssm:StartSession#AWS-StartSSHSession", self.p_start_session, 8, "AWS-StartSSHSession"),
            ("ssm:StartSession#AWS-StartPortForwardingSession", self.p_start_session, 6,
             "AWS-StartPortForwardingSession"),
            ("ssm:StartSession#AWS-StartPortForwardingSessionToRemoteHost", self.p_start_session, 6,
             "AWS-StartPortForwardingSessionToRemoteHost"),
            ("ssm:StartSession#AWS-StartInteractiveCommand", self.p_start_session, 2, "AWS-StartInteractiveCommand"),
            ("ssm:TerminateSession", self.p_terminate, 15, None), ("ssm:ResumeSession", self.p_resume, 4, None),
            ("ssm:SendCommand#AWS-RunShellScript", self.p_send_command, 8, "AWS-RunShellScript"),
            ("ssm:SendCommand#AWS-RunPowerShellScript", self.p_send_command, 2, "AWS-RunPowerShellScript"),
            ("ssm:StartAutomationExecution", self.p_automation, 5, None),
            ("ec2-instance-connect:SendSSHPublicKey", self.p_eic, 10, None),
            ("ec2-instance-connect:SendSerialConsoleSSHPublicKey", self.p_serial, 3, None),
            ("ec2-instance-connect:OpenTunnel", self.p_open_tunnel, 3, None),
        ]
        self.positives = weighted_table([((p[0], p[1], p[3]), p[2]) for p in positives])
        # forced: every positive kind min_each times (one of them failing), and the State Manager look-alike
        forced = []
        for name, fn, _, variant in positives:
            for k in range(min_each):
                forced.append(("true-positive", name, fn, variant, k == 1))
        for k in range(min_each):
            forced.append(("seed-only", self.seed_fp[1], self.seed_fp[2], None, False))
        for name, fn, _ in (("athena:StartSession", self.h_athena, 0), ("iotsecuredtunneling:OpenTunnel", self.h_iot_tunnel, 0)):
            forced.append(("hard-negative", name, fn, None, False))
        r.shuffle(forced)
        self.forced = forced

    # -- envelope ---------------------------------------------------------

    def identity(self, ctx, actor, console=False):
        """userIdentity for actor in this file (session creationDate is per file)."""
        key = (id(actor), console)
        ui = ctx.idcache.get(key)
        if ui is not None:
            return ui
        r = self.r
        kind = actor["kind"]
        created = fmt_time(ctx.t_start - r.randrange(60, 3500))
        if kind == "iamuser":
            ui = {"type": "IAMUser", "principalId": actor["principalId"], "arn": actor["arn"], "accountId": ctx.acct,
                  "accessKeyId": actor["akid"], "userName": actor["name"]}
        elif kind == "root":
            ui = {"type": "Root", "principalId": actor["principalId"], "arn": actor["arn"], "accountId": ctx.acct,
                  "accessKeyId": "ASIA" + r.pick(UPPER, 16),
                  "sessionContext": {"sessionIssuer": {}, "webIdFederationData": {},
                                     "attributes": {"creationDate": created, "mfaAuthenticated": "true"}}}
        else:
            sc = {"sessionIssuer": actor["issuer"], "webIdFederationData": {},
                  "attributes": {"creationDate": created, "mfaAuthenticated": actor.get("mfa", "false")}}
            if kind == "instance_session":
                sc["ec2RoleDelivery"] = "2.0"
            ui = {"type": "AssumedRole", "principalId": actor["principalId"], "arn": actor["arn"],
                  "accountId": ctx.acct, "accessKeyId": "ASIA" + r.pick(UPPER, 16), "sessionContext": sc}
            if "invokedBy" in actor:
                ui["invokedBy"] = actor["invokedBy"]
        ctx.idcache[key] = ui
        return ui

    def instance_actor(self, ctx, inst):
        """The instance profile session of one EC2 instance (used by the SSM agent and apps on it)."""
        key = ("inst", inst["id"])
        a = ctx.idcache.get(key)
        if a is None:
            role = self.world.actors[ctx.acct]["instance"][inst["role"]]
            a = {"kind": "instance_session", "issuer": role["issuer"],
                 "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (ctx.acct, role["role"], inst["id"]),
                 "principalId": role["issuer"]["principalId"] + ":" + inst["id"]}
            ctx.idcache[key] = a
        return a

    def ua(self, kind, svc, name):
        key = (kind, svc, name)
        u = self.ua_cache.get(key)
        if u is None:
            v = self.r.randrange(20, 60)
            if kind == "boto":
                u = UA_BOTO % (v, v, self.r.choice(["AWS_Lambda_python3.12", "AWS_ECS_FARGATE", "EC2"]), v)
            elif kind == "tf":
                u = UA_TF % (svc.replace("-", ""), v * 3)
            elif kind == "golambda":
                u = UA_GO_LAMBDA % svc
            else:
                u = kind
            self.ua_cache[key] = u
        return u

    def record(self, ctx, ui, source, name, req, resp, read_only, ip, agent, *, error=None, resources=None,
               extra=None, category="Management", event_type="AwsApiCall", console=False, vpce=None,
               shared=None, host=None, t=None):
        r = self.r
        ev = r.weighted(EVENT_VERSIONS)
        rec = {"eventVersion": ev, "userIdentity": ui,
               "eventTime": fmt_time(t if t is not None else r.randrange(ctx.t_start, ctx.t_end)),
               "eventSource": source, "eventName": name, "awsRegion": ctx.region, "sourceIPAddress": ip,
               "userAgent": agent}
        if error:
            rec["errorCode"] = error[0]
            rec["errorMessage"] = error[1]
        rec["requestParameters"] = req
        rec["responseElements"] = resp
        if extra is not None:
            rec["additionalEventData"] = extra
        rec["requestID"] = r.uuid() if source != "s3.amazonaws.com" else r.pick(UPPER_ALNUM, 16)
        rec["eventID"] = r.uuid()
        rec["readOnly"] = read_only
        if resources is not None:
            rec["resources"] = resources
        rec["eventType"] = event_type
        rec["managementEvent"] = category == "Management"
        rec["recipientAccountId"] = ctx.acct
        if shared:
            rec["sharedEventID"] = r.uuid()
        if vpce:
            rec["vpcEndpointId"] = vpce
            if ev >= "1.09":
                rec["vpcEndpointAccountId"] = ctx.acct
        rec["eventCategory"] = category
        if not ip.endswith("amazonaws.com"):
            tv, cs = TLS[0] if r.random() < 0.7 else r.choice(TLS)
            rec["tlsDetails"] = {"tlsVersion": tv, "cipherSuite": cs,
                                 "clientProvidedHostHeader": host or "%s.%s.amazonaws.com" % (
                                     source.split(".")[0], ctx.region)}
        if console:
            rec["sessionCredentialFromConsole"] = "true"
        return rec

    def caller(self, ctx, svc, name, kinds):
        """Pick an actor among kinds; returns (userIdentity, ip, userAgent, console, vpce)."""
        r = self.r
        acts = self.world.actors[ctx.acct]
        kind = r.choice(kinds)
        if kind == "instance":
            inst = r.choice(self.world.instance_ids(ctx.acct, ctx.region))
            a = self.instance_actor(ctx, inst)
            via_vpce = r.random() < 0.4
            ip = inst["ip"] if via_vpce else inst["public"]
            return (self.identity(ctx, a), ip, self.ua("boto", svc, name), False,
                    self.world.vpce[(ctx.acct, ctx.region)] if via_vpce else None)
        a = r.choice(acts[kind])
        if kind == "human":
            console = r.random() < 0.45
            ip = r.choice(a["ips"])
            agent = a["ua_browser"] if console else a["ua_cli"].replace("%s", svc + "." + kebab(name))
            return self.identity(ctx, a, console), ip, agent, console, None
        if kind == "iamuser":
            return (self.identity(ctx, a), a["ips"][0], self.ua(a["ua"], svc, name), False, None)
        if kind in ("lambda", "ecs"):
            agent = a["ua"] % svc if a["ua"] is UA_GO_LAMBDA else (
                self.ua("boto", svc, name) if a["ua"] is UA_BOTO else a["ua"])
            return self.identity(ctx, a), r.choice(a["ips"]), agent, False, None
        if kind == "root":
            return self.identity(ctx, a), a["ips"][0], a["ua_browser"], True, None
        # config / statemanager
        return self.identity(ctx, a), a["ips"][0], a["ua"], False, None

    def maybe_fail(self, svc, action, ui, ctx, resource, rate=0.01):
        if self.r.random() >= rate:
            return None
        arn = ui.get("arn", "arn:aws:iam::%s:root" % ctx.acct)
        if svc == "ec2":
            return ("Client.UnauthorizedOperation", "You are not authorized to perform this operation. User: %s is "
                    "not authorized to perform: ec2:%s because no identity-based policy allows the ec2:%s action"
                    % (arn, action, action))
        return ("AccessDenied", "User: %s is not authorized to perform: %s:%s on resource: %s because no "
                "identity-based policy allows the %s:%s action" % (arn, svc, action, resource, svc, action))

    # -- benign -----------------------------------------------------------

    def b_ec2_describe(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        ui, ip, agent, console, vpce = self.caller(ctx, "ec2", name, ["human", "config", "config", "lambda", "ecs",
                                                                      "iamuser", "instance"])
        req = None
        if name == "DescribeInstances":
            if r.random() < 0.5:
                ids = [i["id"] for i in r.sample(self.world.instance_ids(ctx.acct, ctx.region), r.randrange(1, 4))]
                req = {"instancesSet": {"items": [{"instanceId": i} for i in ids]}, "filterSet": {}}
            else:
                req = {"instancesSet": {}, "filterSet": {"items": [
                    {"name": "instance-state-name", "valueSet": {"items": [{"value": "running"}, {"value": "pending"}]}},
                    {"name": "tag:kubernetes.io/cluster/prod-eks", "valueSet": {"items": [{"value": "owned"}]}}]},
                    "maxResults": 1000}
        elif name == "DescribeInstanceStatus":
            req = {"instancesSet": {}, "filterSet": {}, "includeAllInstances": r.random() < 0.5, "maxResults": 1000}
        elif name == "DescribeSecurityGroups":
            req = {"securityGroupIdSet": {"items": [{"groupId": "sg-0" + r.hexs(16)}]}, "securityGroupSet": {},
                   "filterSet": {}}
        elif name == "DescribeVolumes":
            req = {"volumeSet": {}, "filterSet": {"items": [{"name": "attachment.instance-id", "valueSet": {
                "items": [{"value": r.choice(self.world.instance_ids(ctx.acct, ctx.region))["id"]}]}}]}}
        elif name == "DescribeImages":
            req = {"executableBySet": {}, "imagesSet": {"items": [{"imageId": "ami-0" + r.hexs(16)}]},
                   "ownersSet": {}, "availabilityZone": "", "includeDeprecated": False, "filterSet": {}}
        elif name == "DescribeTags":
            req = {"filterSet": {"items": [{"name": "resource-id", "valueSet": {
                "items": [{"value": r.choice(self.world.instance_ids(ctx.acct, ctx.region))["id"]}]}}]}}
        else:
            req = {"filterSet": {}, "maxResults": r.choice([5, 100, 1000])} if r.random() < 0.6 else None
        err = self.maybe_fail("ec2", name, ui, ctx, "*", 0.015)
        return self.record(ctx, ui, "ec2.amazonaws.com", name, req, None, True, ip, agent, error=err,
                           console=console, vpce=vpce)

    def b_ec2_createtags(self, ctx, key):
        r = self.r
        ui, ip, agent, console, vpce = self.caller(ctx, "ec2", "CreateTags", ["iamuser", "lambda", "human"])
        inst = r.choice(self.world.instance_ids(ctx.acct, ctx.region))["id"]
        req = {"resourcesSet": {"items": [{"resourceId": inst}]}, "tagSet": {"items": [
            {"key": "Owner", "value": r.choice(HUMANS)}, {"key": "CostCenter", "value": "cc-%d" % r.randrange(100, 999)}]}}
        return self.record(ctx, ui, "ec2.amazonaws.com", "CreateTags", req, {"requestId": r.uuid(), "_return": True},
                           False, ip, agent, console=console, vpce=vpce)

    def b_s3_mgmt(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        ui, ip, agent, console, vpce = self.caller(ctx, "s3", name, ["human", "config", "config", "iamuser", "lambda"])
        b = r.choice(BUCKETS)
        req = {"Host": "s3.amazonaws.com"} if name == "ListBuckets" else \
            {"bucketName": b, "Host": "%s.s3.%s.amazonaws.com" % (b, ctx.region), name[9:].lower() or "acl": ""}
        extra = {"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256", "bytesTransferredIn": 0,
                 "AuthenticationMethod": "AuthHeader", "x-amz-id-2": r.pick(ALNUM, 76) + "=",
                 "bytesTransferredOut": r.randrange(100, 5000)}
        res = None if name == "ListBuckets" else [{"accountId": ctx.acct, "type": "AWS::S3::Bucket",
                                                   "ARN": "arn:aws:s3:::" + b}]
        err = self.maybe_fail("s3", name, ui, ctx, "arn:aws:s3:::" + b, 0.02)
        if name == "GetBucketPolicy" and err is None and r.random() < 0.3:
            err = ("NoSuchBucketPolicy", "The bucket policy does not exist")
        return self.record(ctx, ui, "s3.amazonaws.com", name, req, None, True, ip, agent, error=err, resources=res,
                           extra=extra, console=console, vpce=vpce, host=req["Host"])

    def b_s3_data(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        ui, ip, agent, console, vpce = self.caller(ctx, "s3", name, ["lambda", "lambda", "ecs", "ecs", "instance",
                                                                     "iamuser", "human"])
        b = r.choice(BUCKETS)
        okey = "%s/%04d/%02d/%s.%s" % (r.choice(["uploads", "exports", "raw/events", "thumbnails", "reports"]),
                                       2024, r.randrange(1, 13), r.hexs(24), r.choice(["json", "parquet", "png", "csv.gz"]))
        host = "%s.s3.%s.amazonaws.com" % (b, ctx.region)
        req = {"bucketName": b, "Host": host, "key": okey}
        if name == "ListObjects":
            req = {"bucketName": b, "Host": host, "list-type": "2", "prefix": okey.rsplit("/", 1)[0] + "/",
                   "encoding-type": "url", "max-keys": "1000"}
        resp = None
        if name == "PutObject":
            resp = {"x-amz-server-side-encryption": "aws:kms",
                    "x-amz-server-side-encryption-aws-kms-key-id":
                        "arn:aws:kms:%s:%s:key/%s" % (ctx.region, ctx.acct, r.uuid()),
                    "x-amz-server-side-encryption-bucket-key-enabled": "true"}
        extra = {"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256",
                 "bytesTransferredIn": r.randrange(0, 900000) if name == "PutObject" else 0,
                 "SSEApplied": "SSE_KMS", "AuthenticationMethod": "AuthHeader",
                 "x-amz-id-2": r.pick(ALNUM, 76) + "=",
                 "bytesTransferredOut": r.randrange(100, 4000000) if name == "GetObject" else 0}
        res = [{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::%s/%s" % (b, okey)},
               {"accountId": ctx.acct, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::" + b}]
        err = self.maybe_fail("s3", name, ui, ctx, "arn:aws:s3:::%s/%s" % (b, okey), 0.01)
        return self.record(ctx, ui, "s3.amazonaws.com", name, req, resp, name != "PutObject", ip, agent, error=err,
                           resources=res, extra=extra, category="Data", console=console, vpce=vpce, host=host)

    def b_iam(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        ui, ip, agent, console, vpce = self.caller(ctx, "iam", name, ["human", "config", "config", "iamuser"])
        if name in ("GetRole", "ListAttachedRolePolicies"):
            req = {"roleName": r.choice(INSTANCE_ROLES + [l + "-role" for l in LAMBDAS])}
        elif name == "GetPolicyVersion":
            req = {"policyArn": "arn:aws:iam::%s:policy/%s" % (ctx.acct, r.choice(["s3-read", "deploy", "ssm-core"])),
                   "versionId": "v%d" % r.randrange(1, 9)}
        elif name == "GetUser":
            req = {"userName": r.choice(["ci-deploy", "legacy-backup", "datadog-integration"])}
        else:
            req = {"maxItems": 100} if r.random() < 0.5 else {"pathPrefix": "/", "maxItems": 1000}
        err = self.maybe_fail("iam", name, ui, ctx, "*", 0.01)
        return self.record(ctx, ui, "iam.amazonaws.com", name, req, None, True, ip, agent, error=err,
                           console=console, host="iam.amazonaws.com")

    def b_sts_assume(self, ctx, key):
        r = self.r
        acts = self.world.actors[ctx.acct]
        roll = r.random()
        if roll < 0.55:  # a service assumes a workload role
            svc = r.choice(["lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "ec2.amazonaws.com",
                            "config.amazonaws.com", "cloudformation.amazonaws.com", "ssm.amazonaws.com"])
            ui = {"type": "AWSService", "invokedBy": svc}
            ip, agent = svc, svc
            role = r.choice(acts["lambda"] + acts["ecs"])
            role_arn, sess = role["issuer"]["arn"], role["name"] if roll < 0.3 else r.hexs(32)
            console = False
        else:
            ui, ip, agent, console, _ = self.caller(ctx, "sts", "AssumeRole", ["human", "iamuser", "lambda", "ecs"])
            role_arn = "arn:aws:iam::%s:role/%s" % (r.choice(self.world.accounts),
                                                    r.choice(["OrganizationAccountAccessRole", "cross-account-audit",
                                                              "terraform-deployer", "datadog-integration-role"]))
            sess = r.choice(["terraform", "audit-%d" % r.randrange(10 ** 9), "botocore-session-%d" % r.randrange(10 ** 9)])
        akid = "ASIA" + r.pick(UPPER, 16)
        req = {"roleArn": role_arn, "roleSessionName": sess, "durationSeconds": 3600}
        resp = {"credentials": {"accessKeyId": akid, "sessionToken": r.pick(ALNUM, 200),
                                "expiration": time.strftime("%b %-d, %Y, %-I:%M:%S %p", time.gmtime(ctx.t_end + 3600))},
                "assumedRoleUser": {"assumedRoleId": "AROA" + r.pick(UPPER, 17) + ":" + sess,
                                    "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (
                                        role_arn.split(":")[4], role_arn.rsplit("/", 1)[1], sess)}}
        res = [{"accountId": role_arn.split(":")[4], "type": "AWS::IAM::Role", "ARN": role_arn}]
        err = self.maybe_fail("sts", "AssumeRole", ui, ctx, role_arn, 0.01)
        if err:
            resp = None
        return self.record(ctx, ui, "sts.amazonaws.com", "AssumeRole", req, resp, True, ip, agent, error=err,
                           resources=res, console=console, shared=ui["type"] == "AWSService" and r.random() < 0.3,
                           host="sts.%s.amazonaws.com" % ctx.region)

    def b_sts_gci(self, ctx, key):
        ui, ip, agent, console, vpce = self.caller(ctx, "sts", "GetCallerIdentity", ["human", "iamuser", "lambda",
                                                                                      "instance", "ecs"])
        return self.record(ctx, ui, "sts.amazonaws.com", "GetCallerIdentity", None, None, True, ip, agent,
                           console=console, vpce=vpce)

    def b_sts_web(self, ctx, key):
        r = self.r
        sub = "system:serviceaccount:%s:%s" % (r.choice(["karpenter", "kube-system", "payments", "observability"]),
                                               r.choice(["karpenter", "aws-load-balancer-controller", "ebs-csi", "app"]))
        oidc = "oidc.eks.%s.amazonaws.com/id/%s" % (ctx.region, r.pick(UPPER_ALNUM, 32))
        ui = {"type": "WebIdentityUser", "principalId": "arn:aws:iam::%s:oidc-provider/%s:sts.amazonaws.com:%s"
                                                        % (ctx.acct, oidc, sub), "userName": sub,
              "identityProvider": "arn:aws:iam::%s:oidc-provider/%s" % (ctx.acct, oidc)}
        role = "arn:aws:iam::%s:role/eks-%s" % (ctx.acct, sub.rsplit(":", 1)[1])
        sess = "botocore-session-%d" % r.randrange(10 ** 9, 10 ** 10)
        req = {"roleArn": role, "roleSessionName": sess}
        resp = {"credentials": {"accessKeyId": "ASIA" + r.pick(UPPER, 16), "sessionToken": r.pick(ALNUM, 120),
                                "expiration": time.strftime("%b %-d, %Y, %-I:%M:%S %p", time.gmtime(ctx.t_end + 3600))},
                "subjectFromWebIdentityToken": sub, "assumedRoleUser": {
                    "assumedRoleId": "AROA" + r.pick(UPPER, 17) + ":" + sess,
                    "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (ctx.acct, role.rsplit("/", 1)[1], sess)},
                "provider": "arn:aws:iam::%s:oidc-provider/%s" % (ctx.acct, oidc), "audience": "sts.amazonaws.com"}
        return self.record(ctx, ui, "sts.amazonaws.com", "AssumeRoleWithWebIdentity", req, resp, True,
                           r.choice(self.world.aws_ips), UA_KARPENTER,
                           resources=[{"accountId": ctx.acct, "type": "AWS::IAM::Role", "ARN": role}])

    def b_kms(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        key_arn = "arn:aws:kms:%s:%s:key/%s" % (ctx.region, ctx.acct, r.uuid())
        if r.random() < 0.5:
            svc = r.choice(["s3.amazonaws.com", "secretsmanager.amazonaws.com", "lambda.amazonaws.com",
                            "ebs.amazonaws.com", "dynamodb.amazonaws.com"])
            ui = {"type": "AWSService", "invokedBy": svc}
            ip, agent, console, vpce = svc, svc, False, None
        else:
            ui, ip, agent, console, vpce = self.caller(ctx, "kms", name, ["lambda", "ecs", "instance", "human"])
        if name == "DescribeKey":
            req = {"keyId": "alias/" + r.choice(["aws/s3", "aws/ebs", "app-prod", "data-lake"])}
        elif name == "GenerateDataKey":
            req = {"keyId": key_arn, "keySpec": "AES_256", "encryptionContext": {
                "aws:s3:arn": "arn:aws:s3:::" + r.choice(BUCKETS)}}
        else:
            req = {"encryptionAlgorithm": "SYMMETRIC_DEFAULT", "encryptionContext": {
                "aws:lambda:FunctionArn": "arn:aws:lambda:%s:%s:function:%s" % (ctx.region, ctx.acct, r.choice(LAMBDAS))}}
        return self.record(ctx, ui, "kms.amazonaws.com", name, req, None, True, ip, agent,
                           resources=[{"accountId": ctx.acct, "type": "AWS::KMS::Key", "ARN": key_arn}],
                           shared=ui["type"] == "AWSService", console=console, vpce=vpce)

    def b_lambda(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        ui, ip, agent, console, vpce = self.caller(ctx, "lambda", name, ["human", "config", "iamuser"])
        req = {"functionName": r.choice(LAMBDAS)} if name.startswith("Get") else None
        return self.record(ctx, ui, "lambda.amazonaws.com", name, req, None, True, ip, agent, console=console)

    def b_lambda_invoke(self, ctx, key):
        r = self.r
        fn = "arn:aws:lambda:%s:%s:function:%s" % (ctx.region, ctx.acct, r.choice(LAMBDAS))
        if r.random() < 0.6:
            svc = r.choice(["apigateway.amazonaws.com", "events.amazonaws.com", "s3.amazonaws.com", "sqs.amazonaws.com"])
            ui, ip, agent, console = {"type": "AWSService", "invokedBy": svc}, svc, svc, False
        else:
            ui, ip, agent, console, _ = self.caller(ctx, "lambda", "Invoke", ["lambda", "ecs", "human"])
        return self.record(ctx, ui, "lambda.amazonaws.com", "Invoke", {"functionName": fn}, None,
                           False, ip, agent, category="Data", extra={"functionVersion": fn + ":$LATEST"},
                           resources=[{"accountId": ctx.acct, "type": "AWS::Lambda::Function", "ARN": fn}])

    def b_cw(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        ui, ip, agent, console, vpce = self.caller(ctx, "cloudwatch", name, ["human", "iamuser", "lambda", "instance"])
        if name == "GetMetricData":
            inst = r.choice(self.world.instance_ids(ctx.acct, ctx.region))["id"]
            req = {"metricDataQueries": [{"id": "m%d" % i, "metricStat": {"metric": {
                "namespace": "AWS/EC2", "metricName": m, "dimensions": [{"name": "InstanceId", "value": inst}]},
                "period": 300, "stat": "Average"}, "returnData": True}
                for i, m in enumerate(["CPUUtilization", "NetworkIn", "NetworkOut"])],
                "startTime": fmt_time(ctx.t_start - 10800), "endTime": fmt_time(ctx.t_start)}
        elif name == "PutMetricData":
            req = {"namespace": "CWAgent", "metricData": [{"metricName": "mem_used_percent",
                                                           "value": round(r.random() * 100, 2)}]}
        else:
            req = {"stateValue": "ALARM", "maxRecords": 100} if r.random() < 0.5 else None
        return self.record(ctx, ui, "monitoring.amazonaws.com", name, req, None, name != "PutMetricData", ip, agent,
                           console=console, vpce=vpce)

    def b_logs(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        ui, ip, agent, console, vpce = self.caller(ctx, "logs", name, ["lambda", "ecs", "instance", "human"])
        group = r.choice(["/aws/lambda/" + r.choice(LAMBDAS), "/ecs/" + r.choice(ECS), "/var/log/messages"])
        if name == "CreateLogStream":
            req = {"logGroupName": group, "logStreamName": "%s/[$LATEST]%s" % (fmt_time(ctx.t_start)[:10], r.hexs(32))}
        elif name == "FilterLogEvents":
            req = {"logGroupName": group, "startTime": (ctx.t_start - 3600) * 1000, "filterPattern": "ERROR",
                   "interleaved": True}
        else:
            req = {"logGroupNamePrefix": group[:5], "limit": 50}
        return self.record(ctx, ui, "logs.amazonaws.com", name, req, None, name != "CreateLogStream", ip, agent,
                           console=console, vpce=vpce)

    def b_misc(self, ctx, key):
        r = self.r
        svc, name = key.split(":")
        ui, ip, agent, console, vpce = self.caller(ctx, svc, name, ["lambda", "ecs", "instance", "human", "config"])
        if svc == "secretsmanager":
            req = {"secretId": "arn:aws:secretsmanager:%s:%s:secret:prod/%s-%s" % (
                ctx.region, ctx.acct, r.choice(["db", "stripe", "sendgrid"]), r.pick(ALNUM, 6))}
        elif svc == "dynamodb":
            req = {"tableName": r.choice(["orders", "sessions", "inventory", "idempotency-keys"])}
        elif svc == "ecr" and name == "BatchGetImage":
            req = {"repositoryName": r.choice(ECS), "imageIds": [{"imageTag": "v1.%d.%d" % (r.randrange(40), r.randrange(9))}],
                   "acceptedMediaTypes": ["application/vnd.docker.distribution.manifest.v2+json"]}
        elif svc == "sqs":
            req = {"queueUrl": "https://sqs.%s.amazonaws.com/%s/%s" % (ctx.region, ctx.acct, r.choice(["orders", "dlq"])),
                   "attributeNames": ["All"]}
        elif svc == "elasticloadbalancing":
            req = {"targetGroupArn": "arn:aws:elasticloadbalancing:%s:%s:targetgroup/%s/%s" % (
                ctx.region, ctx.acct, r.choice(ECS), r.hexs(16))}
        else:
            req = None
        return self.record(ctx, ui, svc + ".amazonaws.com", name, req, None, True, ip, agent, console=console,
                           vpce=vpce)

    def b_console_login(self, ctx, key):
        r = self.r
        a = r.choice(self.world.actors[ctx.acct]["human"])
        ui = {"type": "AssumedRole", "principalId": a["principalId"], "arn": a["arn"], "accountId": ctx.acct,
              "sessionContext": {"sessionIssuer": a["issuer"], "webIdFederationData": {},
                                 "attributes": {"creationDate": fmt_time(ctx.t_start), "mfaAuthenticated": "false"}}}
        rec = self.record(ctx, ui, "signin.amazonaws.com", "ConsoleLogin", None, {"ConsoleLogin": "Success"}, False,
                          a["ips"][0], a["ua_browser"], event_type="AwsConsoleSignIn",
                          extra={"LoginTo": "https://console.aws.amazon.com/console/home", "MobileVersion": "No",
                                 "MFAUsed": "No", "SamlProviderArn": "arn:aws:iam::%s:saml-provider/AWSSSO_%s_DO_NOT_DELETE"
                                                                     % (ctx.acct, r.hexs(16))},
                          host="signin.aws.amazon.com")
        del rec["requestID"]
        return rec

    def b_root(self, ctx, key):
        ui, ip, agent, console, _ = self.caller(ctx, "s3", "ListBuckets", ["root"])
        return self.record(ctx, ui, "s3.amazonaws.com", "ListBuckets", {"Host": "s3.amazonaws.com"}, None, True,
                           ip, agent, console=True, host="s3.amazonaws.com")

    # -- hard negatives -----------------------------------------------------

    def h_ssm_param(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        ui, ip, agent, console, vpce = self.caller(ctx, "ssm", name, ["lambda", "lambda", "ecs", "instance", "instance",
                                                                      "human", "iamuser"])
        if name == "GetParameter":
            req = {"name": r.choice(PARAMS), "withDecryption": r.random() < 0.7}
        elif name == "GetParameters":
            req = {"names": r.sample(PARAMS, r.randrange(2, 5)), "withDecryption": True}
        else:
            req = {"path": r.choice(["/app/prod/", "/platform/", "/app/staging/"]), "recursive": True,
                   "withDecryption": True}
        err = self.maybe_fail("ssm", name, ui, ctx, "arn:aws:ssm:%s:%s:parameter%s" % (ctx.region, ctx.acct, PARAMS[0]), 0.02)
        return self.record(ctx, ui, "ssm.amazonaws.com", name, req, None, True, ip, agent, error=err, console=console,
                           vpce=vpce)

    def h_ssm_read(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        ui, ip, agent, console, vpce = self.caller(ctx, "ssm", name, ["human", "config", "lambda", "iamuser"])
        inst = r.choice(self.world.instance_ids(ctx.acct, ctx.region))["id"]
        if name == "DescribeInstanceInformation":
            req = {"filters": [{"key": "InstanceIds", "values": [inst]}]} if r.random() < 0.5 else {"maxResults": 50}
        elif name == "GetCommandInvocation":
            req = {"commandId": r.uuid(), "instanceId": inst, "pluginName": "aws:runShellScript"}
        elif name == "ListCommands":
            req = {"instanceId": inst, "maxResults": 50} if r.random() < 0.5 else {"commandId": r.uuid()}
        elif name == "DescribeSessions":
            req = {"state": "Active", "filters": [{"key": "Target", "value": inst}]}
        elif name == "GetConnectionStatus":
            req = {"target": inst}
        else:
            req = {"maxResults": 50}
        return self.record(ctx, ui, "ssm.amazonaws.com", name, req, None, True, ip, agent, console=console, vpce=vpce)

    def agent_caller(self, ctx):
        r = self.r
        inst = r.choice(self.world.instance_ids(ctx.acct, ctx.region))
        a = self.instance_actor(ctx, inst)
        via_vpce = r.random() < 0.5
        agent = self.ua_cache.get(("ssm-agent", inst["id"]))
        if agent is None:
            agent = UA_SSM_AGENT % (r.randrange(200, 340), r.randrange(1, 14), r.randrange(20, 60))
            self.ua_cache[("ssm-agent", inst["id"])] = agent
        return inst, self.identity(ctx, a), inst["ip"] if via_vpce else inst["public"], agent, \
            self.world.vpce[(ctx.acct, ctx.region)] if via_vpce else None

    def h_ssm_uii(self, ctx, key):
        r = self.r
        inst, ui, ip, agent, vpce = self.agent_caller(ctx)
        win = inst["windows"]
        req = {"instanceId": inst["id"], "agentVersion": agent.rsplit("/", 1)[1], "agentStatus": "Active",
               "platformType": "Windows" if win else "Linux",
               "platformName": "Microsoft Windows Server 2022 Datacenter" if win else "Amazon Linux",
               "platformVersion": "10.0.20348" if win else "2023", "iPAddress": inst["ip"],
               "computerName": ("EC2AMAZ-" + r.pick(UPPER_ALNUM, 7)) if win else
               "ip-%s.ec2.internal" % inst["ip"].replace(".", "-"),
               "agentName": "amazon-ssm-agent", "availabilityZone": ctx.region + "a", "availabilityZoneId": inst["az"],
               "sSMConnectionChannel": "ssmmessages"}
        return self.record(ctx, ui, "ssm.amazonaws.com", "UpdateInstanceInformation", req, None, False, ip, agent,
                           vpce=vpce)

    def h_ssm_agent_read(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        inst, ui, ip, agent, vpce = self.agent_caller(ctx)
        if name == "PutInventory":
            req = {"instanceId": inst["id"], "items": [{"typeName": "AWS:InstanceInformation", "schemaVersion": "1.0",
                                                        "captureTime": fmt_time(ctx.t_start),
                                                        "contentHash": r.pick(ALNUM, 43) + "="}]}
        elif name == "GetDeployablePatchSnapshotForInstance":
            req = {"instanceId": inst["id"], "snapshotId": r.uuid()}
        else:
            req = {"instanceId": inst["id"]}
        return self.record(ctx, ui, "ssm.amazonaws.com", name, req, None, name != "PutInventory", ip, agent, vpce=vpce)

    def h_ssmmessages(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        inst, ui, ip, agent, vpce = self.agent_caller(ctx)
        if name == "CreateControlChannel":
            req = {"channelId": inst["id"]}
            resp = {"messageSchemaVersion": "1.0", "tokenValue": "Value hidden due to security reasons."}
        else:
            req = {"channelId": inst["id"]}
            resp = None
        return self.record(ctx, ui, "ssmmessages.amazonaws.com", name, req, resp, False, ip, agent, vpce=vpce)

    def h_ec2messages(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        inst, ui, ip, agent, vpce = self.agent_caller(ctx)
        if name == "GetMessages":
            req = {"destination": inst["id"], "messagesRequestId": r.uuid(), "visibilityTimeoutInSeconds": 10}
        elif name == "AcknowledgeMessage":
            req = {"messageId": "aws.ssm.%s.%s" % (r.uuid(), inst["id"])}
        elif name == "SendHeartbeat":
            req = {"destination": inst["id"]}
        else:
            req = {"destination": inst["id"]}
        return self.record(ctx, ui, "ec2messages.amazonaws.com", name, req, None, name == "GetEndpoint", ip, agent,
                           vpce=vpce)

    def h_athena(self, ctx, key):
        r = self.r
        name = key.split(":")[1]
        ui, ip, agent, console, vpce = self.caller(ctx, "athena", name, ["human", "lambda", "iamuser"])
        sid = r.uuid()
        if name == "StartSession":
            req = {"workGroup": r.choice(["spark-analytics", "data-science"]),
                   "engineConfiguration": {"coordinatorDpuSize": 1, "maxConcurrentDpus": 20, "defaultExecutorDpuSize": 1},
                   "notebookVersion": "Athena notebook version 1", "sessionIdleTimeoutInMinutes": 20,
                   "clientRequestToken": r.uuid()}
            resp = {"sessionId": sid, "state": "CREATING"}
        elif name == "TerminateSession":
            req, resp = {"sessionId": sid}, {"state": "TERMINATING"}
        else:
            req, resp = {"sessionId": sid}, None
        return self.record(ctx, ui, "athena.amazonaws.com", name, req, resp, name == "GetSession", ip, agent,
                           console=console)

    def h_iot_tunnel(self, ctx, key):
        r = self.r
        ui, ip, agent, console, vpce = self.caller(ctx, "iotsecuredtunneling", "OpenTunnel", ["human", "lambda"])
        tid = r.uuid()
        req = {"description": "field device maintenance", "destinationConfig": {
            "thingName": "gateway-%04d" % r.randrange(10000), "services": ["SSH"]}, "timeoutConfig": {"maxLifetimeTimeoutMinutes": 60}}
        resp = {"tunnelId": tid, "tunnelArn": "arn:aws:iot:%s:%s:tunnel/%s" % (ctx.region, ctx.acct, tid),
                "sourceAccessToken": "HIDDEN_DUE_TO_SECURITY_REASONS", "destinationAccessToken": "HIDDEN_DUE_TO_SECURITY_REASONS"}
        return self.record(ctx, ui, "iotsecuredtunneling.amazonaws.com", "OpenTunnel", req, resp, False, ip, agent,
                           console=console, host="api.tunneling.iot.%s.amazonaws.com" % ctx.region)

    def h_eice_describe(self, ctx, key):
        ui, ip, agent, console, vpce = self.caller(ctx, "ec2", "DescribeInstanceConnectEndpoints", ["human", "config"])
        return self.record(ctx, ui, "ec2.amazonaws.com", "DescribeInstanceConnectEndpoints",
                           {"DescribeInstanceConnectEndpointsRequest": {"MaxResults": 50}}, None, True, ip, agent,
                           console=console)

    def s_statemanager(self, ctx, key, variant=None, fail=False):
        r = self.r
        if r.random() < 0.5:
            ui, ip, agent, _, _ = self.caller(ctx, "ssm", "SendCommand", ["statemanager"])
        else:
            ui = {"type": "AWSService", "invokedBy": "ssm.amazonaws.com"}
            ip = agent = "ssm.amazonaws.com"
        insts = [i["id"] for i in r.sample(self.world.instance_ids(ctx.acct, ctx.region), r.randrange(1, 6))]
        assoc = r.uuid()
        return self.record(ctx, ui, "ssm.amazonaws.com", "SendCommand", *self.send_command_body(
            ctx, insts, "AWS-RunPatchBaseline", {"Operation": ["Scan"], "SnapshotId": [r.uuid()]}, assoc), ip, agent)

    # -- true positives -----------------------------------------------------

    def human_caller(self, ctx, svc, name):
        r = self.r
        if r.random() < 0.85:
            return self.caller(ctx, svc, name, ["human"])
        return self.caller(ctx, svc, name, ["iamuser"])

    def denied(self, ui, ctx, svc, action, inst):
        return ("AccessDenied", "User: %s is not authorized to perform: %s:%s on resource: "
                "arn:aws:ec2:%s:%s:instance/%s because no identity-based policy allows the %s:%s action"
                % (ui.get("arn"), svc, action, ctx.region, ctx.acct, inst, svc, action))

    def p_start_session(self, ctx, key, variant, fail):
        r = self.r
        ui, ip, agent, console, vpce = self.human_caller(ctx, "ssm", "StartSession")
        inst = r.choice(self.world.instance_ids(ctx.acct, ctx.region))
        req = {"target": inst["id"]}
        if variant == "AWS-StartSSHSession":
            req = {"target": inst["id"], "documentName": variant, "parameters": {"portNumber": ["22"]}}
        elif variant == "AWS-StartPortForwardingSession":
            port = r.choice(["3389", "8080", "5432", "22"])
            req = {"target": inst["id"], "documentName": variant,
                   "parameters": {"portNumber": [port], "localPortNumber": [str(r.randrange(1025, 65535))]}}
        elif variant == "AWS-StartPortForwardingSessionToRemoteHost":
            req = {"target": inst["id"], "documentName": variant,
                   "parameters": {"host": [r.choice(REMOTE_HOSTS)], "portNumber": [r.choice(["5432", "3306", "6379", "443"])],
                                  "localPortNumber": [str(r.randrange(1025, 65535))]}}
        elif variant:
            req = {"target": inst["id"], "documentName": variant, "parameters": {"command": ["sudo tail -n 200 /var/log/secure"]}}
        if variant and console:  # port forwarding and SSH need the CLI's session-manager-plugin
            agent = UA_CLI[r.randrange(len(UA_CLI))] % 9 % "ssm.start-session"
            console = False
        sess_owner = ui.get("userName") or ui.get("arn", "root").rsplit("/", 1)[-1].split("@")[0]
        sid = "%s-%s" % (sess_owner, r.hexs(17))
        self.sessions.append((sid, ctx.acct, ctx.region, ui, inst))
        del self.sessions[:-50]
        if fail:
            err, resp = self.denied(ui, ctx, "ssm", "StartSession", inst["id"]), None
        else:
            err = None
            resp = {"sessionId": sid, "tokenValue": "Value hidden due to security reasons.",
                    "streamUrl": "wss://ssmmessages.%s.amazonaws.com/v1/data-channel/%s?role=publish_subscribe&cell-number=%s"
                                 % (ctx.region, sid, r.pick(ALNUM, 40))}
        return self.record(ctx, ui, "ssm.amazonaws.com", "StartSession", req, resp, False, ip, agent, error=err,
                           console=console, vpce=vpce)

    def p_session_followup(self, ctx, name, fail):
        r = self.r
        same = [s for s in self.sessions if s[1] == ctx.acct and s[2] == ctx.region]
        if same and r.random() < 0.8:
            sid, _, _, ui, inst = r.choice(same)
            _, ip, agent, console, vpce = self.human_caller(ctx, "ssm", name)
        else:
            ui, ip, agent, console, vpce = self.human_caller(ctx, "ssm", name)
            inst = r.choice(self.world.instance_ids(ctx.acct, ctx.region))
            sid = "%s-%s" % ((ui.get("userName") or ui.get("arn", "x").rsplit("/", 1)[-1]).split("@")[0], r.hexs(17))
        req = {"sessionId": sid}
        if fail:
            return self.record(ctx, ui, "ssm.amazonaws.com", name, req, None, False, ip, agent, console=console,
                               error=("AccessDenied", "User: %s is not authorized to perform: ssm:%s on resource: "
                                      "arn:aws:ssm:%s:%s:session/%s" % (ui.get("arn"), name, ctx.region, ctx.acct, sid)))
        if name == "TerminateSession":
            resp = {"sessionId": sid}
        else:
            resp = {"sessionId": sid, "tokenValue": "Value hidden due to security reasons.",
                    "streamUrl": "wss://ssmmessages.%s.amazonaws.com/v1/data-channel/%s?role=publish_subscribe&cell-number=%s"
                                 % (ctx.region, sid, r.pick(ALNUM, 40))}
        return self.record(ctx, ui, "ssm.amazonaws.com", name, req, resp, False, ip, agent, console=console, vpce=vpce)

    def p_terminate(self, ctx, key, variant, fail):
        return self.p_session_followup(ctx, "TerminateSession", fail)

    def p_resume(self, ctx, key, variant, fail):
        return self.p_session_followup(ctx, "ResumeSession", fail)

    def send_command_body(self, ctx, insts, doc, params, assoc=None):
        r = self.r
        req = {"instanceIds": insts, "documentName": doc, "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS",
               "interactive": False}
        if assoc:
            req = {"targets": [{"key": "InstanceIds", "values": insts}], "documentName": doc,
                   "documentVersion": "$DEFAULT", "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS",
                   "associationId": assoc, "maxConcurrency": "50", "maxErrors": "0", "interactive": False}
        when = ctx.t_end - 30
        resp = {"command": {
            "commandId": r.uuid(), "documentName": doc, "documentVersion": "$DEFAULT", "comment": "",
            "expiresAfter": time.strftime("%b %-d, %Y, %-I:%M:%S %p", time.gmtime(when + 7200)),
            "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS", "instanceIds": [] if assoc else insts,
            "targets": [{"key": "InstanceIds", "values": insts}] if assoc else [],
            "requestedDateTime": time.strftime("%b %-d, %Y, %-I:%M:%S %p", time.gmtime(when)), "status": "Pending",
            "statusDetails": "Pending", "outputS3Region": ctx.region, "outputS3BucketName": "", "outputS3KeyPrefix": "",
            "maxConcurrency": "50", "maxErrors": "0", "targetCount": len(insts), "completedCount": 0, "errorCount": 0,
            "deliveryTimedOutCount": 0, "serviceRole": "",
            "notificationConfig": {"notificationArn": "", "notificationEvents": [], "notificationType": ""},
            "cloudWatchOutputConfig": {"cloudWatchLogGroupName": "", "cloudWatchOutputEnabled": False},
            "timeoutSeconds": 3600, "alarmConfiguration": {"ignorePollAlarmFailure": False, "alarms": []},
            "triggeredAlarms": []}}
        return req, resp, False

    def p_send_command(self, ctx, key, variant, fail):
        r = self.r
        ui, ip, agent, console, vpce = self.human_caller(ctx, "ssm", "SendCommand")
        insts = [i["id"] for i in r.sample(self.world.instance_ids(ctx.acct, ctx.region), r.randrange(1, 3))]
        req, resp, ro = self.send_command_body(ctx, insts, variant, None)
        err = None
        if fail:
            err, resp = self.denied(ui, ctx, "ssm", "SendCommand", insts[0]), None
        return self.record(ctx, ui, "ssm.amazonaws.com", "SendCommand", req, resp, ro, ip, agent, error=err,
                           console=console, vpce=vpce)

    def p_automation(self, ctx, key, variant, fail):
        r = self.r
        ui, ip, agent, console, vpce = self.human_caller(ctx, "ssm", "StartAutomationExecution")
        inst = r.choice(self.world.instance_ids(ctx.acct, ctx.region))["id"]
        doc = r.choice(DOCS_AUTOMATION)
        req = {"documentName": doc, "parameters": {"InstanceId": [inst]}}
        if doc == "AWSSupport-ResetAccess":
            req["parameters"]["EC2RescueInstanceType"] = ["t3.medium"]
        resp = {"automationExecutionId": r.uuid()}
        err = None
        if fail:
            err, resp = ("AccessDeniedException", "User: %s is not authorized to perform: ssm:StartAutomationExecution "
                         "on resource: arn:aws:ssm:%s:%s:automation-definition/%s:$DEFAULT"
                         % (ui.get("arn"), ctx.region, ctx.acct, doc)), None
        return self.record(ctx, ui, "ssm.amazonaws.com", "StartAutomationExecution", req, resp, False, ip, agent,
                           error=err, console=console, vpce=vpce)

    def ssh_key(self):
        r = self.r
        if r.random() < 0.6:
            return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + r.pick(ALNUM, 43)
        return "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + r.pick(ALNUM + "+/", 340) + "=="

    def p_eic(self, ctx, key, variant, fail):
        r = self.r
        ui, ip, agent, console, vpce = self.human_caller(ctx, "ec2-instance-connect", "SendSSHPublicKey")
        inst = r.choice(self.world.instance_ids(ctx.acct, ctx.region))["id"]
        req = {"instanceId": inst, "instanceOSUser": r.choice(OS_USERS), "sSHPublicKey": self.ssh_key()}
        resp = {"requestId": r.uuid(), "success": True}
        err = None
        if fail:
            err, resp = self.denied(ui, ctx, "ec2-instance-connect", "SendSSHPublicKey", inst), None
        return self.record(ctx, ui, "ec2-instance-connect.amazonaws.com", "SendSSHPublicKey", req, resp, False, ip,
                           agent, error=err, console=console)

    def p_serial(self, ctx, key, variant, fail):
        r = self.r
        ui, ip, agent, console, vpce = self.human_caller(ctx, "ec2-instance-connect", "SendSerialConsoleSSHPublicKey")
        inst = r.choice(self.world.instance_ids(ctx.acct, ctx.region))["id"]
        req = {"instanceId": inst, "serialPort": 0, "sSHPublicKey": self.ssh_key()}
        resp = {"requestId": r.uuid(), "success": True}
        err = None
        if fail:
            err, resp = self.denied(ui, ctx, "ec2-instance-connect", "SendSerialConsoleSSHPublicKey", inst), None
        return self.record(ctx, ui, "ec2-instance-connect.amazonaws.com", "SendSerialConsoleSSHPublicKey", req, resp,
                           False, ip, agent, error=err, console=console)

    def p_open_tunnel(self, ctx, key, variant, fail):
        r = self.r
        ui, ip, agent, console, vpce = self.human_caller(ctx, "ec2-instance-connect", "OpenTunnel")
        inst = r.choice(self.world.instance_ids(ctx.acct, ctx.region))
        eice = "eice-0" + r.hexs(16)
        req = {"instanceConnectEndpointId": eice, "maxTunnelDuration": "3600",
               "remotePort": r.choice(["22", "22", "3389"]), "privateIpAddress": inst["ip"]}
        err = None
        if fail:
            err = ("AccessDenied", "User: %s is not authorized to perform: ec2-instance-connect:OpenTunnel on resource: "
                   "arn:aws:ec2:%s:%s:instance-connect-endpoint/%s" % (ui.get("arn"), ctx.region, ctx.acct, eice))
        return self.record(ctx, ui, "ec2-instance-connect.amazonaws.com", "OpenTunnel", req, None, False, ip, agent,
                           error=err, console=console, host="%s.ec2-instance-connect-endpoint.%s.amazonaws.com"
                                                            % (eice, ctx.region))

    # -- driver -------------------------------------------------------------

    def one(self, ctx, forced=None):
        r = self.r
        if forced is not None:
            cls, key, fn, variant, fail = forced
            if cls == "true-positive":
                rec = fn(ctx, key, variant, fail)
            elif cls == "seed-only":
                rec = fn(ctx, key)
            else:
                rec = fn(ctx, key)
        else:
            roll = r.random()
            if roll < self.positive_rate:
                key, fn, variant = r.weighted(self.positives)
                cls = "true-positive"
                rec = fn(ctx, key, variant, r.random() < self.failure_rate)
            elif roll < self.positive_rate + self.seed_fp_rate:
                cls, key, fn = self.seed_fp
                rec = fn(ctx, key)
            else:
                cls, key, fn = r.weighted(self.background)
                if key.startswith("iam:") and ctx.region != "us-east-1":
                    key, fn = "sts:AssumeRole", self.b_sts_assume  # IAM is global: its events land in us-east-1
                rec = fn(ctx, key)
        k = (cls, rec["eventSource"], rec["eventName"])
        self.counts[k] = self.counts.get(k, 0) + 1
        if cls == "true-positive" or cls == "seed-only":
            ok = "errorCode" not in rec
            kc = self.kinds.setdefault(key, [0, 0])
            kc[0 if ok else 1] += 1
            self.ids.setdefault(k, []).append((rec["eventID"], ok))
        return rec


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"),
                    help="output directory (default: bench/data)")
    ap.add_argument("--mb", type=float, default=300, help="target total size in MB (10^6 bytes; default 300)")
    ap.add_argument("--seed", type=int, default=20240301, help="random seed (default 20240301)")
    ap.add_argument("--accounts", type=int, default=4, help="number of AWS accounts (default 4)")
    ap.add_argument("--min-kb", type=float, default=15, help="smallest file size, KB (default 15)")
    ap.add_argument("--max-kb", type=float, default=4096, help="largest file size, KB (default 4096)")
    ap.add_argument("--positive-rate", type=float, default=0.0005,
                    help="share of records that are true positives (default 0.0005 = 0.05%%)")
    ap.add_argument("--failure-rate", type=float, default=0.1,
                    help="share of true positives that fail with AccessDenied (default 0.1)")
    ap.add_argument("--min-each", type=int, default=2,
                    help="force each true-positive kind at least this many times (default 2; the 2nd fails)")
    ap.add_argument("--manifest", default=None,
                    help="write exact counts and non-benign event IDs here (default: <out>/../out/gen_manifest.json)")
    ap.add_argument("--start", default="2024-03-01T00:00:00Z", help="first delivery time (UTC)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)

    t0 = time.time()
    os.makedirs(args.out, exist_ok=True)
    manifest = args.manifest or os.path.join(os.path.dirname(os.path.abspath(args.out)), "out", "gen_manifest.json")
    if os.path.exists(manifest):
        os.remove(manifest)  # written again at the end: a missing manifest means an unfinished data set
    if any("_CloudTrail_" in n for n in os.listdir(args.out)):
        print("warning: %s already holds CloudTrail files; new files are added beside them" % args.out,
              file=sys.stderr)
    gen = Gen(args.seed, args.accounts, args.positive_rate, args.failure_rate, args.min_each)
    r = gen.r
    target = int(args.mb * 1e6)
    import calendar
    clock = calendar.timegm(time.strptime(args.start, "%Y-%m-%dT%H:%M:%SZ"))
    lo, hi = args.min_kb * 1000, args.max_kb * 1000
    import math
    llo, lhi = math.log(lo), math.log(hi)
    total = files = records = 0
    forced = gen.forced
    while total < target:
        clock += r.randrange(5, 90)
        acct = r.choice(gen.world.accounts)
        region = r.weighted(REGIONS)
        ctx = FileCtx(gen, acct, region, clock)
        want = min(math.exp(r.uniform(llo, lhi)), max(target - total, lo))
        parts = []
        size = len('{"Records":[]}')
        last = False
        while size < want or (last := (total + size >= target and forced)):
            f = None
            if forced and (last or r.random() < 0.004):
                f = forced.pop()
            s = DUMPS(gen.one(ctx, f))
            parts.append(s)
            size += len(s) + 1
            if last and not forced:
                break
        stamp = time.strftime("%Y%m%dT%H%MZ", time.gmtime(ctx.t_end))
        name = "%s_CloudTrail_%s_%s_%s.json" % (acct, region, stamp, r.pick(ALNUM, 16))
        body = '{"Records":[' + ",".join(parts) + "]}"
        with open(os.path.join(args.out, name), "w", encoding="ascii") as fh:
            fh.write(body)
        total += len(body)
        files += 1
        records += len(parts)
    elapsed = time.time() - t0

    # ---- report
    by_class = {}
    for (cls, src, name), n in gen.counts.items():
        by_class.setdefault(cls, []).append((n, src, name))
    out = sys.stderr if args.quiet else sys.stdout
    if not args.quiet:
        print("%-14s %-36s %-32s %9s" % ("class", "eventSource", "eventName", "count"), file=out)
        for cls in ("true-positive", "seed-only", "hard-negative", "benign"):
            rows = sorted(by_class.get(cls, []), key=lambda x: (-x[0], x[1], x[2]))
            sub = sum(x[0] for x in rows)
            for n, src, name in (rows if cls != "benign" else rows[:12]):
                print("%-14s %-36s %-32s %9d" % (cls, src, name, n), file=out)
            if cls == "benign" and len(rows) > 12:
                print("%-14s %-36s %-32s %9d" % (cls, "(%d more event names)" % (len(rows) - 12), "",
                                                 sum(x[0] for x in rows[12:])), file=out)
            print("%-14s %-36s %-32s %9d  (%.3f%%)" % (cls, "TOTAL", "", sub, 100.0 * sub / max(records, 1)), file=out)
    if not args.quiet:
        print("\ntrue positives by kind (and the State Manager look-alike):", file=out)
        for key, (ok, bad) in sorted(gen.kinds.items()):
            print("  %-64s %6d ok %5d failed" % (key, ok, bad), file=out)
    print("wrote %d files, %d records, %d bytes (%.1f MB) to %s in %.1f s (%.1f MB/s)"
          % (files, records, total, total / 1e6, args.out, elapsed, total / 1e6 / max(elapsed, 1e-9)), file=out)

    os.makedirs(os.path.dirname(manifest), exist_ok=True)
    with open(manifest, "w") as fh:
        json.dump({"seed": args.seed, "mb": args.mb, "out": os.path.abspath(args.out), "files": files,
                   "records": records, "bytes": total,
                   "kinds": {k: {"ok": v[0], "failed": v[1]} for k, v in sorted(gen.kinds.items())},
                   "counts": [{"class": c, "eventSource": s, "eventName": n, "count": k}
                              for (c, s, n), k in sorted(gen.counts.items())],
                   "events": [{"class": c, "eventSource": s, "eventName": n,
                               "ids": [i for i, _ in v], "failed": [i for i, ok in v if not ok]}
                              for (c, s, n), v in sorted(gen.ids.items())]},
                  fh, indent=1)
    if not args.quiet:
        print("manifest: %s" % manifest, file=out)


if __name__ == "__main__":
    main()
