package dev.sidedoor.core.source.falcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.Json;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.source.Screening;
import dev.sidedoor.core.source.Source;
import dev.sidedoor.core.source.process.ProcessEvents;
import dev.sidedoor.core.source.process.ProcessStart;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * CrowdStrike Falcon sensor telemetry: process starts ({@code ProcessRollup2}, {@code SyntheticProcessRollup2}) as
 * LogScale / Event Search exports show them (with {@code ComputerName}, {@code UserName}, {@code FileName}) and as
 * Falcon Data Replicator writes them (JSON lines without host or user names, which come from a
 * {@link FalconHosts} table when one is given). Every other Falcon event (DnsRequest, NetworkConnectIP4...) and
 * the aidmaster / userinfo table lines are recognised and skipped by design. Process starts become Sigma
 * {@code process_creation} events (see {@link ProcessEvents}); rules see Falcon's own fields too.
 */
public final class FalconSource implements Source {

    static final String PROVIDER = "crowdstrike";
    /** Falcon's process-start event names. */
    static final Set<String> PROCESS_EVENTS = Set.of("ProcessRollup2", "SyntheticProcessRollup2");
    static final String OTHER_EVENT = "CrowdStrike Falcon event other than a process start";
    static final String TABLE_RECORD = "CrowdStrike Falcon host or user table line (aidmaster, userinfo): not an "
            + "event; give it as a lookup table to name FDR hosts and users";

    private final FalconHosts hosts;

    /** Without a host table: FDR events keep their aid as host id and have no host name. */
    public FalconSource() {
        this(FalconHosts.NONE);
    }

    public FalconSource(FalconHosts hosts) {
        this.hosts = hosts == null ? FalconHosts.NONE : hosts;
    }

