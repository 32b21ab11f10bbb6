package dev.sidedoor.core.source.activitylog;

import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.Clip;
import dev.sidedoor.core.event.ContentHash;
import dev.sidedoor.core.event.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.read.JsonTrees;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Azure Activity Log records in any of their shapes: diagnostic-settings export (operationName a string,
 * resultType, callerIpAddress, identity.claims), REST/portal ({value, localizedValue} objects, caller,
 * httpRequest.clientIpAddress), and Datadog's normalised form (evt.name). Rules see one shape: the export's.
 */
final class AzureNormalizer {

    /** REST fields that arrive as {value, localizedValue} and are plain strings in the export schema. */
    private static final String[] LOCALIZED = {"operationName", "category", "status", "subStatus", "resourceType",
        "resourceProviderName", "eventName", "level"};
    private static final String UPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
    private static final String NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
    private static final String AMR = "http://schemas.microsoft.com/claims/authnmethodsreferences";
    /** A request body's strings are cut here: rules read types and names; scripts are clipped in findings anyway. */
    private static final int MAX_BODY_STRING = 16 * 1024;
    /** Values built from one request body; real ones have tens. */
    private static final int MAX_BODY_NODES = 100_000;

    private final JsonTrees trees;

    AzureNormalizer(JsonTrees trees) {
        this.trees = trees;
    }

    /** Top-level keys of which an Azure record has at least one, besides its operation name. */
    static final List<String> RECORD_KEYS = List.of("resourceId", "resourceUri", "correlationId", "caller",
            "category", "time", "eventTimestamp");

    static boolean recognises(JsonNode r) {
        JsonNode op = r.get("operationName");
        boolean hasOp = op != null && (op.isTextual() || (op.isObject() && op.has("value")));
        if (!hasOp) {
            hasOp = Json.text(r, "evt.name") != null && r.has("resourceId");
        }
        if (!hasOp || op != null && op.isTextual() && dev.sidedoor.core.source.entra.EntraSource.isEntraCategory(
                Json.text(r, "category"))) {
            return false;
        }
        for (String k : RECORD_KEYS) {
            if (r.has(k)) {
                return true;
            }
        }
        return false;
    }

