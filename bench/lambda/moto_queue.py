#!/usr/bin/env python3
"""moto helper for bench/lambda-coldstart.sh, standard library only (no boto3).

  moto_queue.py free-port
  moto_queue.py wait ENDPOINT [SECONDS]          exits 0 once moto_server answers
  moto_queue.py setup ENDPOINT NAME              prints "TOPIC_ARN QUEUE_URL": a topic with an SQS queue subscribed
  moto_queue.py table ENDPOINT NAME              creates the state table as template.yaml declares it (pk, sk)
  moto_queue.py drain ENDPOINT QUEUE_URL         reads and deletes every waiting message; prints
                                                 "messages=N findings=N hellos=N finding_ids=a,b"

Requests use the SNS / SQS query APIs. moto does not check signatures; the Authorization header only tells it
which service a request is for.
"""
import json
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

SNS_VERSION = "2010-03-31"
SQS_VERSION = "2012-11-05"


def call(endpoint, service, version, params, url=None):
    params = dict(params, Version=version)
    data = urllib.parse.urlencode(params).encode()
    req = urllib.request.Request(url or endpoint + "/", data=data, method="POST")
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    req.add_header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/%s/aws4_request, "
                   "SignedHeaders=host, Signature=0" % service)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return ET.fromstring(r.read())
    except urllib.error.HTTPError as e:
        sys.exit("moto %s %s failed: %s %s" % (service, params.get("Action"), e.code, e.read()[:500]))


def find(root, tag):
    """Every element named tag, namespace ignored."""
    return [e for e in root.iter() if e.tag.split("}")[-1] == tag]


def text(root, tag):
    found = find(root, tag)
    if not found:
        sys.exit("no <%s> in moto response: %s" % (tag, ET.tostring(root)[:500]))
    return found[0].text


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def wait(endpoint, seconds=60.0):
    deadline = time.time() + float(seconds)
    while time.time() < deadline:
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=2).read()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("moto_server at %s did not answer within %ss" % (endpoint, seconds))


def setup(endpoint, name):
    topic = text(call(endpoint, "sns", SNS_VERSION, {"Action": "CreateTopic", "Name": name}), "TopicArn")
    queue_url = text(call(endpoint, "sqs", SQS_VERSION, {"Action": "CreateQueue", "QueueName": name + "-q"}),
                     "QueueUrl")
    attrs = call(endpoint, "sqs", SQS_VERSION, {"Action": "GetQueueAttributes", "QueueUrl": queue_url,
                                                 "AttributeName.1": "QueueArn"}, url=queue_url)
    queue_arn = text(attrs, "Value")
    call(endpoint, "sns", SNS_VERSION, {"Action": "Subscribe", "TopicArn": topic, "Protocol": "sqs",
                                        "Endpoint": queue_arn})
    print(topic, queue_url)


def table(endpoint, name):
    body = json.dumps({"TableName": name, "BillingMode": "PAY_PER_REQUEST",
                       "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                                {"AttributeName": "sk", "AttributeType": "S"}],
                       "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                     {"AttributeName": "sk", "KeyType": "RANGE"}]}).encode()
    req = urllib.request.Request(endpoint + "/", data=body, method="POST")
    req.add_header("Content-Type", "application/x-amz-json-1.0")
    req.add_header("X-Amz-Target", "DynamoDB_20120810.CreateTable")
    req.add_header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/dynamodb/aws4_request, "
                   "SignedHeaders=host, Signature=0")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            r.read()
    except urllib.error.HTTPError as e:
        sys.exit("moto dynamodb CreateTable failed: %s %s" % (e.code, e.read()[:500]))


def drain(endpoint, queue_url):
    messages = findings = hellos = 0
    ids = []
    while True:
        resp = call(endpoint, "sqs", SQS_VERSION, {"Action": "ReceiveMessage", "QueueUrl": queue_url,
                                                    "MaxNumberOfMessages": "10", "WaitTimeSeconds": "0",
                                                    "VisibilityTimeout": "30"}, url=queue_url)
        batch = find(resp, "Message")
        if not batch:
            break
        for m in batch:
            messages += 1
            body = text(m, "Body")
            try:
                envelope = json.loads(body)
                message = envelope.get("Message", "") if isinstance(envelope, dict) else body
            except ValueError:
                message = body
            if message.startswith("hello "):
                hellos += 1
            else:
                try:
                    finding = json.loads(message)
                except ValueError:
                    finding = None
                if isinstance(finding, dict) and "finding_id" in finding:
                    findings += 1
                    ids.append(str(finding["finding_id"]))
            call(endpoint, "sqs", SQS_VERSION, {"Action": "DeleteMessage", "QueueUrl": queue_url,
                                                "ReceiptHandle": text(m, "ReceiptHandle")}, url=queue_url)
    print("messages=%d findings=%d hellos=%d finding_ids=%s" % (messages, findings, hellos, ",".join(ids) or "-"))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "free-port":
        free_port()
    elif cmd == "wait":
        wait(*args)
    elif cmd == "setup":
        setup(*args)
    elif cmd == "table":
        table(*args)
    elif cmd == "drain":
        drain(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
