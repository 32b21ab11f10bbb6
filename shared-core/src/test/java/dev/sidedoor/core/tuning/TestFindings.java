package dev.sidedoor.core.tuning;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds findings for tuning tests: an SSM Run Command on an instance, changed field by field. */
final class TestFindings {

    String ruleId = "e97e7369-d039-4bea-aa3a-9a24c2ff5c73";
    String ruleName = "aws_ssm_send_command_shell";
    String ruleTitle = "AWS SSM Run Command With a Shell Script Document";
    Severity severity = Severity.MEDIUM;
    String provider = "aws";
    String action = "SendCommand";
    String service = "ssm.amazonaws.com";
    String outcome = "success";
    String actor = "arn:aws:sts::111122223333:assumed-role/PatchRole/patch-session-1";
    String target = "i-0abc1234567890def";
    String sourceIp = "198.51.100.7";
    String account = "111122223333";
    String region = "eu-west-1";
    String userAgent = "aws-cli/2.15.0 Python/3.11";
    final Map<String, String> context = new LinkedHashMap<>(Map.of("document", "AWS-RunShellScript"));

    static TestFindings finding() {
        return new TestFindings();
    }

    TestFindings rule(String name) {
        this.ruleName = name;
        return this;
    }

    TestFindings severity(Severity s) {
        this.severity = s;
        return this;
    }

    TestFindings actor(String a) {
        this.actor = a;
        return this;
    }

    TestFindings target(String t) {
        this.target = t;
        return this;
    }

    TestFindings sourceIp(String ip) {
        this.sourceIp = ip;
        return this;
    }

    TestFindings userAgent(String ua) {
        this.userAgent = ua;
        return this;
    }

    TestFindings outcome(String o) {
        this.outcome = o;
        return this;
    }

    TestFindings context(String key, String value) {
        if (value == null) {
            context.remove(key);
        } else {
            context.put(key, value);
        }
        return this;
    }

    Finding build() {
        return new Finding("f-" + ruleName + "-1",
                new Finding.RuleRef(ruleId, ruleName, ruleTitle, severity.label()),
                severity, List.of("T1651"), List.of("execution"), provider,
                new Finding.EventRef("ev-1", "2026-11-20T10:00:00Z", action, service, outcome, null),
                actor, target, sourceIp, account, region, userAgent,
                "Run Command on " + target, context, null, List.of());
    }
}
