package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The records of one OS Login log-in (policy checks, then the 2-step exchange) read as one finding that says how
 * the log-in ended; different people, VMs and visits stay apart.
 */
class OsLoginLogInTest {

    private static final Engine ENGINE = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
    private static final String VM = "projects/northwind-build-prod/zones/europe-west1-b/instances/db-proxy-1";

    /** One OS Login record as Google writes it, with the method version given ("v1", "v1beta", "dataplane"). */
    static String step(String version, String method, String user, String vm, String time, String insertId,
            String request, String response) {
        String svc = version.equals("dataplane") ? "google.cloud.oslogin.dataplane.OsLoginDataPlaneService."
                : "google.cloud.oslogin." + version + ".OsLoginService.";
        return ("{'protoPayload':{'@type':'type.googleapis.com/google.cloud.audit.AuditLog',"
                + "'authenticationInfo':{'principalEmail':'" + user + "'},'requestMetadata':{},"
                + "'serviceName':'oslogin.googleapis.com','methodName':'" + svc + method + "',"
                + "'authorizationInfo':[{'resource':'" + vm + "','granted':true}],'resourceName':'" + vm + "',"
                + "'request':{" + request + "}" + (response == null ? "" : ",'response':{" + response + "}") + "},"
                + "'insertId':'" + insertId + "','resource':{'type':'audited_resource','labels':{"
                + "'project_id':'northwind-build-prod','service':'oslogin.googleapis.com'}},"
                + "'timestamp':'" + time + "','severity':'INFO',"
                + "'logName':'projects/northwind-build-prod/logs/cloudaudit.googleapis.com%2Fdata_access'}")
                .replace('\'', '"');
    }

    static String check(String user, String vm, String time, String id, String policy, Boolean success) {
        return step("v1", "CheckPolicy", user, vm, time, id, "'policy':'" + policy + "','instance':'db-proxy-1'",
                success == null ? null : "'success':" + success);
    }

    static String start(String user, String vm, String time, String id, String status) {
        return step("v1beta", "StartSession", user, vm, time, id, "'supportedChallengeTypes':['TOTP','AUTHZEN']",
                "'sessionId':'s-" + id + "','status':'" + status + "','challenges':[{'challengeType':'TOTP',"
                        + "'status':'READY','challengeId':1}]");
    }

    static String cont(String user, String vm, String time, String id, String action, String status) {
        return step("dataplane", "ContinueSession", user, vm, time, id, "'action':'" + action + "','challengeId':1",
                "'status':'" + status + "'");
    }

