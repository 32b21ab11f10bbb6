package dev.sidedoor.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TuningWarningsTest {

    static final String FILE = """
            suppressions:
              - id: long-lived
                rule: "*"
                match: {account: "111122223333"}
                reason: r
                expires: 2027-06-30
              - id: soon
                rule: "aws_*"
                reason: r
                expires: 2026-11-23
              - id: today
                rule: "aws_*"
                reason: r
                expires: 2026-11-20
              - id: gone
                rule: "aws_*"
                reason: r
                expires: 2026-10-01
              - id: edge
                rule: "aws_*"
                reason: r
                expires: 2026-12-04
              - id: outside
                rule: "aws_*"
                reason: r
                expires: 2026-12-05
              - id: everything
                rule: "*"
                reason: r
                expires: 2027-06-30
            trusted_networks:
              - name: fine
                cidr: 10.0.0.0/8
              - name: the internet
                cidrs: [0.0.0.0/1, "2000::/12"]
            """;

    @Test
    void expiredAndSoonToExpireAndBroadEntriesAreListedInFileOrder() throws Exception {
        Tuning t = Tuning.parse(FILE, "tuning.yml");
        assertEquals(List.of(
                "tuning.yml:7: suppression 'soon' expires on 2026-11-23 (in 3 days)",
                "tuning.yml:11: suppression 'today' expires today (2026-11-20)",
                "tuning.yml:15: suppression 'gone' expired on 2026-10-01 and no longer applies; renew it after "
                        + "review or delete it",
                "tuning.yml:19: suppression 'edge' expires on 2026-12-04 (in 14 days)",
                "tuning.yml:27: suppression 'everything' has rule \"*\" and no match: it suppresses every finding",
                "tuning.yml:34: trusted network 'the internet' includes 0.0.0.0/1, a very broad range: every caller "
                        + "in it gets a lower severity",
                "tuning.yml:34: trusted network 'the internet' includes 2000::/12, a very broad range: every caller "
                        + "in it gets a lower severity"),
                t.warnings(LocalDate.of(2026, 11, 20)));
    }

    @Test
    void oneDayIsSingular() throws Exception {
        Tuning t = Tuning.parse(FILE, "tuning.yml");
        List<String> w = t.warnings(LocalDate.of(2026, 11, 22));
        assertEquals("tuning.yml:7: suppression 'soon' expires on 2026-11-23 (in 1 day)", w.get(0));
    }

    @Test
    void nothingToSayForACleanFile() throws Exception {
        Tuning t = Tuning.parse("""
                suppressions:
                  - id: fine
                    rule: aws_ssm_send_command_shell
                    reason: r
                    expires: 2027-06-30
                """, "tuning.yml");
        assertEquals(List.of(), t.warnings(LocalDate.of(2026, 11, 20)));
        assertEquals(List.of("tuning.yml:2: suppression 'fine' expires on 2027-06-30 (in 10 days)"),
                t.warnings(LocalDate.of(2027, 6, 20)));
    }

    @Test
    void aSuppressionThatNamesNoLoadedRuleIsWarnedAbout() throws Exception {
        Tuning t = Tuning.parse("""
                suppressions:
                  - id: typo
                    rule: aws_ssm_start_sesion_shell
                    reason: r
                    expires: 2027-06-30
                  - id: by-title
                    rule: "*Session Manager*"
                    reason: r
                    expires: 2027-06-30
                  - id: by-glob
                    rule: "aws_ssm_*"
                    reason: r
                    expires: 2027-06-30
                """, "tuning.yml");
        List<String[]> loaded = List.<String[]>of(new String[] {"0d5b...", "aws_ssm_start_session_shell",
            "AWS SSM Session Manager Shell Session Started"});
        assertEquals(List.of("tuning.yml:2: suppression 'typo' names no loaded rule (by name, id or title): it "
                + "suppresses nothing; check the rule name"), t.warnings(LocalDate.parse("2026-12-06"), loaded, List.of()));
        assertEquals(List.of(), t.warnings(LocalDate.parse("2026-12-06")), "no rule list, no such check");
    }
}
