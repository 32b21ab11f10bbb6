package dev.sidedoor.core.source.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.source.Sources;
import dev.sidedoor.core.testing.RuleFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Entra ID records are this source's, not the Activity Log's, in each of their shapes, and come out the same: the
 * UPN as actor, the sign-in's address, the resource, the tenant, the outcome from status.errorCode, and the
 * application in context.
 */
class EntraSourceTest {

    private static final JsonTrees TREES = new dev.sidedoor.core.read.LogReader().trees();

    private static JsonNode fixture(String path) {
        return RuleFixtures.read(RuleFixtures.dir().resolve(path));
    }

    private static AuditEvent event(JsonNode record) {
        assertTrue(Sources.BUILT_IN.of(record) instanceof EntraSource, "not Entra's: " + record);
        return Sources.BUILT_IN.normalize(record, TREES);
    }

    @Test
    void diagnosticLogAnalyticsAndGraphShapesGiveTheSameSignIn() {
        AuditEvent diag = event(fixture("entra_signin_azure_cli/match/01_interactive_az_login_diag.json"));
        assertEquals("entra", diag.provider());
        assertEquals("signinlogs", diag.service());
        assertEquals("marek.kowalski@northwindlabs.onmicrosoft.com", diag.actor());
        assertEquals("192.0.2.77", diag.sourceIp());
        assertEquals("Windows Azure Service Management API", diag.target());
        assertEquals("0f3c6a9e-5b2d-4e81-a7f4-c19d8e2b6a57", diag.account());
        assertEquals(AuditEvent.SUCCESS, diag.outcome());
        assertEquals("04b07795-8ddb-461a-bbee-02f9e1bf7b46", diag.context().get("app_id"));
        assertEquals("Azure CLI", diag.context().get("app_name"));
        assertEquals("interactive user", diag.context().get("sign_in_type"));
        assertEquals("true", diag.context().get("mfa"));
        assertTrue(diag.userAgent().startsWith("Mozilla/5.0"), diag.userAgent());
        // Rules see Log Analytics' columns and the sign-in's own names beside the diagnostic record.
        assertEquals("0", diag.view().get("ResultType").asText());
        assertEquals("Success", diag.view().get("Status").asText());
        assertEquals("Azure CLI", diag.view().get("AppDisplayName").asText());
        assertEquals("success", diag.view().get("conditionalAccessStatus").asText());
        assertEquals("/tenants/0f3c6a9e-5b2d-4e81-a7f4-c19d8e2b6a57/providers/Microsoft.aadiam",
                diag.view().get("resourceId").asText(), "the record's own fields are never overwritten");

        AuditEvent la = event(fixture("entra_signin_azure_cli/match/03_device_code_log_analytics.json"));
        assertEquals("nadia.okafor@northwindlabs.onmicrosoft.com", la.actor());
        assertEquals("185.220.101.33", la.sourceIp());
        assertEquals("0f3c6a9e-5b2d-4e81-a7f4-c19d8e2b6a57", la.account(), "the directory, not the workspace");
        assertEquals("04b07795-8ddb-461a-bbee-02f9e1bf7b46", la.context().get("app_id"));
        assertEquals("Frankfurt am Main, Hessen, DE", la.context().get("location"));
        assertEquals("deviceCode", la.context().get("authentication_protocol"));
        assertEquals("false", la.context().get("mfa"));
        assertTrue(la.view().get("DeviceDetail").isObject(), "dynamic columns exported as text are read as JSON");

        AuditEvent graph = event(fixture("entra_signin_azure_cli/match/04_graph_api_signin.json"));
        assertEquals("nadia.okafor@northwindlabs.onmicrosoft.com", graph.actor());
        assertEquals("Microsoft Graph", graph.target());
        assertEquals("0f3c6a9e-5b2d-4e81-a7f4-c19d8e2b6a57", graph.account());
        assertEquals("0", graph.view().get("ResultType").asText());
    }

