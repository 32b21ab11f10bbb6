package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EngineTest {

    private static Engine engine;

    @BeforeAll
    static void setUp() {
        engine = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
    }

    static InputResult scan(String text) throws IOException {
        return engine.scan(new ByteArrayInputStream(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8)), "t.json");
    }

    static String azure(String op, String result, String ip) {
        return "{'time':'2026-11-18T10:00:0" + result.length() % 10 + "Z','operationName':'" + op + "','resultType':'" + result
                + "','category':'Administrative','correlationId':'8d6f1c1e-0000-4000-8000-000000000001',"
                + (ip == null ? "" : "'callerIpAddress':'" + ip + "',")
                + "'identity':{'claims':{'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn':'eve@contoso.example'}},"
                + "'resourceId':'/subscriptions/0b1c/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1'}";
    }

    @Test
    void theThreeRecordsOfOneAzureRunCommandAreOneFinding() throws IOException {
        InputResult r = scan("{'records':[" + azure("MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION", "Start", "198.51.100.7")
                + "," + azure("Microsoft.Compute/virtualMachines/runCommand/action", "Accepted", null)
                + "," + azure("microsoft.compute/virtualmachines/runcommand/action", "Success", null) + "]}");
        assertEquals(1, r.findings().size(), r.findings().toString());
        Finding f = r.findings().get(0);
        assertEquals("success", f.event().outcome());
        assertEquals("198.51.100.7", f.sourceIp(), "caller IP copied from the sibling record");
        assertEquals("eve@contoso.example", f.actor());
        assertTrue(f.techniques().contains("T1651"), f.techniques().toString());
    }

    @Test
    void aBatchMergesOneOperationAcrossInputsAndNamesTheInputOfEachRejection() {
        Engine.Batch batch = engine.batch();
        batch.scan(input("{'records':[" + azure("MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION", "Start",
                "198.51.100.7") + "]}"), "partition 0 sequence 10");
        assertEquals(0, batch.scan(input("{'records':[" + azure("MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION",
                "Accepted", null) + "]}"), "partition 0 sequence 11").count());
        Engine.Rejections broken = batch.scan(input("{'records':[{'time':'2026-11-18T10:00:00Z','operationName':]}"),
                "partition 1 sequence 4");
        assertTrue(broken.count() > 0);
        assertTrue(broken.first().stream().allMatch(x -> x.source().equals("partition 1 sequence 4")));
        batch.scan(input("{'records':[" + azure("MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION", "Success", null)
                + "]}"), "partition 0 sequence 12");
        InputResult r = batch.finish();
        assertEquals(1, r.findings().size(), r.findings().toString());
        assertEquals("success", r.findings().get(0).event().outcome());
        assertEquals("198.51.100.7", r.findings().get(0).sourceIp());
        assertEquals(3, r.stats().events());
        assertFalse(r.rejections().isEmpty());
        assertTrue(r.rejections().stream().allMatch(x -> x.source().equals("partition 1 sequence 4")),
                r.rejections().toString());
        assertThrows(IllegalStateException.class, () -> batch.scan(input("{}"), "late"));
    }

    private static ByteArrayInputStream input(String text) {
        return new ByteArrayInputStream(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAzureFindingReportsItsOperationsFinalRecord() throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode started = (ObjectNode) m.readTree(azure("MICROSOFT.COMPUTE/VIRTUALMACHINES/EXTENSIONS/WRITE", "Start",
                "198.51.100.8").replace('\'', '"').replace("virtualMachines/vm1\"", "virtualMachines/vm1/extensions/monitor\""));
        started.putObject("properties").put("requestbody",
                "{\"properties\":{\"publisher\":\"Microsoft.Compute\",\"type\":\"CustomScriptExtension\"}}");
        ObjectNode failed = (ObjectNode) m.readTree(azure("MICROSOFT.COMPUTE/VIRTUALMACHINES/EXTENSIONS/WRITE", "Failure",
                null).replace('\'', '"').replace("virtualMachines/vm1\"", "virtualMachines/vm1/extensions/monitor\""));
        InputResult r = engine.scan(new ByteArrayInputStream((started + "\n" + failed + "\n")
                .getBytes(StandardCharsets.UTF_8)), "t.jsonl");
        Finding exec = r.findings().stream().filter(f -> f.rule().name().equals("azure_vm_extension_command_execution"))
                .findFirst().orElseThrow(() -> new AssertionError(r.findings().toString()));
        assertEquals("failure", exec.event().outcome());
        assertEquals("198.51.100.8", exec.sourceIp());
        assertEquals("CustomScriptExtension", exec.context().get("extension_type"));
        assertTrue(exec.notes().stream().anyMatch(n -> n.startsWith("severity lowered: the operation failed")),
                exec.notes().toString());
        assertTrue(r.findings().stream().noneMatch(f -> f.rule().name().equals("azure_vm_extension_write")),
                "the generic extension-write finding gives way to the specific one: " + r.findings());
        assertEquals(1, r.stats().superseded());
        InputResult bodyless = engine.scan(new ByteArrayInputStream((failed + "\n").getBytes(StandardCharsets.UTF_8)),
                "t.jsonl");
        assertEquals(List.of("azure_vm_extension_write"),
                bodyless.findings().stream().map(f -> f.rule().name()).toList(),
                "without a request body only the generic rule can speak");
    }

    @Test
    void aFailedAttemptIsAFindingOneStepLower() throws IOException {
        String ok = "{'eventSource':'ec2-instance-connect.amazonaws.com','eventName':'SendSerialConsoleSSHPublicKey',"
                + "'eventID':'a','requestParameters':{'instanceId':'i-1','serialPort':0}}";
        Finding success = scan(ok).findings().get(0);
        Finding denied = scan(ok.replace("'eventID':'a'", "'eventID':'b','errorCode':'AccessDenied'")).findings().get(0);
        assertEquals(success.severity().lower(), denied.severity());
        assertNotEquals(Severity.INFORMATIONAL, success.severity());
        assertTrue(denied.summary().contains("FAILED: AccessDenied"), denied.summary());
        assertTrue(denied.notes().get(0).startsWith("severity lowered: the call failed"), denied.notes().toString());
    }

    @Test
    void awsServiceCallersAreInformationalAndInstanceCredentialsRaiseSeverity() throws IOException {
        String cmd = "{'eventSource':'ssm.amazonaws.com','eventName':'SendCommand','eventID':'%s',"
                + "'sourceIPAddress':'%s','userIdentity':{'type':'AssumedRole','arn':'%s'%s},"
                + "'requestParameters':{'instanceIds':['i-1'],'documentName':'AWS-RunShellScript'}}";
        Finding human = scan(String.format(cmd, "h", "198.51.100.1",
                "arn:aws:sts::111122223333:assumed-role/Ops/alice", "")).findings().get(0);
        Finding service = scan(String.format(cmd, "s", "ssm.amazonaws.com",
                "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForAmazonSSM/StateManager",
                ",'invokedBy':'ssm.amazonaws.com'")).findings().get(0);
        Finding instance = scan(String.format(cmd, "i", "198.51.100.1",
                "arn:aws:sts::111122223333:assumed-role/AppRole/i-0123456789abcdef0", "")).findings().get(0);
        assertEquals(Severity.HIGH, human.severity());
        assertEquals(Severity.INFORMATIONAL, service.severity());
        assertTrue(service.notes().get(0).contains("ssm.amazonaws.com, not a person"), service.notes().toString());
        assertEquals(Severity.CRITICAL, instance.severity());
        assertTrue(instance.notes().get(0).contains("instance's own credentials"), instance.notes().toString());
    }

    @Test
    void summariesFoldLineBreaksFromLogValues() throws IOException {
        String rec = "{'eventSource':'ec2-instance-connect.amazonaws.com','eventName':'SendSSHPublicKey','eventID':'c',"
                + "'userIdentity':{'arn':'evil\\nINJECTED <!channel>'},'requestParameters':{'instanceId':'i-1'}}";
        Finding f = scan(rec).findings().get(0);
        assertTrue(!f.summary().contains("\n") && f.summary().contains("evil INJECTED"), f.summary());
    }

    @Test
    void lookAlikesProduceNothing() throws IOException {
        InputResult r = scan("{'eventSource':'athena.amazonaws.com','eventName':'StartSession','eventID':'x1'}\n"
                + "{'eventSource':'ssm.amazonaws.com','eventName':'GetParameter','eventID':'x2'}\n"
                + "{'version':'0','detail-type':'EC2 Command Status-change Notification','source':'aws.ssm','detail':{'status':'Success'}}\n");
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        assertEquals(0, r.stats().rejectedTotal());
        assertEquals(3, r.stats().records());
    }
}
