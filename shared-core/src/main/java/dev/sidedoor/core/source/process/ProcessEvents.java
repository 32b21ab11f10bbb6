package dev.sidedoor.core.source.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.Clip;
import dev.sidedoor.core.event.ContentHash;
import dev.sidedoor.core.event.Json;
import dev.sidedoor.core.sigma.LogSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an endpoint sensor's process start into an {@link AuditEvent} that Sigma {@code process_creation} rules run
 * on unchanged, whatever the sensor. Shared by the endpoint sources (Falcon, Defender, Sysmon); each maps its own
 * field names into a {@link ProcessStart}.
 *
 * <p>Events carry the service {@code process_creation:<os>}, so a rule for {@code product: windows} meets only
 * Windows hosts' processes, and a rule without a product meets every OS's. Rules see the sensor's own fields
 * (flattened as the source chooses) with the taxonomy's names set over them: {@code Image}, {@code CommandLine},
 * {@code ParentImage}, {@code ParentCommandLine}, {@code GrandparentImage}, {@code User}, {@code Computer},
 * {@code ProcessId}, {@code ParentProcessId}, {@code CurrentDirectory}, {@code OriginalFileName},
 * {@code IntegrityLevel}, {@code Hashes}.
 */
public final class ProcessEvents {

    /** The Sigma category, and the service prefix of every endpoint process event. */
    public static final String CATEGORY = "process_creation";
    /** What the findings' event action reads. */
    public static final String ACTION = "ProcessCreate";
    static final List<String> OSES = List.of("windows", "linux", "macos");
    private static final String UNKNOWN_OS = "unknown";

    private ProcessEvents() {
    }

    /**
     * The route keys of a source's process events that a rule with this logsource is evaluated on: category
     * process_creation, with product windows, linux, macos or none (every OS, and hosts whose OS is unknown).
     *
     * @param ownProducts products that name this very sensor (a rule written for it only), e.g. "crowdstrike"
     */
    public static List<String> routes(String provider, LogSource ls, String... ownProducts) {
        if (!CATEGORY.equals(ls.category())) {
            return List.of();
        }
        String product = ls.product();
        List<String> out = new ArrayList<>(4);
        if (product == null || List.of(ownProducts).contains(product)) {
            for (String os : OSES) {
                out.add(provider + "/" + CATEGORY + ":" + os);
            }
            out.add(provider + "/" + CATEGORY + ":" + UNKNOWN_OS);
        } else if (OSES.contains(product)) {
            out.add(provider + "/" + CATEGORY + ":" + product);
        }
        return out;
    }

    /**
     * The event for a process start.
     *
     * @param provider    the source's provider ("crowdstrike", "defender", "sysmon")
     * @param eventSource what the findings name as the event's service (e.g. "ProcessRollup2")
     * @param view        the sensor's fields as rules should see them (an object; taxonomy names are set over it)
     * @param raw         the record as read, for a content hash when the sensor gives no id
     */
    public static AuditEvent toEvent(String provider, String eventSource, ProcessStart p, ObjectNode view,
            JsonNode raw) {
        ObjectNode v = view == null ? JsonNodeFactory.instance.objectNode() : view;
        set(v, "Image", p.image());
        set(v, "CommandLine", p.commandLine());
        set(v, "ParentImage", p.parentImage());
        set(v, "ParentCommandLine", p.parentCommandLine());
        set(v, "GrandparentImage", p.grandparentImage());
        set(v, "User", p.user());
        set(v, "Computer", p.computer());
        set(v, "ProcessId", p.processId());
        set(v, "ParentProcessId", p.parentProcessId());
        set(v, "CurrentDirectory", p.currentDirectory());
        set(v, "OriginalFileName", p.originalFileName());
        set(v, "IntegrityLevel", p.integrityLevel());
        set(v, "Hashes", p.hashes());
        Map<String, String> ctx = new LinkedHashMap<>();
        Json.put(ctx, "image", p.image());
        Json.put(ctx, "command_line", Clip.of(p.commandLine(), Clip.COMMAND_TEXT_READ));
        Json.put(ctx, "parent_image", p.parentImage());
        Json.put(ctx, "parent_command_line", Clip.of(p.parentCommandLine(), Clip.COMMAND_TEXT_READ));
        Json.put(ctx, "grandparent_image", p.grandparentImage());
        Json.put(ctx, "os", p.os());
        Json.put(ctx, "host_id", p.hostId());
        Json.put(ctx, "host_ip", p.hostIp());
        Json.put(ctx, "process_id", p.processId());
        Json.put(ctx, "parent_process_id", p.parentProcessId());
        Json.put(ctx, "cloud_platform", CloudPlatforms.of(p.image(), p.commandLine()));
        String os = p.os() == null ? UNKNOWN_OS : p.os().toLowerCase(Locale.ROOT);
        String key = p.recordId() != null
                ? "proc:" + (p.hostId() == null ? "" : p.hostId() + "|") + p.recordId()
                : "content:" + ContentHash.of(raw);
        // The host is the target; a sensor record without the host's name (Falcon Data Replicator) names it by id.
        String target = p.computer() != null ? p.computer() : p.hostId();
        return new AuditEvent(provider, CATEGORY + ":" + os, key, p.recordId(), p.time(), ACTION, eventSource,
                p.user(), target, null, p.account(), null, AuditEvent.SUCCESS, null, null, ctx, v, Map.of());
    }

    /** The OS named by a sensor's platform value ("Win", "Windows", "Lin", "Linux", "Mac", "macOS"), or null. */
    public static String os(String platform) {
        if (platform == null) {
            return null;
        }
        String p = platform.toLowerCase(Locale.ROOT);
        if (p.startsWith("win")) {
            return "windows";
        }
        if (p.startsWith("lin")) {
            return "linux";
        }
        if (p.startsWith("mac") || p.startsWith("darwin") || p.equals("osx")) {
            return "macos";
        }
        return null;
    }

    /** The OS a path's shape gives away ("C:\\..." or "\\Device\\..." is Windows); null when it does not. */
    public static String osOfPath(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        if (path.indexOf('\\') >= 0 || path.length() > 1 && path.charAt(1) == ':') {
            return "windows";
        }
        return null;
    }

    private static void set(ObjectNode v, String name, String value) {
        if (value != null && !value.isEmpty()) {
            v.put(name, value);
        }
    }
}
