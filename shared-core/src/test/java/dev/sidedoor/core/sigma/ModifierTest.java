package dev.sidedoor.core.sigma;

import static dev.sidedoor.core.sigma.TestRules.detection;
import static dev.sidedoor.core.sigma.TestRules.matches;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ModifierTest {

    private static String json(String field, String value) {
        return "{\"" + field + "\": \"" + value.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n") + "\"}";
    }

    @Test
    void containsStartswithEndswith() {
        SigmaRule contains = detection("sel:\n    cmd|contains: 'send-command'\ncondition: sel");
        assertTrue(matches(contains, json("cmd", "aws ssm SEND-COMMAND --targets")));
        assertFalse(matches(contains, json("cmd", "aws ssm start-session")));

        SigmaRule starts = detection("sel:\n    arn|startswith: 'arn:aws:iam::'\ncondition: sel");
        assertTrue(matches(starts, json("arn", "ARN:AWS:IAM::123:user/x")));
        assertFalse(matches(starts, json("arn", "x arn:aws:iam::123")));

        SigmaRule ends = detection("sel:\n    doc|endswith: 'SSHSession'\ncondition: sel");
        assertTrue(matches(ends, json("doc", "AWS-StartSSHSession")));
        assertFalse(matches(ends, json("doc", "AWS-StartSSHSession2")));
    }

    @Test
    void allNeedsEveryValue() {
        SigmaRule rule = detection("sel:\n    cmd|contains|all:\n        - curl\n        - '169.254.169.254'\ncondition: sel");
        assertTrue(matches(rule, json("cmd", "curl http://169.254.169.254/latest")));
        assertFalse(matches(rule, json("cmd", "curl http://example.com")));
        // Over an array, each value may be satisfied by a different element.
        assertTrue(matches(rule, "{\"cmd\": [\"curl -s\", \"http://169.254.169.254\"]}"));
    }

    @Test
    void allWithSingleValueIsRefused() {
        // The specification's modifier appendix: single item values are not allowed to have an all modifier.
        SigmaException e = TestRules.detectionError("sel:\n    cmd|contains|all: curl\ncondition: sel");
        assertTrue(e.getMessage().contains("'all' needs a list of values"), e.getMessage());
    }

    @Test
    void regexIsCaseSensitiveUnlessFlagged() {
        SigmaRule plain = detection("sel:\n    user|re: '^Admin[0-9]+$'\ncondition: sel");
        assertTrue(matches(plain, json("user", "Admin12")));
        assertFalse(matches(plain, json("user", "admin12")));

        SigmaRule insensitive = detection("sel:\n    user|re|i: '^Admin[0-9]+$'\ncondition: sel");
        assertTrue(matches(insensitive, json("user", "admin12")));
        assertFalse(matches(insensitive, json("user", "admin")));
    }

    @Test
    void regexIsUnanchoredFind() {
        SigmaRule rule = detection("sel:\n    arn|re: ':assumed-role/aws:'\ncondition: sel");
        assertTrue(matches(rule, json("arn", "arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1")));
        assertFalse(matches(rule, json("arn", "arn:aws:sts::1:assumed-role/admin/x")));
    }

    @Test
    void regexMultilineAndDotall() {
        SigmaRule noFlag = detection("sel:\n    msg|re: '^second$'\ncondition: sel");
        SigmaRule multiline = detection("sel:\n    msg|re|m: '^second$'\ncondition: sel");
        assertFalse(matches(noFlag, json("msg", "first\nsecond")));
        assertTrue(matches(multiline, json("msg", "first\nsecond")));
        assertFalse(matches(multiline, json("msg", "first\nsecond third")));

        SigmaRule noDotall = detection("sel:\n    msg|re: 'a.b'\ncondition: sel");
        SigmaRule dotall = detection("sel:\n    msg|re|s: 'a.b'\ncondition: sel");
        assertFalse(matches(noDotall, json("msg", "a\nb")));
        assertTrue(matches(dotall, json("msg", "a\nb")));
        assertFalse(matches(dotall, json("msg", "a\n\nb")));
    }

    @Test
    void cidrIpv4() {
        SigmaRule rule = detection("sel:\n    ip|cidr: '10.0.0.0/8'\ncondition: sel");
        assertTrue(matches(rule, json("ip", "10.20.30.40")));
        assertTrue(matches(rule, json("ip", "::ffff:10.0.0.1")));
        assertFalse(matches(rule, json("ip", "11.0.0.1")));
        assertFalse(matches(rule, json("ip", "AWS Internal")));
        assertFalse(matches(rule, json("ip", "10.0.0.1:443")));
        assertFalse(matches(rule, json("ip", "ec2.amazonaws.com")));
        assertFalse(matches(rule, "{\"ip\": 167772161}"));
    }

    @Test
    void cidrIpv6() {
        SigmaRule rule = detection("sel:\n    ip|cidr:\n        - '2001:db8::/32'\n        - '192.168.0.0/16'\ncondition: sel");
        assertTrue(matches(rule, json("ip", "2001:DB8:0:1::5")));
        assertTrue(matches(rule, json("ip", "2001:db8::1%eth0")));
        assertTrue(matches(rule, json("ip", "192.168.7.1")));
        assertFalse(matches(rule, json("ip", "2001:db9::1")));
        assertFalse(matches(rule, json("ip", "2001:db8::1::2")));
        assertFalse(matches(rule, json("ip", "::1")));
    }

    @Test
    void existsTrueAndFalse() {
        SigmaRule present = detection("sel:\n    errorCode|exists: true\ncondition: sel");
        SigmaRule absent = detection("sel:\n    errorCode|exists: false\ncondition: sel");
        assertTrue(matches(present, "{\"errorCode\": \"AccessDenied\"}"));
        assertTrue(matches(present, "{\"errorCode\": {\"nested\": 1}}"));
        assertFalse(matches(present, "{\"other\": 1}"));
        // Presence, "not its value, be it empty or null" (the specification's appendix).
        assertTrue(matches(present, "{\"errorCode\": null}"));
        assertTrue(matches(absent, "{\"other\": 1}"));
        assertFalse(matches(absent, "{\"errorCode\": null}"));
        assertFalse(matches(absent, "{\"errorCode\": \"\"}"));
    }

    @Test
    void casedComparesExactly() {
        SigmaRule rule = detection("sel:\n    name|cased: 'StartSession'\ncondition: sel");
        assertTrue(matches(rule, json("name", "StartSession")));
        assertFalse(matches(rule, json("name", "startsession")));
        SigmaRule containsCased = detection("sel:\n    name|contains|cased: 'Session'\ncondition: sel");
        assertTrue(matches(containsCased, json("name", "ResumeSession")));
        assertFalse(matches(containsCased, json("name", "RESUMESESSION")));
    }

    @Test
    void base64() {
        SigmaRule rule = detection("sel:\n    data|base64: 'cmd.exe /c whoami'\ncondition: sel");
        assertTrue(matches(rule, json("data", b64("cmd.exe /c whoami", StandardCharsets.UTF_8))));
        assertFalse(matches(rule, json("data", b64("cmd.exe /c hostname", StandardCharsets.UTF_8))));
        // Base64 is compared case-sensitively: a case-folded match would stand for different bytes.
        assertFalse(matches(rule, json("data", b64("cmd.exe /c whoami", StandardCharsets.UTF_8).toLowerCase())));

        SigmaRule contains = detection("sel:\n    data|base64|contains: 'whoami'\ncondition: sel");
        assertTrue(matches(contains, json("data", "x " + b64("whoami", StandardCharsets.UTF_8) + " y")));
        assertFalse(matches(contains, json("data", b64("hostname", StandardCharsets.UTF_8))));
    }

    @Test
    void base64offsetFindsTheValueAtEveryAlignment() {
        SigmaRule rule = detection("sel:\n    data|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel");
        for (String prefix : new String[] {"", "a", "ab", "abc", "powershell -c "}) {
            for (String suffix : new String[] {"", "x", "xy", " -DumpCreds"}) {
                String encoded = b64(prefix + "Invoke-Mimikatz" + suffix, StandardCharsets.UTF_8);
                assertTrue(matches(rule, json("data", encoded)), prefix + "|" + suffix);
            }
        }
        assertFalse(matches(rule, json("data", b64("Invoke-WebRequest http://x", StandardCharsets.UTF_8))));
    }

    @Test
    void wideAndUtf16Encodings() {
        SigmaRule wide = detection("sel:\n    data|wide|base64offset|contains: 'whoami'\ncondition: sel");
        for (String prefix : new String[] {"", "a", "ab", "cmd /c "}) {
            assertTrue(matches(wide, json("data", b64(prefix + "whoami /all", StandardCharsets.UTF_16LE))), prefix);
        }
        assertFalse(matches(wide, json("data", b64("whoami", StandardCharsets.UTF_8))));

        SigmaRule le = detection("sel:\n    data|utf16le|base64: 'ls'\ncondition: sel");
        assertTrue(matches(le, json("data", b64("ls", StandardCharsets.UTF_16LE))));
        assertFalse(matches(le, json("data", b64("ls", StandardCharsets.UTF_16BE))));

        SigmaRule be = detection("sel:\n    data|utf16be|base64: 'ls'\ncondition: sel");
        assertTrue(matches(be, json("data", b64("ls", StandardCharsets.UTF_16BE))));
        assertFalse(matches(be, json("data", b64("ls", StandardCharsets.UTF_16LE))));

        SigmaRule bom = detection("sel:\n    data|utf16|base64: 'ls'\ncondition: sel");
        ByteArrayOutputStream withBom = new ByteArrayOutputStream();
        withBom.write(0xFF);
        withBom.write(0xFE);
        withBom.writeBytes("ls".getBytes(StandardCharsets.UTF_16LE));
        assertTrue(matches(bom, json("data", Base64.getEncoder().encodeToString(withBom.toByteArray()))));
        assertFalse(matches(bom, json("data", b64("ls", StandardCharsets.UTF_16LE))));
    }

    @Test
    void windashAcceptsEveryFlagCharacter() {
        SigmaRule rule = detection("sel:\n    cmd|windash|contains: ' -encodedcommand '\ncondition: sel");
        for (String dash : new String[] {"-", "/", "\u2013", "\u2014", "\u2015"}) {
            assertTrue(matches(rule, json("cmd", "powershell " + dash + "EncodedCommand AAA")), dash);
        }
        assertFalse(matches(rule, json("cmd", "powershell +EncodedCommand AAA")));
        assertFalse(matches(rule, json("cmd", "powershell EncodedCommand AAA")));
    }

    @Test
    void windashLeavesInnerDashesAlone() {
        SigmaRule rule = detection("sel:\n    cmd|windash: 'start-session -target'\ncondition: sel");
        assertTrue(matches(rule, json("cmd", "start-session /target")));
        assertFalse(matches(rule, json("cmd", "start/session /target")));
    }

    @Test
    void numericComparisons() {
        SigmaRule gt = detection("sel:\n    port|gt: 1024\ncondition: sel");
        assertTrue(matches(gt, "{\"port\": 3389}"));
        assertTrue(matches(gt, "{\"port\": \"3389\"}"));
        assertFalse(matches(gt, "{\"port\": 1024}"));
        assertFalse(matches(gt, "{\"port\": \"ssh\"}"));
        assertFalse(matches(gt, "{\"port\": \"0x500\"}"));

        SigmaRule gte = detection("sel:\n    port|gte: 1024\ncondition: sel");
        assertTrue(matches(gte, "{\"port\": 1024.0}"));
        assertFalse(matches(gte, "{\"port\": 1023}"));

        SigmaRule lt = detection("sel:\n    port|lt: 1024\ncondition: sel");
        assertTrue(matches(lt, "{\"port\": 22}"));
        assertFalse(matches(lt, "{\"port\": 1024}"));
        assertFalse(matches(lt, "{\"port\": true}"));

        SigmaRule lte = detection("sel:\n    score|lte: 0.5\ncondition: sel");
        assertTrue(matches(lte, "{\"score\": 0.5}"));
        assertTrue(matches(lte, "{\"score\": \"-3\"}"));
        assertFalse(matches(lte, "{\"score\": 0.51}"));
    }

    @Test
    void fieldrefComparesTwoFields() {
        SigmaRule eq = detection("sel:\n    actor|fieldref: target\ncondition: sel");
        assertTrue(matches(eq, "{\"actor\": \"Alice\", \"target\": \"alice\"}"));
        assertFalse(matches(eq, "{\"actor\": \"alice\", \"target\": \"bob\"}"));
        assertFalse(matches(eq, "{\"actor\": \"alice\"}"));
        assertTrue(matches(eq, "{\"actor\": \"alice\", \"target\": [\"bob\", \"ALICE\"]}"));

        SigmaRule cased = detection("sel:\n    actor|fieldref|cased: target\ncondition: sel");
        assertFalse(matches(cased, "{\"actor\": \"Alice\", \"target\": \"alice\"}"));
        assertTrue(matches(cased, "{\"actor\": \"alice\", \"target\": \"alice\"}"));

        SigmaRule endswith = detection("sel:\n    userIdentity.arn|fieldref|endswith: requestParameters.userName\n"
                + "condition: sel");
        String json = "{\"userIdentity\": {\"arn\": \"arn:aws:iam::1:user/Bob\"},"
                + " \"requestParameters\": {\"userName\": \"bob\"}}";
        assertTrue(matches(endswith, json));
        assertFalse(matches(endswith, json.replace("\"bob\"", "\"alice\"")));

        SigmaRule contains = detection("sel:\n    cmd|fieldref|contains: host\ncondition: sel");
        assertTrue(matches(contains, "{\"cmd\": \"ssh ops@web-01 -p 22\", \"host\": \"WEB-01\"}"));
        assertFalse(matches(contains, "{\"cmd\": \"ssh ops@web-02\", \"host\": \"web-01\"}"));

        SigmaRule startswith = detection("sel:\n    path|fieldref|startswith: home\ncondition: sel");
        assertTrue(matches(startswith, "{\"path\": \"/home/ops/.ssh\", \"home\": \"/home/ops\"}"));
        assertFalse(matches(startswith, "{\"path\": \"/tmp/home/ops\", \"home\": \"/home/ops\"}"));
    }

    @Test
    void expandWithoutPlaceholderValuesIsRefused() {
        // A tool that cannot fill placeholders must reject the rule: matching nothing would silently switch off a
        // "not 1 of filter_*" holding the placeholder.
        SigmaException e = TestRules.detectionError("sel:\n    user|expand: '%admins%'\ncondition: not sel");
        assertTrue(e.getMessage().contains("'expand' needs values for the placeholder %admins%"), e.getMessage());
        assertTrue(e.getMessage().contains("broken.yml:4:"), "names the line: " + e.getMessage());
    }

    @Test
    void modifiersAreCaseInsensitiveNames() {
        SigmaRule rule = detection("sel:\n    cmd|Contains: 'x'\ncondition: sel");
        assertTrue(matches(rule, json("cmd", "axb")));
        assertFalse(matches(rule, json("cmd", "ab")));
    }

    private static String b64(String s, Charset cs) {
        return Base64.getEncoder().encodeToString(s.getBytes(cs));
    }
}
