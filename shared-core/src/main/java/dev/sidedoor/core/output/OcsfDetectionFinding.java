package dev.sidedoor.core.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sidedoor.core.event.EventTimes;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.match.IpAddress;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OCSF 1.1 Detection Finding (class 2004, category Findings): what SIEMs and security lakes (Security Lake,
 * Splunk, Sentinel via OCSF mappings) ingest. Fields sidedoor has no OCSF home for go to {@code unmapped}.
 */
final class OcsfDetectionFinding implements FindingFormat {

    static final int CLASS_UID = 2004;
    static final int CATEGORY_UID = 2;
    static final int ACTIVITY_CREATE = 1;
    static final String OCSF_VERSION = "1.1.0";

    /** OCSF's hostname_t. */
    private static final Pattern HOSTNAME = Pattern.compile(
            "(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])\\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\\-]*[A-Za-z0-9])");

    private final String productVersion;

    OcsfDetectionFinding(String productVersion) {
        this.productVersion = productVersion;
    }

    /** Providers whose findings are about a host (an EDR process event): the host profile, a device, no cloud. */
    private static final Set<String> ENDPOINT_PROVIDERS = Set.of("crowdstrike", "defender", "sysmon");

    @Override
    public void write(Finding f, JsonGenerator g) throws IOException {
        boolean endpoint = ENDPOINT_PROVIDERS.contains(f.provider());
        g.writeStartObject();
        g.writeNumberField("class_uid", CLASS_UID);
        g.writeStringField("class_name", "Detection Finding");
        g.writeNumberField("category_uid", CATEGORY_UID);
        g.writeStringField("category_name", "Findings");
        g.writeNumberField("activity_id", ACTIVITY_CREATE);
        g.writeStringField("activity_name", "Create");
        g.writeNumberField("type_uid", CLASS_UID * 100L + ACTIVITY_CREATE);
        g.writeStringField("type_name", "Detection Finding: Create");
        g.writeNumberField("severity_id", severityId(f.severity()));
        g.writeStringField("severity", capitalised(f.severity()));
        long time = EventTimes.epochMillis(f.event().time());
        g.writeNumberField("time", time >= 0 ? time : System.currentTimeMillis());
        string(g, "message", f.summary());
        g.writeNumberField("status_id", f.suppressed() ? 3 : 1);
        g.writeStringField("status", f.suppressed() ? "Suppressed" : "New");
        metadata(f, g, endpoint);
        findingInfo(f, g);
        if (f.actor() != null) {
            g.writeObjectFieldStart("actor");
            g.writeObjectFieldStart("user");
            g.writeStringField("name", f.actor());
            g.writeStringField("uid", f.actor());
            g.writeEndObject();
            g.writeEndObject();
        }
        if (endpoint) {
            device(f, g);
        } else {
            cloud(f, g);
        }
        if (f.target() != null) {
            g.writeArrayFieldStart("resources");
            g.writeStartObject();
            g.writeStringField("uid", f.target());
            // Entra's target is the application signed in to; the other cloud logs' is mostly a VM.
            g.writeStringField("type", endpoint ? "Host" : f.provider().equals("entra") ? "Application"
                    : "Virtual Machine");
            g.writeEndObject();
            g.writeEndArray();
        }
        evidences(f, g, endpoint);
        unmapped(f, g);
        g.writeEndObject();
    }

