package dev.sidedoor.core.source.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.sigma.RuleLoader;
import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.source.Sources;
import dev.sidedoor.core.tuning.Tuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SigmaHQ's process_creation rules for remote-access agents, tunnels and cloud agents (vendored unchanged, see
 * {@code sigmahq-process-creation/NOTICE.md}) load, and run on process starts as each endpoint source writes them:
 * every case of {@code sigmahq-process-creation-cases.yml} is rendered as a Defender streaming record, a Sysmon ECS
 * document and (once that source is built in) a Falcon ProcessRollup2 event, and each rule must fire through exactly
 * the sources the case lists.
 */
class SigmaHqProcessCreationTest {

    private static final Path RESOURCES = Paths.get(System.getProperty("user.dir")).resolve("src/test/resources");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static List<SigmaRule> rules;
    private static List<Case> cases;
    private static Engine engine;

    record Case(String rule, String name, String os, JsonNode process, Set<String> matches) {
        String label() {
            return rule + (name == null ? "" : " (" + name + ")");
        }

        String field(String key) {
            JsonNode v = process.get(key);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    @BeforeAll
    static void load() throws IOException {
        RuleLoader.LoadResult loaded = RuleLoader.loadDirectory(RESOURCES.resolve("sigmahq-process-creation"));
        assertEquals(List.of(), loaded.errors().stream().map(SigmaException::getMessage).toList());
        rules = loaded.rules();
        engine = new Engine(rules, Tuning.none(), Clock.systemUTC());
        Object yaml = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                new org.yaml.snakeyaml.LoaderOptions())).load(Files.readString(
                        RESOURCES.resolve("sigmahq-process-creation-cases.yml")));
        JsonNode doc = new ObjectMapper().valueToTree(yaml);
        cases = new ArrayList<>();
        for (JsonNode c : doc.get("cases")) {
            Set<String> matches = new TreeSet<>();
            c.get("matches").forEach(m -> matches.add(m.asText()));
            cases.add(new Case(c.get("rule").asText(), c.hasNonNull("name") ? c.get("name").asText() : null,
                    c.get("os").asText(), c, matches));
        }
    }

    @Test
    void everyVendoredRuleLoadsAndIsRoutedToEveryEndpointSource() {
        assertEquals(17, rules.size());
        for (SigmaRule r : rules) {
            List<String> routes = Sources.BUILT_IN.routes(r.logsource());
            String os = r.logsource().product();
            assertTrue(routes.contains("defender/process_creation:" + os), r.name() + " " + routes);
            assertTrue(routes.contains("sysmon/process_creation:" + os), r.name() + " " + routes);
        }
        Set<String> covered = cases.stream().map(Case::rule).collect(Collectors.toSet());
        assertEquals(rules.stream().map(SigmaRule::name).collect(Collectors.toSet()), covered, "a case for every rule");
    }

    @Test
    void defenderRecordsMatchAsTheCasesSay() {
        run("defender", SigmaHqProcessCreationTest::defender);
    }

    @Test
    void sysmonDocumentsMatchAsTheCasesSay() {
        run("sysmon", SigmaHqProcessCreationTest::sysmon);
    }

    @Test
    void falconEventsMatchAsTheCasesSay() {
        Assumptions.assumeTrue(Sources.BUILT_IN.all().stream().anyMatch(s -> s.name().equals("falcon")),
                "the Falcon source is not built in yet");
        run("falcon", SigmaHqProcessCreationTest::falcon);
    }

    @Test
    void everyRuleButOneFiresThroughSomeSource() {
        Set<String> firing = cases.stream().filter(c -> !c.matches().isEmpty()).map(Case::rule)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> silent = rules.stream().map(SigmaRule::name).filter(n -> !firing.contains(n))
                .collect(Collectors.toSet());
        assertEquals(Set.of("proc_creation_win_remote_access_tools_teamviewer_incoming_connection"), silent,
                "only the rule that compares Image with a bare file name cannot fire on logged paths");
    }

    private static void run(String source, Function<Case, JsonNode> render) {
        List<String> wrong = new ArrayList<>();
        int ran = 0;
        for (Case c : cases) {
            if (source.equals("sysmon") && c.os().equals("macos")) {
                continue; // Sysmon runs on Windows and Linux only
            }
            ran++;
            JsonNode record = render.apply(c);
            InputResult r = engine.scan(record, c.label());
            if (!r.rejections().isEmpty() || r.stats().events() != 1) {
                wrong.add(c.label() + ": not read as one event: " + r.rejections() + " " + r.stats().skipped());
                continue;
            }
            Set<String> fired = r.findings().stream().map(Finding::rule).map(Finding.RuleRef::name)
                    .collect(Collectors.toSet());
            boolean expected = c.matches().contains(source);
            if (fired.contains(c.rule()) != expected) {
                wrong.add(c.label() + ": expected " + (expected ? "a match" : "no match") + ", fired " + fired);
            }
        }
        assertTrue(ran > 20, "cases run: " + ran);
        assertEquals(List.of(), wrong, source);
    }

    private static String fileName(String path) {
        if (path == null) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(cut + 1);
    }

    private static String[] domainAndName(String user) {
        int cut = user == null ? -1 : user.indexOf('\\');
        return cut < 0 ? new String[] {null, user} : new String[] {user.substring(0, cut), user.substring(cut + 1)};
    }

