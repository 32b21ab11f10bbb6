package dev.sidedoor.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static final Normalizer N = new Normalizer(new dev.sidedoor.core.read.LogReader().trees());

    static AuditEvent n(String json) throws Exception {
        return N.normalize(M.readTree(json.replace('\'', '"')));
    }

    @Test
    void awsTargetCoalesceChain() throws Exception {
        assertEquals("i-1", n("{'eventSource':'ssm.amazonaws.com','eventName':'StartSession','requestParameters':{'target':'i-1','instanceId':'i-2'}}").target());
        assertEquals("i-2", n("{'eventSource':'ec2-instance-connect.amazonaws.com','eventName':'SendSSHPublicKey','requestParameters':{'instanceId':'i-2'}}").target());
        assertEquals("i-3", n("{'eventSource':'ssm-guiconnect.amazonaws.com','eventName':'StartConnection','requestParameters':{'InstanceId':'i-3','Protocol':'RDP'}}").target());
        AuditEvent star = n("{'eventSource':'ssm.amazonaws.com','eventName':'SendCommand','requestParameters':{'instanceIds':['*']}}");
        assertEquals("*", star.target());
        AuditEvent targets = n("{'eventSource':'ssm.amazonaws.com','eventName':'SendCommand','requestParameters':{'instanceIds':[],"
                + "'targets':[{'key':'InstanceIds','values':['i-4','i-5']}]}}");
        assertEquals("i-4, i-5", targets.target());
        assertEquals("2", targets.context().get("target_count"));
        assertEquals("tag:env=prod", n("{'eventSource':'ssm.amazonaws.com','eventName':'SendCommand','requestParameters':"
                + "{'targets':[{'key':'tag:env','values':['prod']}]}}").target());
        AuditEvent tunnel = n("{'eventSource':'ec2-instance-connect.amazonaws.com','eventName':'OpenTunnel','requestParameters':"
                + "{'instanceConnectEndpointId':'eice-1','privateIpAddress':'10.0.1.5','remotePort':'22'}}");
        assertEquals("10.0.1.5", tunnel.target());
        assertEquals("22", tunnel.context().get("port"));
        assertEquals("eice-1", tunnel.context().get("endpoint_id"));
    }

    @Test
    void awsActorAndContext() throws Exception {
        AuditEvent e = n("{'eventSource':'ssm.amazonaws.com','eventName':'StartSession','eventID':'e1','errorCode':'AccessDenied',"
                + "'userIdentity':{'type':'AssumedRole','arn':'arn:aws:sts::111122223333:assumed-role/Ops/i-0123456789abcdef0'},"
                + "'sessionCredentialFromConsole':'true','recipientAccountId':'111122223333','awsRegion':'eu-west-1',"
                + "'requestParameters':{'target':'i-9','documentName':'AWS-StartPortForwardingSessionToRemoteHost',"
                + "'parameters':{'host':['db.internal'],'portNumber':['5432'],'localPortNumber':['15432']}},'responseElements':null}");
        assertEquals("arn:aws:sts::111122223333:assumed-role/Ops/i-0123456789abcdef0", e.actor());
        assertEquals("arn:aws:iam::111122223333:role/Ops", e.context().get("actor_role"));
        assertEquals("true", e.context().get("instance_credentials"));
        assertEquals("true", e.context().get("console"));
        assertEquals("port forward to remote host", e.context().get("session_type"));
        assertEquals("db.internal", e.context().get("remote_host"));
        assertEquals("5432", e.context().get("port"));
        assertEquals(AuditEvent.FAILURE, e.outcome());
        assertEquals("AccessDenied", e.errorCode());
        assertEquals("111122223333", e.account());
        assertEquals("e1", e.eventKey());
    }

    @Test
    void awsActionIsTrimmedAndIdlessRecordsGetAStableKey() throws Exception {
        String rec = "{'eventSource':'ec2-instance-connect.amazonaws.com','eventName':'SendSSHPublicKey ','requestParameters':{'instanceId':'i-1'}}";
        assertEquals("SendSSHPublicKey", n(rec).action());
        assertEquals(n(rec).eventKey(), n(rec).eventKey());
    }

    @Test
    void notAnAuditRecord() throws Exception {
        assertNull(n("{'eventSource':5,'eventName':'x'}"));
        assertNull(n("{'hello':'world'}"));
        assertNull(n("{'eventSource':'aws:s3','eventName':'ObjectCreated:Put'}"));
    }

    @Test
    void azureRestRecordIsFlattenedToTheExportShape() throws Exception {
        AuditEvent e = n("{'operationName':{'value':'Microsoft.Compute/virtualMachines/runCommand/action','localizedValue':'Run'},"
                + "'status':{'value':'Succeeded'},'category':{'value':'Administrative'},'caller':'eve@contoso.example',"
                + "'httpRequest':{'clientIpAddress':'198.51.100.4'},'correlationId':'C-1','eventTimestamp':'2026-11-18T10:00:00Z',"
                + "'resourceId':'/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1'}");
        assertEquals("azure", e.provider());
        assertEquals("activitylogs", e.service());
        assertEquals("Microsoft.Compute/virtualMachines/runCommand/action", e.view().get("operationName").asText());
        assertEquals("198.51.100.4", e.sourceIp());
        assertEquals("eve@contoso.example", e.actor());
        assertEquals("sub-1", e.account());
        assertEquals(AuditEvent.SUCCESS, e.outcome());
        assertEquals("2026-11-18T10:00:00Z", e.time());
    }

    @Test
    void azureOperationRecordsShareAKeyWhateverTheirCase() throws Exception {
        String base = "{'operationName':'%s','resultType':'%s','correlationId':'%s','resourceId':'%s'}";
        AuditEvent started = n(String.format(base, "MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION", "Start", "ABC",
                "/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.COMPUTE/VIRTUALMACHINES/VM"));
        AuditEvent done = n(String.format(base, "Microsoft.Compute/virtualMachines/runCommand/action", "Success", "abc",
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm"));
        assertEquals(started.eventKey(), done.eventKey());
        assertEquals(AuditEvent.IN_PROGRESS, started.outcome());
        AuditEvent other = n(String.format(base, "Microsoft.Compute/virtualMachines/extensions/write", "Success", "abc",
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/extensions/x"));
        assertNotEquals(done.eventKey(), other.eventKey());
    }

    @Test
    void azureClaimsWithDottedKeysRequestBodyAndExtensionTarget() throws Exception {
        AuditEvent e = n("{'operationName':'MICROSOFT.COMPUTE/VIRTUALMACHINES/EXTENSIONS/WRITE','resultType':'Success',"
                + "'callerIpAddress':'203.0.113.5','resourceId':'/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/extensions/innocent',"
                + "'identity':{'claims':{'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn':'mallory@contoso.example',"
                + "'http://schemas.microsoft.com/claims/authnmethodsreferences':'pwd'}},"
                + "'properties':{'requestbody':'{\\'properties\\':{\\'publisher\\':\\'Microsoft.Compute\\',\\'type\\':\\'CustomScriptExtension\\'}}'}}"
                .replace("\\'", "\\\""));
        assertEquals("mallory@contoso.example", e.actor());
        assertEquals("false", e.context().get("mfa"));
        assertEquals("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm", e.target());
        assertEquals("innocent", e.context().get("extension_name"));
        assertEquals("CustomScriptExtension", e.context().get("extension_type"));
        assertEquals("Microsoft.Compute", e.extra().get("request").path("properties").path("publisher").asText());
        assertEquals("MICROSOFT.COMPUTE", e.eventSource());
    }

    @Test
    void gcpFieldsAndFailures() throws Exception {
        AuditEvent e = n("{'insertId':'x1','logName':'projects/proj-a/logs/cloudaudit.googleapis.com%2Factivity',"
                + "'timestamp':'2026-11-18T10:00:00Z','resource':{'labels':{'zone':'europe-west1-b'}},"
                + "'protoPayload':{'serviceName':'compute.googleapis.com','methodName':'beta.compute.instances.setMetadata',"
                + "'authenticationInfo':{'principalEmail':'dev@example.com'},'requestMetadata':{'callerIP':'192.0.2.1'},"
                + "'resourceName':'projects/proj-a/zones/europe-west1-b/instances/vm-1','status':{'code':7,'message':'PERMISSION_DENIED'}}}");
        assertEquals("gcp", e.provider());
        assertEquals("proj-a", e.account());
        assertEquals("192.0.2.1", e.sourceIp());
        assertEquals(AuditEvent.FAILURE, e.outcome());
        assertEquals("7 PERMISSION_DENIED", e.errorCode());
        assertEquals("europe-west1-b", e.region());
        AuditEvent serial = n("{'protoPayload':{'serviceName':'us-central1-ssh-serialport.googleapis.com',"
                + "'methodName':'google.ssh-serialport.v1.connect','status':{'message':'Connection succeeded.'},"
                + "'resourceName':'projects/p/zones/us-central1-f/instances/vm-2/SerialPort/1'}}");
        assertEquals("projects/p/zones/us-central1-f/instances/vm-2", serial.target());
        assertEquals("1", serial.context().get("serial_port"));
        assertEquals(AuditEvent.SUCCESS, serial.outcome());
    }
}