    @Override
    public String name() {
        return "falcon";
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String displayName() {
        return "CrowdStrike Falcon";
    }

    /**
     * A sensor event (an {@code event_simpleName} with the sensor's {@code aid}, {@code cid} or
     * {@code event_platform}), or a line of the aidmaster or userinfo tables.
     */
    @Override
    public boolean recognises(JsonNode record) {
        if (simpleName(record) != null) {
            return record.has("aid") || record.has("cid") || record.has("event_platform");
        }
        return isTableLine(record);
    }

    /** {@code event_simpleName}, or LogScale's tag {@code #event_simpleName}, when it is text. */
    static String simpleName(JsonNode record) {
        JsonNode n = record.get("event_simpleName");
        if (n == null || !n.isTextual()) {
            n = record.get("#event_simpleName");
        }
        return n != null && n.isTextual() && !n.textValue().isEmpty() ? n.textValue() : null;
    }

    /** An aidmaster line (aid, ComputerName, AgentVersion...) or a userinfo line (UserSid_readable, UserName). */
    static boolean isTableLine(JsonNode r) {
        if (r.has("aid") && r.has("ComputerName")
                && (r.has("AgentVersion") || r.has("AgentLocalTime") || r.has("FirstSeen"))) {
            return true;
        }
        return r.has("UserSid_readable") && r.has("UserName");
    }

    @Override
    public AuditEvent normalize(JsonNode record, JsonTrees trees) {
        String name = simpleName(record);
        if (name == null || !PROCESS_EVENTS.contains(name)) {
            return null;
        }
        return ProcessEvents.toEvent(PROVIDER, name, processStart(record), view(record), record);
    }

    @Override
    public String skipReason(JsonNode record) {
        return simpleName(record) == null ? TABLE_RECORD : OTHER_EVENT;
    }

    ProcessStart processStart(JsonNode r) {
        FalconHosts.Host host = hosts.host(Json.text(r, "aid"));
        String image = image(r);
        String platform = Json.text(r, "event_platform");
        if (platform == null && host != null) {
            platform = host.platform();
        }
        String os = ProcessEvents.os(platform);
        if (os == null) {
            os = ProcessEvents.osOfPath(image);
        }
        String computer = Json.text(r, "ComputerName");
        if (computer == null && host != null) {
            computer = host.computerName();
        }
        String account = Json.text(r, "cid");
        if (account == null && host != null) {
            account = host.cid();
        }
        String hostIp = Json.text(r, "LocalAddressIP4");
        if (hostIp == null && host != null) {
            hostIp = host.localIp();
        }
        if (hostIp == null) {
            hostIp = Json.text(r, "aip");
        }
        return new ProcessStart(
                Json.first(r, "id", "@id", "TargetProcessId"),
                time(r),
                os,
                computer,
                Json.text(r, "aid"),
                account,
                user(r),
                image,
                Json.text(r, "CommandLine"),
                Json.first(r, "ParentImageFileName", "ParentBaseFileName"),
                Json.text(r, "ParentCommandLine"),
                Json.first(r, "GrandParentImageFileName", "GrandParentBaseFileName"),
                Json.first(r, "RawProcessId", "TargetProcessId"),
                Json.text(r, "ParentProcessId"),
                null,
                null,
                integrityLevel(Json.text(r, "IntegrityLevel")),
                hashes(r),
                hostIp);
    }

    /** The process's path: ImageFileName, else FilePath and FileName, else FileName. */
    private static String image(JsonNode r) {
        String image = Json.text(r, "ImageFileName");
        if (image != null) {
            return image;
        }
        String file = Json.text(r, "FileName");
        String path = Json.text(r, "FilePath");
        if (file != null && path != null) {
            return path.endsWith("\\") || path.endsWith("/") ? path + file
                    : path + (path.indexOf('\\') >= 0 ? "\\" : "/") + file;
        }
        return file;
    }

    private static String time(JsonNode r) {
        for (String field : new String[] {"timestamp", "@timestamp", "ProcessStartTime", "_time", "ContextTimeStamp"}) {
            String iso = FalconTimes.iso(r.get(field));
            if (iso != null) {
                return iso;
            }
        }
        return null;
    }

    /**
     * UserName; else the name the userinfo table gives the SID; else a well-known SID's or uid 0's name; else the
     * SID itself.
     */
    private String user(JsonNode r) {
        String name = Json.text(r, "UserName");
        if (name != null) {
            return name;
        }
        String sid = Json.text(r, "UserSid");
        String known = hosts.user(sid);
        if (known != null) {
            return known;
        }
        if (sid != null) {
            switch (sid) {
                case "S-1-5-18":
                    return "NT AUTHORITY\\SYSTEM";
                case "S-1-5-19":
                    return "NT AUTHORITY\\LOCAL SERVICE";
                case "S-1-5-20":
                    return "NT AUTHORITY\\NETWORK SERVICE";
                default:
                    break;
            }
        }
        if ("0".equals(Json.text(r, "UID"))) {
            return "root";
        }
        // A SID the table does not know still tells accounts apart, which "unknown actor" does not.
        return sid == null ? null : FalconHosts.clip(sid);
    }

    /** Falcon's mandatory-label RID as Sysmon names it (Low, Medium, High, System). */
    static String integrityLevel(String rid) {
        if (rid == null) {
            return null;
        }
        return switch (rid) {
            case "0" -> "Untrusted";
            case "4096" -> "Low";
            case "8192" -> "Medium";
            case "8448" -> "MediumPlus";
            case "12288" -> "High";
            case "16384" -> "System";
            case "20480" -> "Protected";
            default -> null;
        };
    }

    private static String hashes(JsonNode r) {
        String sha256 = Json.text(r, "SHA256HashData");
        String md5 = Json.text(r, "MD5HashData");
        if (sha256 == null && md5 == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        if (sha256 != null) {
            b.append("SHA256=").append(FalconHosts.clip(sha256));
        }
        if (md5 != null) {
            b.append(b.length() > 0 ? "," : "").append("MD5=").append(FalconHosts.clip(md5));
        }
        return b.toString();
    }

    /** Falcon's own fields, so a rule written for Falcon can read FileName or ParentBaseFileName. */
    private static ObjectNode view(JsonNode record) {
        return record.isObject() ? ((ObjectNode) record).deepCopy() : null;
    }

    @Override
    public List<String> routes(LogSource ls) {
        return ProcessEvents.routes(PROVIDER, ls, "crowdstrike", "falcon");
    }

    /** Falcon's event name: other sources' screenings leave its lines alone. */
    @Override
    public Set<String> envelopeKeys() {
        return Set.of("event_simpleName", "#event_simpleName");
    }

    /** Falcon lines carry none of the other sources' or the reader's envelope keys. */
    @Override
    public Screening screening(Function<String, List<SigmaRule>> rulesOfRoute, Set<String> envelopeKeys) {
        return new FalconScreening(rulesOfRoute, envelopeKeys);
    }
}