    AuditEvent normalize(JsonNode raw) {
        ObjectNode v = canonical(raw);
        String op = Json.text(v, "operationName");
        String resourceId = Json.first(v, "resourceId", "resourceUri");
        Map<String, String> ctx = new LinkedHashMap<>();
        String target = vmTarget(resourceId, ctx);
        String result = Json.first(v, "resultType", "status");
        String outcome = outcome(result);
        String actor = Json.first(v, "caller");
        JsonNode claims = Json.at(v, "identity.claims");
        if (actor == null && claims != null) {
            actor = firstClaim(claims, UPN, "upn", "unique_name", NAME, "name", "appid");
        }
        if (actor == null) {
            actor = Json.first(v, "identity.authorization.evidence.principalId", "properties.caller");
        }
        put(ctx, "correlation_id", Json.text(v, "correlationId"));
        put(ctx, "result", result);
        put(ctx, "result_signature", Json.text(v, "resultSignature"));
        if (claims != null) {
            String amr = firstClaim(claims, AMR, "amr");
            if (amr != null) {
                ctx.put("mfa", String.valueOf(amr.toLowerCase(Locale.ROOT).contains("mfa")));
            }
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        JsonNode request = requestBody(v, ctx);
        if (request != null) {
            extra.put("request", request);
            put(ctx, "extension_publisher", Json.text(request, "properties.publisher"));
            put(ctx, "extension_type", Json.text(request, "properties.type"));
            put(ctx, "script", Clip.of(Json.first(request, "properties.source.script",
                    "properties.settings.commandToExecute", "properties.protectedSettings.commandToExecute"),
                    Clip.COMMAND_TEXT_READ));
            put(ctx, "command_id", Json.text(request, "commandId"));
            put(ctx, "os_user", Json.first(request, "properties.protectedSettings.username",
                    "properties.settings.username"));
        }
        String subscription = Json.first(v, "subscriptionId");
        if (subscription == null) {
            subscription = segmentAfter(resourceId, "subscriptions");
        }
        String category = Json.text(v, "category");
        String recordId = Json.first(v, "eventDataId", "operationId", "id", "correlationId");
        String correlation = Json.text(v, "correlationId");
        String key = correlation != null
                ? "corr:" + correlation.toLowerCase(Locale.ROOT) + "|" + lower(op) + "|" + lower(resourceId)
                : (recordId != null ? "id:" + recordId : "content:" + ContentHash.of(raw));
        return new AuditEvent("azure", service(category, op), key, recordId,
                Json.first(v, "time", "eventTimestamp", "submissionTimestamp"),
                op,
                provider(v, op),
                actor,
                target,
                Json.first(v, "callerIpAddress"),
                subscription,
                Json.first(v, "location", "resourceLocation", "properties.location"),
                outcome,
                AuditEvent.FAILURE.equals(outcome) ? failureCode(v, result) : null,
                null,
                ctx,
                v,
                extra);
    }

    /** resourceProviderName, else the namespace that opens the operation name ("MICROSOFT.COMPUTE/..."). */
    private static String provider(JsonNode v, String op) {
        String p = Json.first(v, "resourceProviderName", "resourceProvider");
        if (p != null || op == null) {
            return p;
        }
        int slash = op.indexOf('/');
        return slash > 0 ? op.substring(0, slash) : null;
    }

    /** A shallow copy in the export shape; the raw record is left untouched. */
    private static ObjectNode canonical(JsonNode raw) {
        // Only top-level fields are replaced, so a shallow copy keeps the raw record intact at a fraction of the cost.
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.setAll((ObjectNode) raw);
        for (String f : LOCALIZED) {
            JsonNode n = v.get(f);
            if (n != null && n.isObject() && n.has("value")) {
                v.set(f, n.get("value"));
            }
        }
        if (!v.has("operationName")) {
            String evtName = Json.text(raw, "evt.name");
            if (evtName != null) {
                v.put("operationName", evtName);
                putIfAbsent(v, "resultType", Json.text(raw, "evt.outcome"));
                putIfAbsent(v, "category", Json.text(raw, "evt.category"));
            }
        }
        if (!v.has("resultType") && v.get("status") != null && v.get("status").isTextual()) {
            v.set("resultType", v.get("status"));
        }
        putIfAbsent(v, "callerIpAddress", Json.text(raw, "httpRequest.clientIpAddress"));
        putIfAbsent(v, "time", Json.text(raw, "eventTimestamp"));
        return v;
    }

    private static void putIfAbsent(ObjectNode v, String key, String value) {
        if (value != null && !v.hasNonNull(key)) {
            v.put(key, value);
        }
    }

    private JsonNode requestBody(JsonNode v, Map<String, String> ctx) {
        JsonNode props = v.get("properties");
        if (props == null || !props.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> it = props.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase("requestbody")) {
                JsonNode b = e.getValue();
                if (b.isObject()) {
                    return b;
                }
                if (b.isTextual()) {
                    try {
                        // Whatever its length: a padded script must not hide the extension's type from the rules.
                        JsonTrees.Clipped parsed = trees.parseClipped(b.textValue(), MAX_BODY_STRING, MAX_BODY_NODES);
                        if (parsed.clipped() > 0 || parsed.skipped() > 0) {
                            put(ctx, "request_body", "clipped: " + parsed.clipped() + " long string(s) cut to "
                                    + MAX_BODY_STRING + " characters, " + parsed.skipped() + " value(s) left out");
                        }
                        return parsed.value() != null && parsed.value().isObject() ? parsed.value() : null;
                    } catch (Exception notJson) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /** The VM a run command or extension acts on; the child resource's name goes into context. */
    private static String vmTarget(String resourceId, Map<String, String> ctx) {
        if (resourceId == null) {
            return null;
        }
        String lower = resourceId.toLowerCase(Locale.ROOT);
        int serial = lower.indexOf("/providers/microsoft.serialconsole/");
        if (serial > 0) {
            int port = lower.lastIndexOf("/serialports/");
            if (port > serial) {
                ctx.put("serial_port", resourceId.substring(port + "/serialports/".length()));
            }
            return resourceId.substring(0, serial);
        }
        for (String child : new String[] {"/extensions/", "/runcommands/", "/serialports/"}) {
            int i = lower.lastIndexOf(child);
            if (i > 0) {
                String name = resourceId.substring(i + child.length());
                ctx.put(child.equals("/extensions/") ? "extension_name"
                        : child.equals("/runcommands/") ? "run_command_name" : "serial_port", name);
                return resourceId.substring(0, i);
            }
        }
        return resourceId;
    }

    private static String outcome(String result) {
        if (result == null) {
            return AuditEvent.UNKNOWN;
        }
        String r = result.toLowerCase(Locale.ROOT);
        if (r.startsWith("succe")) {
            return AuditEvent.SUCCESS;
        }
        if (r.startsWith("fail") || r.equals("conflict") || r.startsWith("forbid") || r.startsWith("unauthori")) {
            return AuditEvent.FAILURE;
        }
        if (r.startsWith("start") || r.startsWith("accept") || r.equals("active") || r.startsWith("in progress")) {
            return AuditEvent.IN_PROGRESS;
        }
        return AuditEvent.UNKNOWN;
    }

    private static String failureCode(JsonNode v, String result) {
        String code = Json.first(v, "resultSignature", "subStatus", "properties.statusCode");
        return code != null ? result + " (" + code + ")" : result;
    }

    static String service(String category, String op) {
        return "activitylogs";
    }

    private static String firstClaim(JsonNode claims, String... keys) {
        for (String k : keys) {
            String s = Json.scalar(claims.get(k));
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    static String segmentAfter(String resourceId, String segment) {
        return Json.segmentAfter(resourceId, segment);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static void put(Map<String, String> ctx, String k, String v) {
        Json.put(ctx, k, v);
    }
}
