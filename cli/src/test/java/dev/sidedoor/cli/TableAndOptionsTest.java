package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The table's width, cuts, order and colour; scan's selection and output options; usage errors and exit codes. */
class TableAndOptionsTest {

    @TempDir
    Path tmp;

    static final String EXAMPLES = Cli.repo().resolve("examples").toString();

    static Screen columns(int n) {
        return new Screen(Map.of("COLUMNS", Integer.toString(n)), false);
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120, 200})
    void noLineIsWiderThanTheScreenAndTwoSsoUsersStillDiffer(int width) {
        Cli r = Cli.run(columns(width), "scan", EXAMPLES);
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.size() > 50, r.out());
        for (String line : lines) {
            assertTrue(Shorten.columns(line) <= width, width + ": " + line.length() + ": " + line);
        }
        // Priya and Marek both come in through the same AWSReservedSSO_PlatformAdmin role.
        String priya = lines.stream().filter(l -> l.contains("StartSess") && l.contains("priya")).findFirst()
                .orElseThrow(() -> new AssertionError(width + ": no StartSession row naming priya:\n" + r.out()));
        String marek = lines.stream().filter(l -> l.contains("ConsoleLo") && l.contains("marek")).findFirst()
                .orElseThrow(() -> new AssertionError(width + ": no ConsoleLogin row naming marek:\n" + r.out()));
        assertFalse(priya.contains("AWSReservedSSO"), "the user is kept before the role: " + priya);
        assertTrue(priya.contains("low") || priya.contains("medium") || priya.contains("high"), priya);
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120, 200})
    void reportLinesSummaryAndGroupsFitTheScreenToo(int width) {
        Cli r = Cli.run(columns(width), "scan", "--summary", EXAMPLES);
        Cli groups = Cli.run(columns(width), "scan", "--group-by", "host,user,rule,source_ip", EXAMPLES);
        for (Cli c : List.of(r, groups)) {
            assertEquals(0, c.exit(), c.err());
            for (String line : (c.out() + c.err()).lines().toList()) {
                assertTrue(Shorten.columns(line) <= width, width + ": " + line.length() + ": " + line);
            }
        }
        // The report is whole, only broken: the skipped reasons one per line, the counts readable.
        assertTrue(r.err().matches("(?s).*skipped \\(not scanned by design\\): \\d+\\R +\\d+  \\S.*"), r.err());
        assertTrue(r.err().contains("by actor:"), r.err());
        // Grouped rows keep users apart: one row per SSO user behind the same role.
        List<String> rows = groups.out().lines().toList();
        assertTrue(rows.get(0).startsWith("HOST"), groups.out());
        assertTrue(rows.stream().anyMatch(l -> l.contains("priya")), groups.out());
        assertFalse(rows.stream().anyMatch(l -> l.contains("AWSReservedSSO_PlatformAdmin")), groups.out());
        assertEquals(width >= GroupPrinter.LAST_SEEN_FROM, rows.get(0).contains("LAST SEEN"), rows.get(0));
        assertEquals(width >= GroupPrinter.FIRST_SEEN_FROM, rows.get(0).contains("FIRST SEEN"), rows.get(0));
    }

    @Test
    void wrappedReportLinesBreakBetweenWordsAndKeepGluedWordsTogether() {
        List<String> lines = Wrap.lines("sidedoor: scanned 14 file(s), 0.8" + Wrap.GLUE + "MB in 1.95" + Wrap.GLUE
                + "s and a/very/long/path/that/cannot/fit/anywhere/at/all.json", 24);
        for (String l : lines) {
            assertTrue(l.length() <= 24, l);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("1.95 s")), lines.toString());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith(Wrap.INDENT)), lines.toString());
        assertTrue(lines.get(lines.size() - 1).endsWith("at/all.json"), lines.toString());
        assertEquals(List.of("short"), Wrap.lines("short", 24));
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 33, 61})
    void aVeryNarrowScreenCutsEachLineAtItsEdge(int width) {
        Cli r = Cli.run(columns(width), "scan", EXAMPLES);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().lines().count() > 50);
        r.out().lines().forEach(l -> assertTrue(Shorten.columns(l) <= width, width + ": " + l));
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120, 200})
    void rowsAreInEventTimeOrder(int width) {
        Cli r = Cli.run(columns(width), "scan", EXAMPLES);
        List<String> times = new ArrayList<>();
        for (String line : r.out().lines().skip(1).toList()) {
            if (line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ .*")) {
                times.add(line.substring(0, 20));
            }
        }
        assertTrue(times.size() > 50, r.out());
        List<String> sorted = new ArrayList<>(times);
        sorted.sort(null);
        assertEquals(sorted, times);
    }

    @Test
    void severityIsNeverCutOnlyAbbreviated() {
        Cli narrow = Cli.run(columns(80), "scan", EXAMPLES);
        Cli wide = Cli.run(columns(200), "scan", EXAMPLES);
        assertTrue(wide.out().contains(" informational "), wide.out());
        for (Cli r : List.of(narrow, wide)) {
            for (String line : r.out().lines().skip(1).toList()) {
                if (line.matches("\\d{4}-.*")) {
                    String severity = line.substring(21).split(" +")[0];
                    assertTrue(severity.matches("info|informational|low|medium|high|critical"), line);
                }
            }
        }
    }

    @Test
    void cellsKeepTheirTellingEnd() {
        String sso = "assumed-role/AWSReservedSSO_PlatformAdmin_4f2a/alice@corp";
        assertEquals("…/alice@corp", Shorten.fitActor(sso, 14));
        assertFalse(Shorten.fitActor(sso, 12).equals(
                Shorten.fitActor("assumed-role/AWSReservedSSO_PlatformAdmin_4f2a/bob@corp", 12)));
        assertEquals("…/runCommand/action",
                Shorten.fitPath("Microsoft.Compute/virtualMachines/runCommand/action", 20));
        assertEquals("…/virtualMachines/3", Shorten.fitPath(
                "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/web/"
                        + "virtualMachines/3", 19));
        assertEquals("ConsoleLo…", Shorten.fitPath("ConsoleLogin", 10));
        assertEquals(10, Shorten.columns(Shorten.fitMiddle("0f3c6a9e-1b2c-4d5e-8f90-a1b2d8e2b6a57", 10)));
        // Wide characters take two columns each; a cut never leaves more than the room.
        String wide = "管理者".repeat(10) + "@corp";
        for (int w = 1; w < 40; w++) {
            assertTrue(Shorten.columns(Shorten.fitActor(wide, w)) <= w, w + ": " + Shorten.fitActor(wide, w));
            assertTrue(Shorten.columns(Shorten.fitPath("a/" + wide, w)) <= w);
            assertTrue(Shorten.columns(Shorten.fitMiddle(wide, w)) <= w);
        }
    }

    @Test
    void hostileValuesStayInTheirCellAndTheLine() throws Exception {
        String actor = "arn:aws:iam::111122223333:user/\\u001b[2J\\u202e" + "x".repeat(3000);
        Path f = write("hostile.json", ScanCommandTest.KEY_PUSH.replace("arn:aws:iam::111122223333:user/dev", actor));
        Cli r = Cli.run(columns(80), "scan", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("\u001b") || r.out().contains("\u202e"), r.out());
        r.out().lines().forEach(l -> assertTrue(Shorten.columns(l) <= 80, l));
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColor() {
        Screen tty = new Screen(Map.of("COLUMNS", "120"), true);
        Cli coloured = Cli.run(tty, "scan", EXAMPLES);
        assertTrue(coloured.out().contains("\u001b[31m"), "high is red on a terminal");
        Cli noColor = Cli.run(new Screen(Map.of("COLUMNS", "120", "NO_COLOR", ""), true), "scan", EXAMPLES);
        Cli flag = Cli.run(tty, "scan", "--no-color", EXAMPLES);
        Cli piped = Cli.run(columns(120), "scan", EXAMPLES);
        for (Cli r : List.of(noColor, flag, piped)) {
            assertEquals(0, r.exit(), r.err());
            assertFalse(r.out().contains("\u001b"), r.out());
        }
        assertEquals(piped.out(), noColor.out());
        assertEquals(piped.out(), coloured.out().replaceAll("\u001b\\[[0-9;]*m", ""),
                "colour changes nothing but the escapes");
    }

    @Test
    void aScreenWithoutColumnsIsOneHundredTwentyWideWhenPiped() {
        assertEquals(120, new Screen(Map.of(), false).width());
        assertEquals(200, new Screen(Map.of("COLUMNS", "200"), false).width());
        assertEquals(120, new Screen(Map.of("COLUMNS", "wide"), false).width());
        assertEquals(Screen.MIN_WIDTH, new Screen(Map.of("COLUMNS", "3"), false).width());
    }

    @Test
    void markersAreExplainedUnderTheTable() throws Exception {
        Path tuning = write("tuning.yml", "suppressions:\n  - id: s1\n    reason: known\n    rule: aws_ec2_*\n    expires: 2099-01-01\n");
        Path f = write("one.json", ScanCommandTest.KEY_PUSH);
        Cli r = Cli.run(columns(120), "scan", "--tuning", tuning.toString(), "--show-suppressed", "--no-baseline",
                f.toString());
        assertEquals(0, r.exit(), r.err());
        String row = r.out().lines().filter(l -> l.startsWith("2026")).findFirst().orElseThrow();
        assertTrue(row.matches("\\S+ +\\S+ +n?s .*"), "the s marker: " + row);
        assertTrue(r.out().contains(TablePrinter.LEGEND), r.out());
        assertTrue(Cli.run("scan", "--help").out().contains("s suppressed"));
    }

    @Test
    void sinceAndUntilPrintOnlyTheWindowAndCountTheRest() throws Exception {
        Cli all = Cli.run("scan", "--format", "jsonl", EXAMPLES);
        Cli window = Cli.run("scan", "--format", "jsonl", "--since", "2026-11-18T09:00:00Z", "--until",
                "2026-11-18T10:00:00Z", EXAMPLES);
        assertEquals(0, window.exit(), window.err());
        List<JsonNode> shown = window.jsonLines();
        long expected = all.jsonLines().stream().map(j -> j.path("event").path("time").asText())
                .filter(t -> t.compareTo("2026-11-18T09:00:00") >= 0 && t.compareTo("2026-11-18T10:00:00") < 0)
                .count();
        assertTrue(expected > 0 && expected < all.jsonLines().size());
        assertEquals(expected, shown.size());
        assertTrue(window.err().contains("not shown (outside --since/--until): "
                + (all.jsonLines().size() - expected)), window.err());
        // A date as --until takes in that whole day; the next day's start as --since leaves nothing.
        assertEquals(all.jsonLines().size(), Cli.run("scan", "--format", "jsonl", "--until", "2026-11-18",
                EXAMPLES).jsonLines().size() + countAfter(all, "2026-11-19"));
        assertEquals(2, Cli.run("scan", "--since", "last tuesday", EXAMPLES).exit());
        assertEquals(2, Cli.run("scan", "--since", "2026-11-19", "--until", "2026-11-18", EXAMPLES).exit());
    }

    private static long countAfter(Cli all, String day) throws Exception {
        return all.jsonLines().stream().filter(j -> j.path("event").path("time").asText().compareTo(day) >= 0).count();
    }

    @Test
    void relativeTimesCountBackFromNow() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
        assertEquals(Instant.parse("2026-11-19T12:00:00Z"), Selection.instant("--since", "24h", false, clock));
        assertEquals(Instant.parse("2026-11-13T12:00:00Z"), Selection.instant("--since", "7d", false, clock));
        assertEquals(Instant.parse("2026-11-20T11:30:00Z"), Selection.instant("--since", "30m", false, clock));
        assertEquals(Instant.parse("2026-11-06T12:00:00Z"), Selection.instant("--since", "2W", false, clock));
        assertEquals(Instant.parse("2026-11-19T00:00:00Z"), Selection.instant("--until", "2026-11-18", true, clock));
        assertEquals(Instant.parse("2026-11-18T07:00:00Z"),
                Selection.instant("--since", "2026-11-18T08:00:00+01:00", false, clock));
    }

    @Test
    void ruleAndExcludeRuleSelectByNameOrIdGlob() throws Exception {
        Cli ssm = Cli.run("scan", "--format", "jsonl", "--rule", "AWS_SSM_*", EXAMPLES);
        assertEquals(0, ssm.exit(), ssm.err());
        assertFalse(ssm.jsonLines().isEmpty());
        assertTrue(ssm.jsonLines().stream().allMatch(j -> j.path("rule").path("name").asText()
                .startsWith("aws_ssm_")), ssm.out());
        assertTrue(ssm.err().contains("not shown (--rule/--exclude-rule): "), ssm.err());
        Cli notSsm = Cli.run("scan", "--format", "jsonl", "--exclude-rule", "aws_ssm_*", "--exclude-rule",
                "gcp_*", EXAMPLES);
        assertTrue(notSsm.jsonLines().stream().map(j -> j.path("rule").path("name").asText())
                .noneMatch(n -> n.startsWith("aws_ssm_") || n.startsWith("gcp_")), notSsm.out());
        assertEquals(Cli.run("scan", "--format", "jsonl", EXAMPLES).jsonLines().size(),
                ssm.jsonLines().size() + notSsm.jsonLines().size() + Cli.run("scan", "--format", "jsonl", "--rule",
                        "gcp_*", EXAMPLES).jsonLines().size());
        String id = ssm.jsonLines().get(0).path("rule").path("id").asText();
        Cli byId = Cli.run("scan", "--format", "jsonl", "--rule", id, EXAMPLES);
        assertTrue(byId.jsonLines().stream().allMatch(j -> j.path("rule").path("id").asText().equals(id)));
        Cli typo = Cli.run("scan", "--rule", "aws_sms_*", EXAMPLES);
        assertEquals(0, typo.exit());
        assertTrue(typo.err().contains("rule glob 'aws_sms_*' matches no loaded rule"), typo.err());
    }

    @Test
    void outputWritesFindingsToAFileAndRefusesToOverwrite() throws Exception {
        Path out = tmp.resolve("findings.jsonl");
        Cli r = Cli.run("scan", "--format", "jsonl", "--output", out.toString(), EXAMPLES);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("findings: 85"), r.err());
        assertEquals(85, Files.readAllLines(out, StandardCharsets.UTF_8).size());
        Cli again = Cli.run("scan", "-o", out.toString(), EXAMPLES);
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("--overwrite"), again.err());
        assertEquals(85, Files.readAllLines(out, StandardCharsets.UTF_8).size(), "left as it was");
        Cli table = Cli.run(new Screen(Map.of(), true), "scan", "-o", out.toString(), "--overwrite", EXAMPLES);
        assertEquals(0, table.exit(), table.err());
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("TIME"), text);
        assertFalse(text.contains("\u001b"), "a file gets no colour");
        assertEquals(2, Cli.run("scan", "-o", tmp.resolve("no/such/dir/f").toString(), EXAMPLES).exit());
    }

    @Test
    void summaryCountsPrintedFindingsByRuleActorAndTarget() throws Exception {
        Cli r = Cli.run("scan", "--format", "jsonl", "--summary", "--rule", "aws_ssm_start_session_shell", EXAMPLES);
        assertEquals(0, r.exit(), r.err());
        int n = r.jsonLines().size();
        assertTrue(n >= 2, r.out());
        assertTrue(r.err().contains("summary of the " + n + " finding(s) printed"), r.err());
        assertTrue(r.err().matches("(?s).*by rule:\\R +" + n + "  aws_ssm_start_session_shell\\R.*"), r.err());
        assertTrue(r.err().contains("by actor:") && r.err().contains("by target:"), r.err());
        assertFalse(Cli.run("scan", EXAMPLES).err().contains("by rule:"));
    }

    @Test
    void enumValuesIgnoreCase() throws Exception {
        Cli r = Cli.run("scan", "--format", "JSONL", "--command-text", "Full", EXAMPLES);
        assertEquals(0, r.exit(), r.err());
        assertEquals(85, r.jsonLines().size());
    }

    @Test
    void completionScriptIsGenerated() {
        Cli r = Cli.run("generate-completion");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("complete -F") && r.out().contains("--since") && r.out().contains("--rule"),
                r.out().substring(0, Math.min(500, r.out().length())));
    }

    @Test
    void aUsageErrorIsOneMessageAndAHint() {
        Cli r = Cli.run("scan", "--format", "yaml", EXAMPLES);
        assertEquals(2, r.exit());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).contains("--format") && lines.get(0).contains("yaml"), r.err());
        assertEquals("Try 'sidedoor scan --help' for more information.", lines.get(1));
        Cli typo = Cli.run("scan", "--formt", "jsonl", EXAMPLES);
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("--format") && typo.err().contains("Try 'sidedoor scan --help'"),
                typo.err());
        assertFalse(typo.err().contains("Usage:"), typo.err());
    }

    @Test
    void aMissingRulesFolderIsExitTwoEverywhereSaidOnce() {
        String nope = tmp.resolve("nope").toString();
        for (String[] args : List.of(new String[] {"scan", "--rules", nope, EXAMPLES},
                new String[] {"rules", "list", "--rules", nope}, new String[] {"rules", "validate", nope},
                new String[] {"rules", "test", nope})) {
            Cli r = Cli.run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            String both = r.out() + r.err();
            assertEquals(1, both.split(java.util.regex.Pattern.quote(nope), -1).length - 1,
                    String.join(" ", args) + " names the folder once: " + both);
        }
    }

    @Test
    void symlinkedFilesAndFoldersAreScannedAndALoopIsSaid() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path real = write("elsewhere/trail.json", ScanCommandTest.KEY_PUSH);
        try {
            Files.createSymbolicLink(logs.resolve("trail.json"), real);
            Files.createSymbolicLink(logs.resolve("more"), real.getParent());
            Files.createSymbolicLink(logs.resolve("up"), logs);
            Files.createSymbolicLink(logs.resolve("gone.json"), tmp.resolve("missing.json"));
        } catch (UnsupportedOperationException | java.io.IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
        }
        Cli r = Cli.run("scan", "--format", "jsonl", logs.toString());
        assertTrue(r.err().contains("scanned 2 file(s)"), r.err());
        assertEquals(1, r.jsonLines().size(), "the same event twice is one finding");
        assertTrue(r.err().contains("up: a symbolic link to a folder already being walked"), r.err());
        assertTrue(r.err().contains("gone.json: symbolic link to nothing"), r.err());
        assertEquals(2, r.exit(), "a link to nothing is input that could not be read");
    }

    @Test
    void passedOverFilesAreNamed() {
        Cli r = Cli.run("scan", EXAMPLES);
        assertTrue(r.err().matches("(?s).*passed over 3 file\\(s\\).*README\\.md.*tuning\\.yml.*"), r.err());
    }

    private Path write(String name, String content) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }
}
