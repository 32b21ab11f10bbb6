package dev.sidedoor.core.source.sysmon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.Json;
import dev.sidedoor.core.source.process.ProcessEvents;
import dev.sidedoor.core.source.process.ProcessStart;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a Sysmon ECS document to Sigma's process_creation names. Elastic's ingest pipelines move Sysmon's own
 * fields out of {@code winlog.event_data} into ECS ({@code Image} to {@code process.executable}, {@code
 * CommandLine} to {@code process.command_line}, {@code ParentImage} to {@code process.parent.executable}, {@code
 * User} to {@code user.domain} and {@code user.name}...); Winlogbeat without the pipeline leaves them in
 * {@code winlog.event_data}. ECS is read first, event_data second. Documents may be nested or have dotted keys.
 */
final class SysmonNormalizer {

    private static final Set<String> PROVIDERS = Set.of("microsoft-windows-sysmon", "linux-sysmon");
    private static final Set<String> CHANNELS = Set.of("microsoft-windows-sysmon/operational",
            "linux-sysmon/operational");
    private static final String PROCESS_CREATE = "1";
    private static final String EVENT_DATA = "winlog.event_data";

    private SysmonNormalizer() {
    }

    /** The document itself, or an Elasticsearch hit's {@code _source}. */
    static JsonNode document(JsonNode record) {
        JsonNode source = record.get("_source");
        return source != null && source.isObject() ? source : record;
    }

    /** Written by Sysmon: its provider (Windows or Linux) or its channel. */
    static boolean isSysmon(JsonNode doc) {
        String provider = text(doc, "event.provider");
        if (provider == null) {
            provider = text(doc, "winlog.provider_name");
        }
        if (provider != null && PROVIDERS.contains(provider.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String channel = text(doc, "winlog.channel");
        return channel != null && CHANNELS.contains(channel.toLowerCase(Locale.ROOT));
    }

    static final String OTHER_EVENT = "Sysmon event other than process creation (event 1)";

    /** Why a Sysmon record gives no event by design (another event id), or null. */
    static String skipReason(JsonNode record) {
        JsonNode doc = document(record);
        String code = doc.isObject() ? first(doc, "event.code", "winlog.event_id") : null;
        return code != null && !PROCESS_CREATE.equals(code.trim()) ? OTHER_EVENT : null;
    }

    /** The process start, or null for Sysmon's other events. */
    static AuditEvent normalize(JsonNode record) {
        JsonNode doc = document(record);
        if (!doc.isObject()) {
            return null;
        }
        String code = first(doc, "event.code", "winlog.event_id");
        if (code == null || !PROCESS_CREATE.equals(code.trim())) {
            return null;
        }
        JsonNode data = node(doc, EVENT_DATA);
        if (data != null && !data.isObject()) {
            data = null;
        }
        String image = first(doc, "process.executable", EVENT_DATA + ".Image");
        String os = os(doc, image);
        String hostId = first(doc, "agent.id", "host.id");
        String entity = first(doc, "process.entity_id", EVENT_DATA + ".ProcessGuid");
        ProcessStart p = new ProcessStart(
                entity != null ? entity : first(doc, "winlog.record_id"),
                first(doc, "@timestamp", EVENT_DATA + ".UtcTime", "event.created"),
                os,
                first(doc, "winlog.computer_name", "host.hostname", "host.name"),
                hostId,
                first(doc, "cloud.account.id"),
                user(doc, os),
                image,
                first(doc, "process.command_line", EVENT_DATA + ".CommandLine"),
                first(doc, "process.parent.executable", EVENT_DATA + ".ParentImage"),
                first(doc, "process.parent.command_line", EVENT_DATA + ".ParentCommandLine"),
                null,
                first(doc, "process.pid", EVENT_DATA + ".ProcessId"),
                first(doc, "process.parent.pid", EVENT_DATA + ".ParentProcessId"),
                first(doc, "process.working_directory", EVENT_DATA + ".CurrentDirectory"),
                first(doc, "process.pe.original_file_name", EVENT_DATA + ".OriginalFileName"),
                first(doc, EVENT_DATA + ".IntegrityLevel"),
                hashes(doc),
                firstOf(doc, "host.ip"));
        ObjectNode view = ((ObjectNode) doc).deepCopy();
        // Sysmon's own field names at the top, as Sigma's Sysmon taxonomy reads them.
        if (data != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!view.has(e.getKey())) {
                    view.set(e.getKey(), e.getValue());
                }
            }
        }
        copy(doc, "process.pe.description", view, "Description");
        copy(doc, "process.pe.product", view, "Product");
        copy(doc, "process.pe.company", view, "Company");
        copy(doc, "process.pe.file_version", view, "FileVersion");
        return ProcessEvents.toEvent(SysmonSource.PROVIDER, "Sysmon", p, view, record);
    }

