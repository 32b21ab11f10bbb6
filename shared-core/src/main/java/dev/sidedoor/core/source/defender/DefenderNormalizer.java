package dev.sidedoor.core.source.defender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.Json;
import dev.sidedoor.core.source.process.ProcessEvents;
import dev.sidedoor.core.source.process.ProcessStart;
import java.util.Locale;

/**
 * Maps DeviceProcessEvents columns to Sigma's process_creation names. FolderPath holds the full path of the new
 * process's file (file name included, whatever the schema page says); InitiatingProcess* is the parent, and
 * InitiatingProcessParentFileName the grandparent. Rules also see every column under its own name.
 */
final class DefenderNormalizer {

    static final String CATEGORY_PREFIX = "advancedhunting-";
    static final String PROCESS_CATEGORY = "advancedhunting-deviceprocessevents";
    private static final String PROCESS_TABLE = "DeviceProcessEvents";
    private static final String PROCESS_CREATED = "ProcessCreated";
    /** Columns a flat DeviceProcessEvents row has and no other source's record does. */
    private static final String[] FLAT_PROCESS_COLUMNS = {"ProcessCommandLine", "InitiatingProcessFileName",
        "InitiatingProcessCommandLine"};

    private DefenderNormalizer() {
    }

    /** A streaming API record: its category names an advanced hunting table. */
    static boolean isStreamed(JsonNode r) {
        return isAdvancedHunting(r.get("category"));
    }

    static boolean isAdvancedHunting(JsonNode category) {
        return category != null && category.isTextual()
                && category.textValue().regionMatches(true, 0, CATEGORY_PREFIX, 0, CATEGORY_PREFIX.length());
    }

    /**
     * A row exported without the envelope (advanced hunting API results, a Sentinel DeviceProcessEvents row): the
     * device id, an action type and a process column, and nothing that makes it a cloud audit record.
     */
    static boolean isFlatRow(JsonNode r) {
        if (!r.has("DeviceId") || !r.has("ActionType") || r.has("operationName") || r.has("eventName")
                || r.has("protoPayload") || r.has("category")) {
            return false;
        }
        for (String c : FLAT_PROCESS_COLUMNS) {
            if (r.has(c)) {
                return true;
            }
        }
        return false;
    }

    /** Why a Defender record gives no event by design (another table, another action), or null. */
    static String skipReason(JsonNode record) {
        String table = isStreamed(record) ? record.get("category").textValue() : Json.text(record, "Type");
        if (table != null && !table.equalsIgnoreCase(isStreamed(record) ? PROCESS_CATEGORY : PROCESS_TABLE)) {
            return OTHER_TABLE;
        }
        JsonNode row = isStreamed(record) ? record.get("properties") : record;
        String action = row == null ? null : Json.text(row, "ActionType");
        return action != null && !action.equalsIgnoreCase(PROCESS_CREATED) ? OTHER_ACTION : null;
    }

    static final String OTHER_TABLE = "Microsoft Defender for Endpoint table other than DeviceProcessEvents";
    static final String OTHER_ACTION = "Microsoft Defender for Endpoint process event other than a start";

    /** The process start, or null for another table's record, another action or a record without columns. */
    static AuditEvent normalize(JsonNode record) {
        JsonNode row;
        String tenant;
        String time;
        if (isStreamed(record)) {
            if (!PROCESS_CATEGORY.equalsIgnoreCase(record.get("category").textValue())) {
                return null;
            }
            row = record.get("properties");
            tenant = Json.text(record, "tenantId");
            time = Json.text(record, "time");
        } else {
            String table = Json.text(record, "Type");
            if (table != null && !table.equals(PROCESS_TABLE)) {
                return null;
            }
            row = record;
            tenant = Json.first(record, "TenantId", "tenantId");
            time = Json.text(record, "TimeGenerated");
        }
        if (row == null || !row.isObject()) {
            return null;
        }
        String action = Json.text(row, "ActionType");
        if (action != null && !action.equalsIgnoreCase(PROCESS_CREATED)) {
            return null;
        }
        return toEvent(row, tenant, time, record);
    }