    /**
     * Profiles: {@code host} (actor, device) always, {@code cloud} (cloud, required once declared) for findings from
     * cloud logs. Where a finding came from (file, record) belongs in {@code unmapped}, which takes any object.
     */
    private void metadata(Finding f, JsonGenerator g, boolean endpoint) throws IOException {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", OCSF_VERSION);
        g.writeArrayFieldStart("profiles");
        if (!endpoint) {
            g.writeString("cloud");
        }
        g.writeString("host");
        g.writeEndArray();
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "sidedoor");
        g.writeStringField("vendor_name", "sidedoor");
        g.writeStringField("version", productVersion);
        g.writeEndObject();
        g.writeStringField("uid", f.findingId());
        string(g, "log_provider", providerName(f.provider()));
        string(g, "original_time", f.event().time());
        g.writeEndObject();
    }

    /** The cloud profile's object: provider, account (with its OCSF type where 1.1.0 has one) and region. */
    private static void cloud(Finding f, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("cloud");
        g.writeStringField("provider", switch (f.provider()) {
            case "aws" -> "AWS";
            case "azure", "entra" -> "Azure";
            case "gcp" -> "GCP";
            default -> providerName(f.provider());
        });
        if (f.account() != null) {
            g.writeObjectFieldStart("account");
            g.writeStringField("uid", f.account());
            switch (f.provider()) {
                case "aws" -> typed(g, 10, "AWS Account");
                case "azure" -> typed(g, 99, "Azure Subscription");
                case "entra" -> typed(g, 99, "Entra ID Tenant");
                case "gcp" -> typed(g, 99, "GCP Project");
                default -> typed(g, 0, "Unknown");
            }
            g.writeEndObject();
        }
        string(g, "region", f.region());
        g.writeEndObject();
    }

    private static void typed(JsonGenerator g, int typeId, String type) throws IOException {
        g.writeNumberField("type_id", typeId);
        g.writeStringField("type", type);
    }

    /** The host an EDR finding is about: name, hostname when it is one, agent id, address and OS family. */
    private static void device(Finding f, JsonGenerator g) throws IOException {
        Map<String, String> c = f.context();
        g.writeObjectFieldStart("device");
        typed(g, 0, "Unknown");
        string(g, "name", f.target());
        if (f.target() != null && HOSTNAME.matcher(f.target()).matches()) {
            g.writeStringField("hostname", f.target());
        }
        string(g, "uid", c.get("host_id"));
        if (c.get("host_ip") != null && IpAddress.parseIgnoringZone(c.get("host_ip")) != null) {
            g.writeStringField("ip", c.get("host_ip"));
        }
        String os = c.getOrDefault("os", "").toLowerCase(java.util.Locale.ROOT);
        int osType = os.startsWith("win") ? 100 : os.startsWith("linux") ? 200 : os.startsWith("mac") ? 300 : 0;
        if (osType != 0) {
            g.writeObjectFieldStart("os");
            g.writeStringField("name", c.get("os"));
            typed(g, osType, osType == 100 ? "Windows" : osType == 200 ? "Linux" : "macOS");
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * What the finding was made from: the caller's address (an IP, or a service name such as ssm.amazonaws.com),
     * the API call of a cloud log, or the process an EDR saw start.
     */
    private static void evidences(Finding f, JsonGenerator g, boolean endpoint) throws IOException {
        Map<String, String> c = f.context();
        boolean process = endpoint && c.get("process_id") != null;
        boolean api = !endpoint && f.event().action() != null;
        if (f.sourceIp() == null && !process && !api) {
            return;
        }
        g.writeArrayFieldStart("evidences");
        g.writeStartObject();
        if (f.sourceIp() != null) {
            g.writeObjectFieldStart("src_endpoint");
            g.writeStringField(IpAddress.parseIgnoringZone(f.sourceIp()) != null ? "ip" : "svc_name", f.sourceIp());
            g.writeEndObject();
        }
        if (api) {
            g.writeObjectFieldStart("api");
            g.writeStringField("operation", f.event().action());
            if (f.event().service() != null) {
                g.writeObjectFieldStart("service");
                g.writeStringField("name", f.event().service());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        if (process) {
            g.writeObjectFieldStart("process");
            process(g, c.get("process_id"), c.get("image"), c.get("command_line"));
            if (c.get("parent_process_id") != null) {
                g.writeObjectFieldStart("parent_process");
                process(g, c.get("parent_process_id"), c.get("parent_image"), c.get("parent_command_line"));
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void process(JsonGenerator g, String id, String image, String commandLine) throws IOException {
        g.writeStringField("uid", id);
        if (id.length() < 10 && !id.isEmpty() && id.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            g.writeNumberField("pid", Integer.parseInt(id));
        }
        if (image != null) {
            int slash = Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/'));
            g.writeStringField("name", image.substring(slash + 1));
        }
        string(g, "cmd_line", commandLine);
    }

    /** What OCSF has no attribute for; nulls are left out (OCSF has no null values). */
    private static void unmapped(Finding f, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("unmapped");
        string(g, "event_id", f.event().id());
        string(g, "event_action", f.event().action());
        string(g, "event_service", f.event().service());
        string(g, "event_outcome", f.event().outcome());
        string(g, "error_code", f.event().errorCode());
        string(g, "user_agent", f.userAgent());
        for (Map.Entry<String, String> e : f.context().entrySet()) {
            g.writeStringField("context_" + e.getKey(), e.getValue());
        }
        if (f.suppression() != null) {
            string(g, "suppression_id", f.suppression().id());
            string(g, "suppression_reason", f.suppression().reason());
            string(g, "suppression_expires", f.suppression().expires());
        }
        SidedoorJson.strings(g, "notes", f.notes());
        if (f.baseline() != null) {
            SidedoorJson.baseline(g, f.baseline(), false);
        }
        SidedoorJson.correlation(g, f, false);
        SidedoorJson.origin(g, f.origin());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void findingInfo(Finding f, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("finding_info");
        g.writeStringField("uid", f.findingId());
        g.writeStringField("title", f.rule().title());
        string(g, "desc", f.summary());
        g.writeArrayFieldStart("types");
        g.writeString(f.provider() + ":" + f.event().action());
        g.writeEndArray();
        g.writeObjectFieldStart("analytic");
        g.writeStringField("uid", f.rule().id());
        g.writeStringField("name", f.rule().name());
        g.writeNumberField("type_id", 1);
        g.writeStringField("type", "Rule");
        g.writeEndObject();
        g.writeArrayFieldStart("attacks");
        for (String technique : f.techniques()) {
            if (f.tactics().isEmpty()) {
                attack(g, technique, null);
            }
            for (String tactic : f.tactics()) {
                attack(g, technique, Attack.tactic(tactic));
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        Finding.Runbook book = f.rule().runbook();
        if (book != null && !book.steps().isEmpty()) {
            // OCSF's place for what to do about a finding; the guide's three parts in one description.
            g.writeObjectFieldStart("remediation");
            g.writeStringField("desc", String.join(" ", book.steps()));
            g.writeEndObject();
        }
    }


    /** One ATT&amp;CK entry: a sub-technique ("T1021.008") goes under its technique ("T1021"), as OCSF 1.1 has it. */
    private static void attack(JsonGenerator g, String technique, String[] tactic) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", Attack.VERSION);
        String parent = Attack.parentTechnique(technique);
        idAndName(g, "technique", parent != null ? parent : technique);
        if (parent != null) {
            idAndName(g, "sub_technique", technique);
        }
        if (tactic != null) {
            g.writeObjectFieldStart("tactic");
            g.writeStringField("uid", tactic[0]);
            g.writeStringField("name", tactic[1]);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void idAndName(JsonGenerator g, String field, String id) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("uid", id);
        string(g, "name", Attack.techniqueName(id));
        g.writeEndObject();
    }

    static int severityId(Severity s) {
        return switch (s) {
            case INFORMATIONAL -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    private static String capitalised(Severity s) {
        String l = s.label();
        return Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }

    private static String providerName(String provider) {
        return dev.sidedoor.core.source.Sources.displayName(provider);
    }
}