    /** host.os.type when the agent added host metadata, else the provider (Sysmon for Linux has its own). */
    private static String os(JsonNode doc, String image) {
        String os = ProcessEvents.os(first(doc, "host.os.type", "host.os.platform", "host.os.family"));
        if (os != null) {
            return os;
        }
        String provider = first(doc, "event.provider", "winlog.provider_name", "winlog.channel");
        if (provider != null) {
            String p = provider.toLowerCase(Locale.ROOT);
            if (p.startsWith("linux-sysmon")) {
                return "linux";
            }
            if (p.startsWith("microsoft-windows-sysmon")) {
                return "windows";
            }
        }
        return ProcessEvents.osOfPath(image);
    }

    /** Sysmon's "DOMAIN\\user" as logged, else ECS's user.domain and user.name joined the same way. */
    private static String user(JsonNode doc, String os) {
        String logged = first(doc, EVENT_DATA + ".User");
        if (logged != null) {
            return logged;
        }
        String name = first(doc, "user.name");
        String domain = first(doc, "user.domain");
        if (name == null) {
            return null;
        }
        return domain != null && !"linux".equals(os) ? domain + "\\" + name : name;
    }

    /** Sysmon's Hashes as logged, else rebuilt from ECS process.hash.* ("SHA1=...,MD5=...,SHA256=...,IMPHASH=..."). */
    private static String hashes(JsonNode doc) {
        String logged = first(doc, EVENT_DATA + ".Hashes");
        if (logged != null) {
            return logged;
        }
        StringBuilder b = new StringBuilder();
        String[][] names = {{"SHA1", "process.hash.sha1"}, {"MD5", "process.hash.md5"},
            {"SHA256", "process.hash.sha256"}, {"IMPHASH", "process.pe.imphash"}};
        for (String[] n : names) {
            String v = first(doc, n[1]);
            if (v != null) {
                b.append(b.length() == 0 ? "" : ",").append(n[0]).append('=').append(v.toUpperCase(Locale.ROOT));
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static void copy(JsonNode doc, String from, ObjectNode view, String to) {
        String v = first(doc, from);
        if (v != null && !view.has(to)) {
            view.put(to, v);
        }
    }

    /** The first scalar text among the names. */
    private static String first(JsonNode doc, String... names) {
        for (String n : names) {
            String v = text(doc, n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A field's scalar text, or the first element's of an array (host.ip is a list). */
    private static String firstOf(JsonNode doc, String name) {
        JsonNode v = node(doc, name);
        if (v != null && v.isArray()) {
            return v.size() > 0 ? Json.scalar(v.get(0)) : null;
        }
        return Json.scalar(v);
    }

    private static String text(JsonNode doc, String name) {
        return Json.scalar(node(doc, name));
    }

    /** A field by its dotted ECS name: the whole name as a key (flattened exports), else the nested objects. */
    private static JsonNode node(JsonNode doc, String name) {
        JsonNode whole = doc.get(name);
        return whole != null ? whole : Json.at(doc, name);
    }
}