    private static AuditEvent toEvent(JsonNode row, String tenant, String envelopeTime, JsonNode raw) {
        String image = path(Json.text(row, "FolderPath"), Json.text(row, "FileName"));
        String parentImage = path(Json.text(row, "InitiatingProcessFolderPath"),
                Json.text(row, "InitiatingProcessFileName"));
        String os = DefenderPaths.os(image, parentImage);
        String time = Json.first(row, "Timestamp", "ProcessCreationTime");
        String reportId = Json.text(row, "ReportId");
        // ReportId is a counter that repeats: with the event time it names one record.
        String recordId = reportId == null ? null : reportId + "@" + (time == null ? "" : time);
        ProcessStart p = new ProcessStart(
                recordId,
                time == null ? envelopeTime : time,
                os,
                Json.text(row, "DeviceName"),
                Json.text(row, "DeviceId"),
                tenant,
                user(row, os),
                image,
                Json.text(row, "ProcessCommandLine"),
                parentImage,
                Json.text(row, "InitiatingProcessCommandLine"),
                Json.text(row, "InitiatingProcessParentFileName"),
                Json.text(row, "ProcessId"),
                Json.text(row, "InitiatingProcessId"),
                null,
                Json.text(row, "ProcessVersionInfoOriginalFileName"),
                Json.text(row, "ProcessIntegrityLevel"),
                hashes(row),
                null);
        ObjectNode view = ((ObjectNode) row).deepCopy();
        // Sysmon's names for the version information, which process_creation rules test.
        copy(row, "ProcessVersionInfoFileDescription", view, "Description");
        copy(row, "ProcessVersionInfoProductName", view, "Product");
        copy(row, "ProcessVersionInfoCompanyName", view, "Company");
        copy(row, "ProcessVersionInfoProductVersion", view, "FileVersion");
        copy(row, "InitiatingProcessVersionInfoOriginalFileName", view, "ParentOriginalFileName");
        String parentUser = account(Json.text(row, "InitiatingProcessAccountDomain"),
                Json.text(row, "InitiatingProcessAccountName"), os);
        if (parentUser != null) {
            view.put("ParentUser", parentUser);
        }
        return ProcessEvents.toEvent(DefenderSource.PROVIDER, PROCESS_TABLE, p, view, raw);
    }

    /**
     * The file's full path. FolderPath already ends with the file name in real records; when a record gives the
     * folder alone, the file name is joined to it with the folder's own separator.
     */
    static String path(String folder, String file) {
        if (folder == null) {
            return file;
        }
        if (file == null || folder.regionMatches(true, folder.length() - file.length(), file, 0, file.length())) {
            return folder;
        }
        char sep = folder.indexOf('\\') >= 0 || folder.length() > 1 && folder.charAt(1) == ':' ? '\\' : '/';
        return folder.charAt(folder.length() - 1) == sep ? folder + file : folder + sep + file;
    }

    /** "DOMAIN\\name" on Windows as Sysmon writes it; the name alone elsewhere, where the domain is the host. */
    private static String user(JsonNode row, String os) {
        String name = account(Json.text(row, "AccountDomain"), Json.text(row, "AccountName"), os);
        return name != null ? name : Json.text(row, "AccountUpn");
    }

    private static String account(String domain, String name, String os) {
        if (name == null) {
            return null;
        }
        return domain != null && "windows".equals(os) ? domain + "\\" + name : name;
    }

    /** "SHA1=...,MD5=...,SHA256=..." as Sysmon's Hashes field reads, from the hash columns that are filled. */
    private static String hashes(JsonNode row) {
        StringBuilder b = new StringBuilder();
        for (String algorithm : new String[] {"SHA1", "MD5", "SHA256"}) {
            String v = Json.text(row, algorithm);
            if (v != null) {
                if (b.length() > 0) {
                    b.append(',');
                }
                b.append(algorithm).append('=').append(v.toUpperCase(Locale.ROOT));
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static void copy(JsonNode row, String from, ObjectNode view, String to) {
        String v = Json.text(row, from);
        if (v != null && !view.has(to)) {
            view.put(to, v);
        }
    }
}
