package dev.sidedoor.bench;

/** Realistic CloudTrail records for the benchmark: 1 in 100 a positive, 1 in 10 an SSM hard negative. */
final class SampleRecords {

    private SampleRecords() {
    }

    static String record(int i) {
        String identity = "{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLEID:session-" + (i % 17) + "\","
                + "\"arn\":\"arn:aws:sts::123456789012:assumed-role/AppRole/session-" + (i % 17) + "\","
                + "\"accountId\":\"123456789012\",\"accessKeyId\":\"ASIAEXAMPLE" + (i % 97) + "\","
                + "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAEXAMPLEID\","
                + "\"arn\":\"arn:aws:iam::123456789012:role/AppRole\",\"accountId\":\"123456789012\",\"userName\":\"AppRole\"},"
                + "\"attributes\":{\"creationDate\":\"2026-11-18T08:00:00Z\",\"mfaAuthenticated\":\"false\"}}}";
        String head = "{\"eventVersion\":\"1.09\",\"userIdentity\":" + identity + ",\"eventTime\":\"2026-11-18T09:"
                + String.format("%02d:%02d", (i / 60) % 60, i % 60) + "Z\",";
        String tail = ",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"198.51.100." + (i % 250) + "\","
                + "\"userAgent\":\"aws-cli/2.17.0 Python/3.12.6 Linux/6.1 exe/x86_64.amzn.2023\","
                + "\"requestID\":\"req-" + i + "\",\"eventID\":\"00000000-0000-4000-8000-" + String.format("%012d", i) + "\","
                + "\"readOnly\":true,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
                + "\"recipientAccountId\":\"123456789012\",\"eventCategory\":\"Management\","
                + "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\","
                + "\"clientProvidedHostHeader\":\"ec2.eu-west-1.amazonaws.com\"}}";
        if (i % 100 == 7) {
            return head + "\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"StartSession\","
                    + "\"requestParameters\":{\"target\":\"i-0a1b2c3d4e5f60718\",\"documentName\":\"AWS-StartSSHSession\","
                    + "\"parameters\":{\"portNumber\":[\"22\"]}},\"responseElements\":{\"sessionId\":\"s-" + i + "\"}" + tail;
        }
        if (i % 10 == 3) {
            return head + "\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"GetParameter\","
                    + "\"requestParameters\":{\"name\":\"/app/db/password\",\"withDecryption\":true},"
                    + "\"responseElements\":null" + tail;
        }
        return head + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeInstances\","
                + "\"requestParameters\":{\"instancesSet\":{},\"filterSet\":{\"items\":[{\"name\":\"tag:app\","
                + "\"valueSet\":{\"items\":[{\"value\":\"web\"}]}}]}},\"responseElements\":null" + tail;
    }
}