    private static void put(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /** A Defender for Endpoint streaming API record of DeviceProcessEvents. */
    static JsonNode defender(Case c) {
        ObjectNode p = F.objectNode();
        p.put("Timestamp", "2026-11-18T10:00:00.1234567Z");
        p.put("DeviceId", "3f0e6c1a9b2d4e5f8a7b6c5d4e3f2a1b0c9d8e7f");
        p.put("DeviceName", "host-" + c.os() + ".northwindlabs.example");
        p.put("ActionType", "ProcessCreated");
        put(p, "FileName", fileName(c.field("Image")));
        put(p, "FolderPath", c.field("Image"));
        put(p, "ProcessCommandLine", c.field("CommandLine"));
        p.put("ProcessId", 4242);
        String[] user = domainAndName(c.field("User"));
        put(p, "AccountDomain", user[0]);
        put(p, "AccountName", user[1]);
        put(p, "ProcessVersionInfoOriginalFileName", c.field("OriginalFileName"));
        put(p, "ProcessVersionInfoFileDescription", c.field("Description"));
        put(p, "ProcessVersionInfoProductName", c.field("Product"));
        put(p, "ProcessVersionInfoCompanyName", c.field("Company"));
        put(p, "SHA256", c.field("SHA256"));
        put(p, "InitiatingProcessFileName", fileName(c.field("ParentImage")));
        put(p, "InitiatingProcessFolderPath", c.field("ParentImage"));
        put(p, "InitiatingProcessCommandLine", c.field("ParentCommandLine"));
        p.put("InitiatingProcessId", 4100);
        p.put("ReportId", 1000 + cases.indexOf(c));
        ObjectNode r = F.objectNode();
        r.put("time", "2026-11-18T10:01:00.0000000Z");
        r.put("tenantId", "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f");
        r.put("operationName", "Publish");
        r.put("category", "AdvancedHunting-DeviceProcessEvents");
        r.set("properties", p);
        return r;
    }

    /** A Sysmon event 1 as Elastic Agent's windows.sysmon_operational or sysmon_linux integration indexes it. */
    static JsonNode sysmon(Case c) {
        boolean linux = c.os().equals("linux");
        ObjectNode r = F.objectNode();
        r.put("@timestamp", "2026-11-18T10:00:00.123Z");
        r.putObject("agent").put("id", "2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5e7a").put("type", "filebeat");
        ObjectNode event = r.putObject("event");
        event.put("code", "1").put("kind", "event").put("provider", linux ? "Linux-Sysmon" : "Microsoft-Windows-Sysmon");
        event.putArray("category").add("process");
        r.putObject("host").put("name", "host-" + c.os()).putObject("os").put("type", c.os());
        ObjectNode process = r.putObject("process");
        process.put("entity_id", "{7a3c1e5f-2a6b-6741-8c0b-" + String.format("%012d", cases.indexOf(c)) + "}");
        process.put("pid", 4242);
        put(process, "executable", c.field("Image"));
        put(process, "name", fileName(c.field("Image")));
        put(process, "command_line", c.field("CommandLine"));
        ObjectNode pe = F.objectNode();
        put(pe, "original_file_name", c.field("OriginalFileName"));
        put(pe, "description", c.field("Description"));
        put(pe, "product", c.field("Product"));
        put(pe, "company", c.field("Company"));
        if (!pe.isEmpty()) {
            process.set("pe", pe);
        }
        if (c.field("SHA256") != null) {
            process.putObject("hash").put("sha256", c.field("SHA256"));
        }
        ObjectNode parent = process.putObject("parent");
        parent.put("pid", 4100);
        put(parent, "executable", c.field("ParentImage"));
        put(parent, "command_line", c.field("ParentCommandLine"));
        String[] user = domainAndName(c.field("User"));
        ObjectNode u = r.putObject("user");
        put(u, "domain", user[0]);
        put(u, "name", user[1]);
        ObjectNode winlog = r.putObject("winlog");
        winlog.put("channel", linux ? "Linux-Sysmon/Operational" : "Microsoft-Windows-Sysmon/Operational");
        winlog.put("event_id", "1").put("computer_name", "host-" + c.os());
        ObjectNode data = winlog.putObject("event_data");
        data.put("IntegrityLevel", linux ? "no level" : "Medium");
        // Elastic's pipeline copies the version information to process.pe.* and keeps these.
        put(data, "Description", c.field("Description"));
        put(data, "Product", c.field("Product"));
        put(data, "Company", c.field("Company"));
        return r;
    }

    /** A CrowdStrike Falcon ProcessRollup2 event as Falcon Data Replicator and LogScale exports carry it. */
    static JsonNode falcon(Case c) {
        ObjectNode r = F.objectNode();
        r.put("event_simpleName", "ProcessRollup2");
        r.put("aid", "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        r.put("cid", "1a2b3c4d5e6f70819293a4b5c6d7e8f9");
        r.put("event_platform", switch (c.os()) {
            case "windows" -> "Win";
            case "linux" -> "Lin";
            default -> "Mac";
        });
        r.put("timestamp", "1795514400123");
        r.put("ComputerName", "host-" + c.os());
        put(r, "UserName", c.field("User"));
        String image = c.field("Image");
        // Windows images are logged as device paths.
        put(r, "ImageFileName", image != null && image.length() > 2 && image.charAt(1) == ':'
                ? "\\Device\\HarddiskVolume3" + image.substring(2) : image);
        put(r, "FileName", fileName(image));
        put(r, "CommandLine", c.field("CommandLine"));
        put(r, "ParentBaseFileName", fileName(c.field("ParentImage")));
        put(r, "SHA256HashData", c.field("SHA256"));
        r.put("TargetProcessId", String.valueOf(900_000 + cases.indexOf(c)));
        r.put("RawProcessId", "4242");
        r.put("ParentProcessId", "4100");
        return r;
    }
}