    static InputResult scan(List<String> lines) {
        try {
            return ENGINE.scan(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
                    "oslogin.jsonl");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> fullLogIn(String user, String vm, String minute, String prefix) {
        return List.of(
                check(user, vm, "2026-11-18T10:" + minute + ":01.100Z", prefix + "1", "LOGIN", true),
                check(user, vm, "2026-11-18T10:" + minute + ":01.300Z", prefix + "2", "ADMIN_LOGIN", null),
                start(user, vm, "2026-11-18T10:" + minute + ":01.900Z", prefix + "3", "CHALLENGE_REQUIRED"),
                cont(user, vm, "2026-11-18T10:" + minute + ":40.000Z", prefix + "4", "RESPOND", "AUTHENTICATED"));
    }

    @Test
    void theFourRecordsOfOneLogInAreOneFindingThatSaysHowItEnded() {
        InputResult r = scan(fullLogIn("marek@northwind-labs.example", VM, "15", "a"));
        assertEquals(1, r.findings().size(), r.findings().toString());
        Finding f = r.findings().get(0);
        assertEquals("gcp_oslogin_login", f.rule().name());
        assertEquals("granted after 2-step verification", f.context().get("login_outcome"));
        assertTrue(f.summary().endsWith(" - log-in granted after 2-step verification"), f.summary());
        assertEquals("refused", f.context().get("admin_rights"));
        assertEquals("a1,a2,a3,a4", f.context().get("login_records"));
        assertEquals(4, f.context().get("login_steps").split("; ").length, f.context().get("login_steps"));
        assertEquals("success", f.event().outcome());
        assertEquals("2026-11-18T10:15:01.100Z", f.event().time(), "the log-in's first record dates it");
        assertEquals(Severity.MEDIUM, f.severity(), "a granted log-in keeps the rule's level: " + f.notes());
        assertEquals(3, r.stats().foldedLogInSteps());
        assertEquals(1, r.stats().findings());
        // The id is the first record's own finding id, so one record or the whole log-in name the same finding.
        String firstAlone = scan(List.of(fullLogIn("marek@northwind-labs.example", VM, "15", "a").get(0)))
                .findings().get(0).findingId();
        assertEquals(firstAlone, f.findingId());
    }

    @Test
    void theSameRecordsInAnyOrderGiveTheSameFindings() {
        List<String> lines = new ArrayList<>();
        lines.addAll(fullLogIn("marek@northwind-labs.example", VM, "15", "a"));
        lines.addAll(fullLogIn("sofia@northwind-labs.example", VM, "16", "b"));
        lines.addAll(fullLogIn("marek@northwind-labs.example", VM.replace("db-proxy-1", "db-proxy-2"), "15", "c"));
        List<String> ids = scan(lines).findings().stream().map(Finding::findingId).sorted().toList();
        assertEquals(3, ids.size(), "one log-in per person and VM");
        Random random = new Random(7);
        for (int i = 0; i < 5; i++) {
            List<String> shuffled = new ArrayList<>(lines);
            Collections.shuffle(shuffled, random);
            assertEquals(ids, scan(shuffled).findings().stream().map(Finding::findingId).sorted().toList());
        }
    }

    @Test
    void aSecondVisitIsASecondLogIn() {
        List<String> lines = new ArrayList<>(fullLogIn("marek@northwind-labs.example", VM, "15", "a"));
        // Two minutes later, well inside the gap: a fresh policy check starts a new log-in all the same.
        lines.addAll(fullLogIn("marek@northwind-labs.example", VM, "17", "b"));
        // Twenty minutes later, a lone policy check.
        lines.add(check("marek@northwind-labs.example", VM, "2026-11-18T10:37:00Z", "c1", "LOGIN", true));
        InputResult r = scan(lines);
        assertEquals(3, r.findings().size(), r.findings().toString());
        assertEquals(List.of("a1,a2,a3,a4", "b1,b2,b3,b4", "c1"),
                r.findings().stream().map(f -> f.context().get("login_records")).sorted().toList());
    }

    @Test
    void refusalsAndFailedChallengesSayWhatStoppedTheLogIn() {
        String u = "eve@northwind-labs.example";
        InputResult denied = scan(List.of(
                check(u, VM, "2026-11-18T10:15:01Z", "d1", "LOGIN", null),
                check(u, VM, "2026-11-18T10:15:02Z", "d2", "ADMIN_LOGIN", false)));
        Finding d = only(denied);
        assertEquals("denied", d.context().get("login_outcome"));
        assertEquals("failure", d.event().outcome());
        assertEquals(Severity.LOW, d.severity(), "a refused log-in is a lower signal");
        assertTrue(d.summary().endsWith(" - log-in denied"), d.summary());

        Finding failed = only(scan(List.of(
                check(u, VM, "2026-11-18T10:15:01Z", "e1", "LOGIN", true),
                start(u, VM, "2026-11-18T10:15:02Z", "e2", "CHALLENGE_REQUIRED"),
                cont(u, VM, "2026-11-18T10:16:02Z", "e3", "RESPOND", "CHALLENGE_PENDING"))));
        assertEquals("2-step challenge failed (CHALLENGE_PENDING)", failed.context().get("login_outcome"));
        assertEquals("failure", failed.event().outcome());

        Finding pending = only(scan(List.of(
                check(u, VM, "2026-11-18T10:15:01Z", "f1", "LOGIN", true),
                start(u, VM, "2026-11-18T10:15:02Z", "f2", "CHALLENGE_REQUIRED"))));
        assertEquals("2-step challenge pending (CHALLENGE_REQUIRED)", pending.context().get("login_outcome"));

        Finding noFactor = only(scan(List.of(
                check(u, VM, "2026-11-18T10:15:01Z", "g1", "LOGIN", true),
                start(u, VM, "2026-11-18T10:15:02Z", "g2", "NO_AVAILABLE_CHALLENGES"))));
        assertEquals("denied: no 2-step verification method available", noFactor.context().get("login_outcome"));

        Finding admin = only(scan(List.of(
                check(u, VM, "2026-11-18T10:15:01Z", "h1", "LOGIN", true),
                check(u, VM, "2026-11-18T10:15:01.2Z", "h2", "ADMIN_LOGIN", true))));
        assertEquals("granted, with admin rights", admin.context().get("login_outcome"));
        assertNotEquals(Severity.LOW, admin.severity());
    }

    @Test
    void everyMethodVersionIsALogInStep() {
        for (String version : List.of("v1", "v1beta", "v1alpha", "dataplane")) {
            String line = step(version, "CheckPolicy", "marek@northwind-labs.example", VM, "2026-11-18T10:15:01Z",
                    "v-" + version, "'policy':'LOGIN'", "'success':true");
            Finding f = only(scan(List.of(line)));
            assertEquals("granted", f.context().get("login_outcome"), version);
        }
    }

    private static Finding only(InputResult r) {
        assertEquals(1, r.findings().size(), r.findings().toString());
        return r.findings().get(0);
    }
}