    @Test
    void aFailedSignInCarriesItsCodeAndReasonAndAServicePrincipalIsItsName() {
        AuditEvent failed = event(fixture("entra_signin_m365_admin_powershell/nomatch/02_graph_powershell_mfa_denied.json"));
        assertEquals(AuditEvent.FAILURE, failed.outcome());
        assertEquals("500121 (Authentication failed during strong authentication request.)", failed.errorCode());
        assertTrue(failed.view().get("Status").asText().contains("MFA denied"), failed.view().get("Status").asText());
        AuditEvent sp = event(fixture("entra_signin_azure_cli/nomatch/04_service_principal_automation.json"));
        assertEquals("nw-terraform-deployer", sp.actor());
        assertEquals("service principal", sp.context().get("sign_in_type"));
        assertNull(sp.context().get("mfa"));
    }

    @Test
    void entraAuditRecordsAreThisSourcesToo() throws Exception {
        JsonNode audit = TREES.parse("""
                {"time":"2026-11-18T10:02:44.1234567Z","resourceId":"/tenants/0f3c6a9e-5b2d-4e81-a7f4-c19d8e2b6a57/providers/Microsoft.aadiam",
                 "operationName":"Add member to role","operationVersion":"1.0","category":"AuditLogs","tenantId":"0f3c6a9e-5b2d-4e81-a7f4-c19d8e2b6a57",
                 "resultSignature":"None","durationMs":0,"callerIpAddress":"198.51.100.61","correlationId":"6d1c7a9e-8a44-4c42-9d0b-1f2e3a4b5c6d",
                 "Level":4,"properties":{"id":"Directory_6d1c7a9e-8a44-4c42-9d0b-1f2e3a4b5c6d_YQ2Z8_12345678",
                 "category":"RoleManagement","correlationId":"6d1c7a9e-8a44-4c42-9d0b-1f2e3a4b5c6d","result":"success",
                 "resultReason":"","activityDisplayName":"Add member to role","activityDateTime":"2026-11-18T10:02:44.1234567+00:00",
                 "loggedByService":"Core Directory","operationType":"Assign",
                 "initiatedBy":{"user":{"id":"2a0847b7-17c0-44b5-b71b-3c3868547ffb","userPrincipalName":"nadia.okafor@northwindlabs.onmicrosoft.com","ipAddress":"198.51.100.61"}},
                 "targetResources":[{"id":"7749f455-c4c4-470c-a8c4-9bbd61912957","type":"User","userPrincipalName":"marek.kowalski@northwindlabs.onmicrosoft.com"}]}}
                """);
        AuditEvent e = event(audit);
        assertEquals("auditlogs", e.service());
        assertEquals("nadia.okafor@northwindlabs.onmicrosoft.com", e.actor());
        assertEquals("marek.kowalski@northwindlabs.onmicrosoft.com", e.target());
        assertEquals("Add member to role", e.action());
        assertEquals(AuditEvent.SUCCESS, e.outcome());
        assertEquals("0f3c6a9e-5b2d-4e81-a7f4-c19d8e2b6a57", e.account());
        assertEquals("Core Directory", e.view().get("LoggedByService").asText());
    }

    @Test
    void sigmaSignInAndAuditRulesRouteHereAndActivityLogRulesDoNot() {
        assertEquals(List.of("entra/signinlogs"), Sources.BUILT_IN.routes(new LogSource("azure", "signinlogs", null)));
        assertEquals(List.of("entra/auditlogs"), Sources.BUILT_IN.routes(new LogSource("azure", "auditlogs", null)));
        assertEquals(List.of("azure/activitylogs"),
                Sources.BUILT_IN.routes(new LogSource("azure", "activitylogs", null)));
        assertEquals(List.of("entra/signinlogs", "entra/auditlogs", "azure/activitylogs"),
                Sources.BUILT_IN.routes(new LogSource("azure", null, null)));
        assertEquals("Microsoft Entra ID", Sources.displayName("entra"));
    }
}
