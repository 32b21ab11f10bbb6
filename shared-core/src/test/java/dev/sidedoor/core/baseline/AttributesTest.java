package dev.sidedoor.core.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who is behind an actor: people by name across roles and accounts, automation by role, job ids folded away. */
class AttributesTest {

    private static Finding by(String arn, String role) {
        return new Finding("sd-1", null, Severity.MEDIUM, List.of(), List.of(), "aws", null, arn, null, null, null,
                null, null, null, role == null ? Map.of() : Map.of("actor_role", role), null, List.of());
    }

    @Test
    void everyHourFallsInItsFourHourBlockOfAWeekdayOrWeekend() {
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                // 2024-03-04 is a Monday
                String time = String.format("2024-03-%02dT%02d:30:00Z", 4 + day, hour);
                int block = hour / 4 * 4;
                String expected = (day >= 5 ? "weekend " : "weekday ") + String.format("%02d-%02dh", block, block + 4);
                assertEquals(expected, Attributes.timeOfWeek(time), time);
            }
        }
        assertEquals("(unknown)", Attributes.timeOfWeek("not a time"));
    }

    @Test
    void identityCenterUsersAreOnePersonAcrossAccountsAndTheirPermissionSetIsTheirTeam() {
        Finding f = by("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_PlatformAdmin_40112fc054c7776b/"
                + "Alice@Corp.example", "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/"
                + "AWSReservedSSO_PlatformAdmin_40112fc054c7776b");
        assertEquals("sso:alice@corp.example", Attributes.person(f));
        assertEquals("sso-set:platformadmin", Attributes.group(f));
    }

    @Test
    void federatedPeopleAreNamedByTheirSessionAndTheirRoleIsTheirTeam() {
        Finding email = by("arn:aws:sts::111122223333:assumed-role/Admin/alice@corp.example",
                "arn:aws:iam::111122223333:role/Admin");
        assertEquals("federated:alice@corp.example", Attributes.person(email));
        assertEquals("role:admin", Attributes.group(email));
        Finding user = by("arn:aws:sts::444455556666:assumed-role/Admin/fhaddad", "arn:aws:iam::444455556666:role/Admin");
        assertEquals("role:admin/fhaddad", Attributes.person(user), "the same in every account");
        assertEquals("role:admin", Attributes.group(user));
    }

    @Test
    void sessionsNamedByJobOrInstanceAreTheirRole() {
        String role = "arn:aws:iam::111122223333:role/ci-deploy";
        for (String session : List.of("GitHubActions-11343309005", "botocore-session-1700000000",
                "i-0123456789abcdef0", "3f2b9c1e-8a7d-4e1f-9b2c-5d6e7f8a9b0c", "deadbeefcafe")) {
            Finding f = by("arn:aws:sts::111122223333:assumed-role/ci-deploy/" + session, role);
            assertEquals(role, Attributes.person(f), session);
            assertNull(Attributes.group(f), session);
        }
        assertEquals("gitlab-runner-#-#", Attributes.sessionShape("gitlab-runner-42-7f3a9b2c1d"));
        assertEquals("alarm-diagnostics", Attributes.sessionShape("alarm-diagnostics"));
    }

    @Test
    void aPipelineWithStableSessionNamesIsNoTeamOfPeople() {
        String role = "arn:aws:iam::111122223333:role/ci-deploy";
        for (String session : List.of("GitHubActions", "deploy-web", "terraform-apply", "nightly_patching",
                "jenkins", "alarm-diagnostics-lambda")) {
            Finding f = by("arn:aws:sts::111122223333:assumed-role/ci-deploy/" + session, role);
            assertNull(Attributes.group(f), session);
        }
        assertEquals("role:admin", Attributes.group(by("arn:aws:sts::111122223333:assumed-role/Admin/jsmith",
                "arn:aws:iam::111122223333:role/Admin")));
        assertEquals("role:admin", Attributes.group(by("arn:aws:sts::111122223333:assumed-role/Admin/ops.lead@"
                + "corp.example", "arn:aws:iam::111122223333:role/Admin")), "an e-mail is a person whatever it says");
    }

    @Test
    void usersAndOtherPrincipalsAreThemselves() {
        assertEquals("arn:aws:iam::111122223333:user/svc-report", Attributes.person(
                by("arn:aws:iam::111122223333:user/svc-report", null)));
        assertNull(Attributes.group(by("arn:aws:iam::111122223333:user/svc-report", null)));
    }

    @Test
    void theClientIsTheSignedInApplicationWhenTheSourceNamesItElseTheUserAgentsFamily() {
        Finding entra = new Finding("sd-2", null, Severity.LOW, List.of(), List.of(), "entra", null,
                "alice@corp.example", null, null, null, null, "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
                null, Map.of("app_id", "04B07795-8DDB-461A-BBEE-02F9E1BF7B46"), null, List.of());
        assertEquals("app:04b07795-8ddb-461a-bbee-02f9e1bf7b46", Attributes.client(entra),
                "an interactive sign-in's user agent is the browser that showed the log-in page, not the client");
        assertEquals("browser/windows", Attributes.client("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0"));
        assertEquals("browser/macos", Attributes.client("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1"));
        assertEquals("browser/linux", Attributes.client("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Firefox/128.0"));
        assertEquals("browser/android", Attributes.client("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0"));
        assertEquals("browser/ios", Attributes.client("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)"));
        assertEquals("browser", Attributes.client("Mozilla/5.0"));
        assertEquals("aws-cli/linux", Attributes.client("aws-cli/2.22.14 md/awscrt#0.23.4 ua/2.0 os/linux#6.8.0"));
    }

    @Test
    void aRuleMayMakeANewClientStrongNewsForPeople() throws Exception {
        dev.sidedoor.core.sigma.SigmaRule rule = dev.sidedoor.core.sigma.SigmaParser.parse("""
                title: t
                logsource: {product: azure, service: signinlogs}
                detection: {selection: {AppId: x}, condition: selection}
                level: low
                sidedoor:
                    baseline:
                        attributes: [network, client]
                        strong: [client, network, bogus]
                """, "t.yml").get(0);
        assertEquals(List.of("client"), BaselineSpec.of(rule).strong(), "only the client is weighed down for people");
        dev.sidedoor.core.sigma.SigmaRule without = dev.sidedoor.core.sigma.SigmaParser.parse("""
                title: t
                logsource: {product: azure, service: signinlogs}
                detection: {selection: {AppId: x}, condition: selection}
                level: low
                sidedoor:
                    baseline:
                        attributes: [network]
                        strong: [client]
                """, "t.yml").get(0);
        assertEquals(List.of(), BaselineSpec.of(without).strong(), "an attribute not compared cannot be strong");
    }
}
