package dev.sidedoor.core.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.testing.KeyPushes;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Routine is learnt per person from earlier days only: what a person does every day goes quiet, what is new keeps
 * (or raises) its level, and the answer does not depend on the order or batching of the logs.
 */
class BaselinesTest {

    private static final List<SigmaRule> RULES = BuiltInRules.load();
    private static final Engine ENGINE = new Engine(RULES, Tuning.none(), Clock.systemUTC());

    static final LocalDate START = KeyPushes.START;
    static final String CLI = KeyPushes.CLI;

    static String push(int day, int hour, String user, String ip, String ua, String instance, String account) {
        return KeyPushes.push(day, hour, user, ip, ua, instance, account);
    }

    static List<Finding> findings(List<String> records) throws Exception {
        InputResult r = ENGINE.scan(new ByteArrayInputStream(String.join("\n", records)
                .getBytes(StandardCharsets.UTF_8)), "t.jsonl");
        assertEquals(0, r.stats().rejectedTotal(), r.rejections().toString());
        return r.findings();
    }

    /** Alice pushes a key to her dev box every weekday for three weeks, from home or the office. */
    static List<String> aliceRoutine() {
        List<String> out = new ArrayList<>();
        for (int day = 0; day < 21; day++) {
            String ip = day % 3 == 0 ? "198.51.100." + (20 + day) : "203.0.113.45";
            out.add(push(day, 9, "alice@corp.example", ip, CLI, "i-0a11ce000000000a1", "111122223333"));
        }
        return out;
    }

    static Baselines baselines(BaselineStore store) {
        return new Baselines(store, Baselines.Settings.DEFAULTS, RULES);
    }

