package dev.sidedoor.core.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.testing.RuleFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * T1021.007 on a synthetic month: cloud CLI sign-ins (Entra ID), console sign-ins and long-term access keys checked
 * with STS. Every person's routine goes quiet (informational); the same person's credentials used from a new
 * network with a client they never used are told (medium, above the rules' low level); a new network alone, with
 * the person's own client, is a traveller (low, not notified).
 */
class CloudSignInBaselinesTest {

    private static final String OFFICE = "198.51.100.";
    private static final String ELSEWHERE = "185.220.101.33";

    /** An Entra sign-in from the Azure CLI fixture, with its app, time, address and id replaced. */
    static String entra(int day, int hour, String appId, String appName, String ip, String id) {
        ObjectNode r = (ObjectNode) RuleFixtures.read(RuleFixtures.dir()
                .resolve("entra_signin_azure_cli/match/01_interactive_az_login_diag.json")).deepCopy();
        String time = BaselinesTest.START.plusDays(day) + "T" + String.format("%02d", hour) + ":07:30.0000000Z";
        r.put("time", time);
        r.put("callerIpAddress", ip);
        ObjectNode p = (ObjectNode) r.get("properties");
        p.put("createdDateTime", time);
        p.put("ipAddress", ip);
        p.put("appId", appId);
        p.put("appDisplayName", appName);
        p.put("id", id);
        return r.toString();
    }

    static String consoleLogin(int day, int hour, String ip, String userAgent, String id) {
        ObjectNode r = (ObjectNode) RuleFixtures.read(RuleFixtures.dir()
                .resolve("aws_console_login/match/01_iam_user_with_mfa.json")).deepCopy();
        r.put("eventTime", BaselinesTest.START.plusDays(day) + "T" + String.format("%02d", hour) + ":55:03Z");
        r.put("sourceIPAddress", ip);
        r.put("userAgent", userAgent);
        r.put("eventID", id);
        return r.toString();
    }

    static String callerIdentity(int day, int hour, String ip, String userAgent, String id) {
        ObjectNode r = (ObjectNode) RuleFixtures.read(RuleFixtures.dir()
                .resolve("aws_sts_long_term_access_key_first_call/match/01_cli_get_caller_identity.json")).deepCopy();
        r.put("eventTime", BaselinesTest.START.plusDays(day) + "T" + String.format("%02d", hour) + ":02:13Z");
        r.put("sourceIPAddress", ip);
        r.put("userAgent", userAgent);
        r.put("eventID", id);
        return r.toString();
    }

    private static final String CLI_APP = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
    private static final String GRAPH_APP = "14d82eec-204b-4c2f-b7e8-296a70dab67e";
    private static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String AWS_CLI = "aws-cli/2.22.14 md/awscrt#0.23.4 ua/2.0 os/linux#6.8.0 md/arch#x86_64";
    private static final String BOTO3_WINDOWS = "Boto3/1.35.63 md/Botocore#1.35.63 ua/2.0 os/windows#10 md/arch#amd64";

    /** Three weeks of each person's working days from the office (two addresses of one /24). */
    private static List<String> month() {
        List<String> out = new ArrayList<>();
        for (int day = 0; day < 21; day++) {
            String ip = OFFICE + (20 + day % 2);
            out.add(entra(day, 9, CLI_APP, "Azure CLI", ip, "cli-" + day));
            out.add(consoleLogin(day, 8, ip, CHROME_WINDOWS, "console-" + day));
            out.add(callerIdentity(day, 9, ip, AWS_CLI, "sts-" + day));
        }
        return out;
    }

    private static Finding judged(List<String> extra, String eventId) throws Exception {
        List<String> records = new ArrayList<>(month());
        records.addAll(extra);
        List<Finding> judged = BaselinesTest.baselines(new MemoryStore()).apply(BaselinesTest.findings(records));
        return judged.stream().filter(f -> eventId.equals(f.event().id())).findFirst().orElseThrow();
    }

    @Test
    void routineCliSignInsAreInformationalAndANewNetworkWithANewShellIsTold() throws Exception {
        List<String> extra = List.of(
                entra(21, 9, CLI_APP, "Azure CLI", OFFICE + "20", "cli-routine"),
                entra(21, 3, GRAPH_APP, "Microsoft Graph Command Line Tools", ELSEWHERE, "graph-elsewhere"),
                entra(22, 9, CLI_APP, "Azure CLI", "203.0.113.200", "cli-hotel"));
        Finding routine = judged(extra, "cli-routine");
        assertEquals("routine", routine.baseline().state(), routine.baseline().toString());
        assertEquals(Severity.INFORMATIONAL, routine.severity());
        assertEquals("marek.kowalski@northwindlabs.onmicrosoft.com", routine.baseline().person());

        Finding stolen = judged(extra, "graph-elsewhere");
        assertEquals("novel", stolen.baseline().state());
        assertTrue(stolen.severity().atLeast(Severity.MEDIUM), stolen.baseline() + " " + stolen.notes());
        String novel = String.join("|", stolen.baseline().novel());
        assertTrue(novel.contains("network 185.220.101.0/24") && novel.contains("client app:" + GRAPH_APP), novel);

        Finding hotel = judged(extra, "cli-hotel");
        assertEquals(Severity.LOW, hotel.severity(), "a new network with the person's own CLI: a traveller, "
                + hotel.baseline());
    }

    @Test
    void consoleSignInsFromTheUsualBrowserAreRoutineAndANewPlatformFromANewNetworkIsTold() throws Exception {
        List<String> extra = List.of(consoleLogin(21, 8, OFFICE + "21", CHROME_WINDOWS, "console-routine"),
                consoleLogin(21, 2, ELSEWHERE, FIREFOX_LINUX, "console-elsewhere"));
        Finding routine = judged(extra, "console-routine");
        assertEquals(Severity.INFORMATIONAL, routine.severity(), routine.baseline().toString());
        assertEquals("arn:aws:iam::403918276512:user/dev-mkowalski", routine.baseline().person());
        Finding stolen = judged(extra, "console-elsewhere");
        assertTrue(stolen.severity().atLeast(Severity.MEDIUM), stolen.baseline().toString());
        assertTrue(String.join("|", stolen.baseline().novel()).contains("client browser/linux"),
                stolen.baseline().toString());
    }

    @Test
    void aLongTermKeyCheckedFromTheUsualPlaceIsRoutineAndFromElsewhereWithAnotherSdkIsTold() throws Exception {
        List<String> extra = List.of(callerIdentity(21, 9, OFFICE + "20", AWS_CLI, "sts-routine"),
                callerIdentity(21, 2, ELSEWHERE, BOTO3_WINDOWS, "sts-elsewhere"));
        Finding routine = judged(extra, "sts-routine");
        assertEquals(Severity.INFORMATIONAL, routine.severity(), routine.baseline().toString());
        Finding stolen = judged(extra, "sts-elsewhere");
        assertTrue(stolen.severity().atLeast(Severity.MEDIUM), stolen.baseline().toString());
        assertTrue(String.join("|", stolen.baseline().novel()).contains("client boto3/windows"),
                stolen.baseline().toString());
    }

    @Test
    void aFailedConsoleSignInIsTheSamePersonAsTheirSuccessfulOnes() throws Exception {
        ObjectNode failed = (ObjectNode) RuleFixtures.read(RuleFixtures.dir()
                .resolve("aws_console_login/match/02_iam_user_failed_no_arn.json")).deepCopy();
        failed.put("eventTime", BaselinesTest.START.plusDays(21) + "T08:54:31Z");
        failed.put("sourceIPAddress", OFFICE + "20");
        failed.put("eventID", "console-failed");
        Finding f = judged(List.of(failed.toString()), "console-failed");
        assertEquals("failure", f.event().outcome());
        assertEquals("arn:aws:iam::403918276512:user/dev-mkowalski", f.baseline().person());
        assertEquals(Severity.INFORMATIONAL, f.severity(), f.baseline() + " " + f.notes());
    }
}
