package dev.sidedoor.core.testing;

import java.time.LocalDate;

/**
 * CloudTrail records of an EC2 Instance Connect key push (rule level medium) by an IAM Identity Center user of the
 * Developer permission set: the routine and the intrusions that baseline tests build months from, in the core and
 * in the functions.
 */
public final class KeyPushes {

    public static final LocalDate START = LocalDate.parse("2026-10-01");
    public static final String CLI =
            "aws-cli/2.22.14 md/awscrt#0.23.4 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.7";

    private KeyPushes() {
    }

    /** A push on {@code START + day} at {@code hour}:15 UTC; the eventID is user-day-hour-instance. */
    public static String push(int day, int hour, String user, String ip, String ua, String instance,
            String account) {
        String time = START.plusDays(day) + "T" + String.format("%02d", hour) + ":15:00Z";
        return "{\"eventVersion\":\"1.08\",\"eventTime\":\"" + time + "\","
                + "\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"SendSSHPublicKey\","
                + "\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"" + ip + "\",\"eventID\":\"" + user + "-" + day
                + "-" + hour + "-" + instance + "\",\"userAgent\":\"" + ua + "\","
                + "\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::" + account
                + ":assumed-role/AWSReservedSSO_Developer_0a1b2c3d4e5f6a7b/" + user + "\","
                + "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::" + account
                + ":role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Developer_0a1b2c3d4e5f6a7b\"}}},"
                + "\"requestParameters\":{\"instanceId\":\"" + instance + "\",\"instanceOSUser\":\"ec2-user\"},"
                + "\"recipientAccountId\":\"" + account + "\"}";
    }
}