    static Finding last(List<Finding> judged, String idPrefix) {
        return judged.stream().filter(f -> f.event().id().startsWith(idPrefix)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aDailyHabitBecomesRoutineAndSaysWhy() throws Exception {
        List<Finding> judged = baselines(new MemoryStore()).apply(findings(aliceRoutine()));
        Finding day0 = judged.get(0);
        assertEquals("learning", day0.baseline().state());
        assertEquals(Severity.MEDIUM, day0.severity(), "nothing is known on the first day: the rule's level");
        Finding day20 = last(judged, "alice@corp.example-20-");
        assertEquals("routine", day20.baseline().state(), day20.baseline().toString());
        assertEquals(Severity.INFORMATIONAL, day20.severity());
        assertTrue(day20.baseline().why().startsWith("seen on 20 day(s) since 2026-10-01 from "),
                day20.baseline().why());
        assertEquals("sso:alice@corp.example", day20.baseline().person());
        assertTrue(day20.notes().stream().anyMatch(n -> n.startsWith("severity lowered to informational: routine")));
    }

    @Test
    void aStolenSessionFromANewNetworkAtNightOnOtherHostsIsRaisedAndSaysWhatWasNew() throws Exception {
        List<String> records = new ArrayList<>(aliceRoutine());
        for (int i = 0; i < 6; i++) {
            records.add(push(22, 3, "alice@corp.example", "185.220.101." + (10 + i), "python-requests/2.31.0",
                    "i-0bad00000000000" + i, "111122223333"));
        }
        List<Finding> judged = baselines(new MemoryStore()).apply(findings(records));
        for (Finding f : judged.subList(judged.size() - 6, judged.size())) {
            assertEquals("novel", f.baseline().state());
            assertEquals(Severity.HIGH, f.severity(), f.notes().toString());
            String novel = String.join("|", f.baseline().novel());
            assertTrue(novel.contains("network 185.220.101.") && novel.contains("client python-requests")
                    && novel.contains("target i-0bad") && novel.contains("time weekday 00-04h"), novel);
        }
    }

    @Test
    void aBurstDoesNotTeachItselfAndANewIdentityIsRaisedAfterLearning() throws Exception {
        List<String> records = new ArrayList<>(aliceRoutine());
        // Mallory appears on day 25 with a permission set nobody else uses, and repeats herself the same day:
        // still new, all of it.
        for (int i = 0; i < 4; i++) {
            records.add(unvouched(push(25, 14, "mallory@corp.example", "203.0.113.45", CLI, "i-0a11ce000000000a1",
                    "111122223333")));
        }
        List<Finding> judged = baselines(new MemoryStore()).apply(findings(records));
        Finding m = last(judged, "mallory@corp.example-25-");
        assertEquals("novel", m.baseline().state());
        assertEquals(Severity.HIGH, m.severity());
        assertTrue(m.baseline().novel().get(0).startsWith("person sso:mallory@corp.example"), m.baseline().toString());
    }

    @Test
    void theOrderAndBatchingOfTheLogsAndRescansDoNotChangeTheAnswer() throws Exception {
        List<String> records = new ArrayList<>(aliceRoutine());
        records.add(push(22, 3, "alice@corp.example", "185.220.101.7", CLI, "i-0bad000000000007", "444455556666"));
        records.add(push(23, 10, "bob@corp.example", "203.0.113.46", CLI, "i-0b0b00000000000b1", "111122223333"));
        List<String> expected = severities(baselines(new MemoryStore()).apply(findings(records)));

        List<String> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(3));
        assertEquals(expected, severities(baselines(new MemoryStore()).apply(findings(shuffled))));

        // One run per day with the same store, then the whole month again on that store (a rescan).
        MemoryStore store = new MemoryStore();
        List<Finding> daily = new ArrayList<>();
        for (int day = 0; day <= 23; day++) {
            String prefix = START.plusDays(day).toString();
            List<String> oneDay = records.stream().filter(r -> r.contains("\"eventTime\":\"" + prefix)).toList();
            if (!oneDay.isEmpty()) {
                daily.addAll(baselines(store).apply(findings(oneDay)));
            }
        }
        assertEquals(expected, severities(daily));
        assertEquals(expected, severities(baselines(store).apply(findings(records))), "a rescan changes nothing");
    }

    @Test
    void neverRoutineRulesAndAlwaysNotifyGlobsKeepTheirLevel() throws Exception {
        Baselines pinned = new Baselines(new MemoryStore(), new Baselines.Settings(14, 60, 2,
                List.of("aws_ec2_instance_connect_*")), RULES);
        Finding day20 = last(pinned.apply(findings(aliceRoutine())), "alice@corp.example-20-");
        assertEquals(Severity.MEDIUM, day20.severity());
        assertEquals("routine", day20.baseline().state(), "routine, and notified all the same");
        assertTrue(day20.baseline().why().startsWith("always notified"), day20.baseline().why());
        assertNull(day20.notes().stream().filter(n -> n.contains("lowered")).findFirst().orElse(null));
    }

    @Test
    void anInstancesOwnCredentialsAreNeverRoutine() throws Exception {
        List<String> records = new ArrayList<>();
        for (int day = 0; day < 21; day++) {
            records.add(push(day, 9, "i-0123456789abcdef0", "10.20.0.15", CLI, "i-0a11ce000000000a1", "111122223333"));
        }
        Finding day20 = last(baselines(new MemoryStore()).apply(findings(records)), "i-0123456789abcdef0-20-");
        assertEquals("true", day20.context().get("instance_credentials"));
        assertEquals(Severity.HIGH, day20.severity(), "raised for instance credentials, and not lowered: "
                + day20.notes());
        assertTrue(day20.baseline().why().startsWith("always notified"), day20.baseline().why());
    }

    /** Alice, Bob and Carol (the Developer permission set) on their dev boxes every weekday for three weeks. */
    static List<String> team() {
        List<String> out = new ArrayList<>(aliceRoutine());
        for (int day = 0; day < 21; day++) {
            out.add(push(day, 10, "bob@corp.example", "203.0.113.46", CLI, "i-0b0b00000000000b1", "111122223333"));
            out.add(push(day, 11, "carol@corp.example", "203.0.113.47", CLI, "i-0ca40100000000001", "111122223333"));
        }
        return out;
    }

    @Test
    void aNewcomerToATeamIsToldOnceADayAndRaisedOnlyForWhatNobodyInTheTeamDoes() throws Exception {
        List<String> records = new ArrayList<>(team());
        for (int i = 0; i < 3; i++) {
            records.add(push(22, 9 + i, "dave@corp.example", "192.0.2.10", CLI, "i-0da0e0000000000" + i,
                    "111122223333"));
        }
        records.add(push(22, 14, "dave@corp.example", "192.0.2.10", CLI, "i-0da0e00000000008", "999988887777"));
        records.add(push(23, 9, "dave@corp.example", "192.0.2.10", CLI, "i-0da0e00000000000", "111122223333"));
        records.add(push(23, 13, "dave@corp.example", "192.0.2.10", CLI, "i-0da0e00000000009", "999988887777"));
        List<Finding> judged = baselines(new MemoryStore()).apply(findings(records));

        Finding first = last(judged, "dave@corp.example-22-9-");
        assertEquals(Severity.MEDIUM, first.severity(), "the newcomer's first access of the day is told: "
                + first.baseline());
        assertTrue(first.baseline().novel().get(0).contains("(new; 3 others in developer work like this)"),
                first.baseline().novel().toString());
        for (String later : List.of("dave@corp.example-22-10-", "dave@corp.example-22-11-")) {
            Finding f = last(judged, later);
            assertEquals(Severity.LOW, f.severity(), "told already today: " + f.notes());
        }
        Finding nextDay = last(judged, "dave@corp.example-23-9-");
        assertEquals(Severity.LOW, nextDay.severity(), "what the team does is not news: " + nextDay.baseline());
        Finding elsewhere = last(judged, "dave@corp.example-22-14-");
        assertEquals(Severity.HIGH, elsewhere.severity(), "new, and where nobody in the team works: "
                + elsewhere.baseline());
        assertTrue(elsewhere.baseline().novel().contains("account 999988887777 (new for the whole team)"),
                elsewhere.baseline().novel().toString());
        Finding again = last(judged, "dave@corp.example-23-13-");
        assertEquals(Severity.MEDIUM, again.severity(), "told once, not yet the team's: " + again.baseline());
    }

    @Test
    void anIdentityNobodyVouchesForStaysNewPastMidnight() throws Exception {
        List<String> records = new ArrayList<>(aliceRoutine());
        records.add(unvouched(push(25, 23, "mallory@corp.example", "198.18.0.9", CLI, "i-0a11ce000000000a1",
                "111122223333")));
        records.add(unvouched(push(26, 0, "mallory@corp.example", "198.18.0.9", CLI, "i-0a11ce000000000a1",
                "111122223333")));
        Finding after = last(baselines(new MemoryStore()).apply(findings(records)), "mallory@corp.example-26-");
        assertEquals(Severity.HIGH, after.severity(), after.baseline().toString());
        assertEquals("person sso:mallory@corp.example (new: seen on 1 earlier day(s))", after.baseline().novel().get(0));
    }

    @Test
    void anAccountWorkedInOnceAndAnInstanceReachedEarlierTodayAreNotNewsAgain() throws Exception {
        List<String> records = new ArrayList<>(aliceRoutine());
        records.add(push(22, 9, "alice@corp.example", "203.0.113.45", CLI, "i-0a11ce0000000stg", "444455556666"));
        records.add(push(22, 10, "alice@corp.example", "203.0.113.45", CLI, "i-0a11ce0000000stg", "444455556666"));
        records.add(push(22, 11, "alice@corp.example", "203.0.113.45", CLI, "i-0a11ce0000000st2", "444455556666"));
        records.add(push(27, 9, "alice@corp.example", "203.0.113.45", CLI, "i-0a11ce000000000a1", "444455556666"));
        List<Finding> judged = baselines(new MemoryStore()).apply(findings(records));
        assertEquals(Severity.MEDIUM, last(judged, "alice@corp.example-22-9-").severity());
        Finding again = last(judged, "alice@corp.example-22-10-");
        assertEquals(Severity.LOW, again.severity(), "same account, same instance, told an hour ago: "
                + again.baseline());
        Finding another = last(judged, "alice@corp.example-22-11-");
        assertEquals(Severity.MEDIUM, another.severity(), "another new instance is news of its own: "
                + another.baseline());
        Finding week = last(judged, "alice@corp.example-27-");
        assertTrue(week.baseline().novel().stream().noneMatch(n -> n.startsWith("account")),
                week.baseline().novel().toString());
        assertTrue(week.severity().compareTo(Severity.LOW) <= 0, week.baseline().toString());
    }

    @Test
    void peopleSharingAFederatedRoleUnderTheirOwnNamesAreJudgedAsPeople() throws Exception {
        List<String> records = new ArrayList<>();
        for (int day = 0; day < 21; day++) {
            for (String user : List.of("alice", "bob", "carol")) {
                records.add(federated(push(day, 9, user, "203.0.113." + user.length(), CLI, "i-0" + user,
                        "111122223333")));
            }
        }
        // Alice from a hotel: a person on a new network, nothing else new.
        records.add(federated(push(22, 9, "alice", "198.51.100.77", CLI, "i-0alice", "111122223333")));
        List<Finding> judged = baselines(new MemoryStore()).apply(findings(records));
        Finding hotel = last(judged, "alice-22-");
        assertEquals("role:developer/alice", hotel.baseline().person());
        assertEquals(Severity.LOW, hotel.severity(), hotel.baseline().toString());
    }

    @Test
    void aStolenSessionFanningOutToBrandNewInstancesAtNightIsToldAtEveryStep() throws Exception {
        List<String> records = new ArrayList<>(aliceRoutine());
        for (int i = 0; i < 4; i++) {
            records.add(push(22, 3, "alice@corp.example", "185.220.101.7", CLI, "i-0f1ee7000000000" + i,
                    "111122223333"));
        }
        for (Finding f : baselines(new MemoryStore()).apply(findings(records))) {
            if (f.event().id().startsWith("alice@corp.example-22-")) {
                assertTrue(f.severity().atLeast(Severity.MEDIUM), "a new network, new hosts and a new hour are "
                        + "more than a hotel: " + f.baseline());
            }
        }
    }

    @Test
    void aSparsePersonIsNotANewcomerAndANewAccountIsNewsForThem() throws Exception {
        List<String> records = new ArrayList<>(aliceRoutine());
        for (int day = 0; day < 21; day++) {
            records.add(push(day, 15, "alice@corp.example", "203.0.113.45", CLI, "i-0a11ce0000000stg",
                    "444455556666"));
        }
        for (int day : new int[] {0, 7, 14}) {
            records.add(push(day, 10, "bob@corp.example", "203.0.113.46", CLI, "i-0b0b00000000000b1",
                    "111122223333"));
        }
        records.add(push(22, 10, "bob@corp.example", "203.0.113.46", CLI, "i-0a11ce0000000stg", "444455556666"));
        Finding f = last(baselines(new MemoryStore()).apply(findings(records)), "bob@corp.example-22-");
        assertTrue(f.severity().atLeast(Severity.MEDIUM), "on call once a week for three weeks, then an account "
                + "never worked in: " + f.baseline());
        assertTrue(f.baseline().novel().stream().anyMatch(n -> n.startsWith("account 444455556666")),
                f.baseline().novel().toString());
    }

    /** The same key push under a permission set no one else uses: an identity nobody in a team vouches for. */
    private static String unvouched(String record) {
        return record.replace("AWSReservedSSO_Developer_0a1b2c3d4e5f6a7b", "AWSReservedSSO_Contractor_9f8e7d6c5b4a3f2e");
    }

    /** The same key push, by a SAML-federated role whose session names are user names. */
    private static String federated(String record) {
        return record.replace("AWSReservedSSO_Developer_0a1b2c3d4e5f6a7b", "Developer")
                .replace("aws-reserved/sso.amazonaws.com/", "");
    }

    @Test
    void anUnreachableStoreFailsOpenAtTheRulesLevelWithANote() throws Exception {
        MemoryStore memory = new MemoryStore();
        BaselineStore down = (BaselineStore) java.lang.reflect.Proxy.newProxyInstance(
                BaselineStore.class.getClassLoader(), new Class<?>[] {BaselineStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new BaselineStore.UnavailableException("table sidedoor-baseline: throttled", null);
                });
        List<Finding> routine = findings(aliceRoutine());
        Baselines.Judged judged = baselines(down).applyOrFailOpen(routine);
        assertEquals("table sidedoor-baseline: throttled", judged.unavailable());
        assertEquals(routine.size(), judged.findings().size(), "nothing lost");
        for (Finding f : judged.findings()) {
            assertEquals(Severity.MEDIUM, f.severity(), "the rule's level, never lowered on a guess");
            assertEquals("unavailable", f.baseline().state());
            assertTrue(f.notes().contains("baseline unavailable: table sidedoor-baseline: throttled; reported at "
                    + "the rule's level"), f.notes().toString());
        }
        Baselines.Judged fine = baselines(memory).applyOrFailOpen(routine);
        assertNull(fine.unavailable());
        assertEquals(Severity.INFORMATIONAL, fine.findings().get(fine.findings().size() - 1).severity());
    }

    private static List<String> severities(List<Finding> judged) {
        return judged.stream().map(f -> f.event().id() + "=" + f.severity().label() + "/" + f.baseline().state())
                .sorted().toList();
    }
}
