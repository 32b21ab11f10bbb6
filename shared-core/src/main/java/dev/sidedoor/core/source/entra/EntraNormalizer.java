package dev.sidedoor.core.source.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.CompactJson;
import dev.sidedoor.core.event.ContentHash;
import dev.sidedoor.core.event.Json;
import dev.sidedoor.core.read.JsonTrees;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entra ID sign-in and audit records in their three shapes, turned into one view for rules: the diagnostic-settings
 * record (top level {@code time, category, operationName, resultType, callerIpAddress, tenantId}, the sign-in in
 * {@code properties}), with the sign-in's own fields also at the top level under their names ({@code userAgent},
 * {@code conditionalAccessStatus}, {@code appId}...) and the Log Analytics columns SigmaHQ's rules are written
 * against ({@code ResultType}, {@code ResultDescription}, {@code Status}, {@code AppId}, {@code AppDisplayName},
 * {@code AuthenticationRequirement}, {@code ConditionalAccessStatus}, {@code UserPrincipalName}, {@code IPAddress},
 * {@code DeviceDetail}...). {@code Status} is text: "Success", or "Failure: " with the failure reason and details,
 * as those rules compare it; the status object stays in {@code properties.status}.
 */
final class EntraNormalizer {

    /** Top-level names a record is recognised by without reading anything nested. */
    static final List<String> RECOGNITION_KEYS = List.of("operationName", "category", "OperationName", "Category",
            "Type");
    /** Log Analytics columns whose names are not the sign-in property's name with a capital. */
    private static final Map<String, String> LA_NAMES = Map.of("IPAddress", "ipAddress", "LocationDetails",
            "location", "ResourceIdentity", "resourceId", "Id", "id", "AADTenantId", "tenantId");
    /** Log Analytics columns that are JSON in a string in some exports. */
    private static final List<String> LA_DYNAMIC = List.of("Status", "DeviceDetail", "LocationDetails",
            "InitiatedBy", "TargetResources", "AdditionalDetails");
    private static final int MAX_TEXT = 512;

    private final JsonTrees trees;

    EntraNormalizer(JsonTrees trees) {
        this.trees = trees;
    }

    private enum Shape { DIAGNOSTIC, LOG_ANALYTICS, GRAPH }

    private record Kind(Shape shape, String service) {
    }

    /** The service ("signinlogs", "auditlogs") of an Entra record, or null when the record is not one. */
    static String kind(JsonNode r) {
        Kind k = classify(r);
        return k == null ? null : k.service();
    }

    private static Kind classify(JsonNode r) {
        if (r == null || !r.isObject()) {
            return null;
        }
        String s = service(Json.scalar(text(r, "operationName")), Json.scalar(text(r, "category")),
                Json.scalar(text(r, "OperationName")), Json.scalar(text(r, "Category")), Json.scalar(text(r, "Type")));
        if (s != null) {
            return new Kind(r.path("operationName").isTextual() ? Shape.DIAGNOSTIC : Shape.LOG_ANALYTICS, s);
        }
        if (r.has("operationName") || r.has("OperationName")) {
            return null;
        }
        // Microsoft Graph: a signIn resource, or a directoryAudit one.
        if (r.path("createdDateTime").isTextual() && r.path("appId").isTextual() && r.path("status").isObject()
                && (r.has("userPrincipalName") || r.has("servicePrincipalId"))) {
            return new Kind(Shape.GRAPH, EntraSource.SIGNIN);
        }
        if (r.path("activityDateTime").isTextual() && r.path("activityDisplayName").isTextual()
                && r.path("initiatedBy").isObject() && r.has("loggedByService")) {
            return new Kind(Shape.GRAPH, EntraSource.AUDIT);
        }
        return null;
    }

    private static JsonNode text(JsonNode r, String key) {
        JsonNode v = r.get(key);
        return v != null && v.isTextual() ? v : null;
    }

    /**
     * The service of a record from its top-level texts alone (null when they do not make it an Entra record): the
     * diagnostic shape has operationName and an Entra category; Log Analytics has a table Type, or OperationName
     * and an Entra Category.
     */
    static String service(String operationName, String category, String laOperationName, String laCategory,
            String type) {
        if (operationName != null && category != null) {
            return serviceOfCategory(category);
        }
        if (operationName != null) {
            return null;
        }
        if (type != null) {
            String t = type.toLowerCase(Locale.ROOT);
            if (t.endsWith("signinlogs")) {
                return EntraSource.SIGNIN;
            }
            if (t.equals("auditlogs")) {
                return EntraSource.AUDIT;
            }
        }
        if (laOperationName != null && laCategory != null) {
            return serviceOfCategory(laCategory);
        }
        return null;
    }

    /** SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs, ManagedIdentitySignInLogs...; AuditLogs. */
    static String serviceOfCategory(String category) {
        if (category == null) {
            return null;
        }
        // Asked of every record with a category (the screen too): compared in place, no lower-cased copy.
        int n = category.length();
        if (n >= 10 && category.regionMatches(true, n - 10, "signinlogs", 0, 10)) {
            return EntraSource.SIGNIN;
        }
        return category.equalsIgnoreCase("auditlogs") ? EntraSource.AUDIT : null;
    }

    AuditEvent normalize(JsonNode raw) {
        Kind kind = classify(raw);
        if (kind == null) {
            return null;
        }
        ObjectNode p = properties(raw, kind.shape());
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.setAll((ObjectNode) raw);
        if (!v.path("properties").isObject()) {
            v.set("properties", p);
        }
        if (kind.shape() == Shape.LOG_ANALYTICS) {
            // Dynamic columns exported as JSON text are read as the objects Log Analytics queries see.
            for (String column : LA_DYNAMIC) {
                JsonNode value = v.get(column);
                if (value != null && value.isTextual()) {
                    v.set(column, parsed(value.textValue(), value));
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = p.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!v.has(e.getKey())) {
                v.set(e.getKey(), e.getValue());
            }
        }
        return kind.service().equals(EntraSource.SIGNIN) ? signIn(raw, p, v) : audit(raw, p, v);
    }

    /** The sign-in or audit entry under its own (Graph, camelCase) names, whatever the shape. */
    private ObjectNode properties(JsonNode raw, Shape shape) {
        if (shape == Shape.GRAPH) {
            return (ObjectNode) raw;
        }
        if (shape == Shape.DIAGNOSTIC) {
            JsonNode p = raw.get("properties");
            return p != null && p.isObject() ? (ObjectNode) p : JsonNodeFactory.instance.objectNode();
        }
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = raw.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.isEmpty() || k.startsWith("_")) {
                continue;
            }
            String name = LA_NAMES.getOrDefault(k, Character.toLowerCase(k.charAt(0)) + k.substring(1));
            JsonNode value = e.getValue();
            if (LA_DYNAMIC.contains(k) && value.isTextual()) {
                value = parsed(value.textValue(), value);
            }
            p.set(name, value);
        }
        return p;
    }

    private JsonNode parsed(String text, JsonNode fallback) {
        String t = text.strip();
        if (!t.startsWith("{") && !t.startsWith("[")) {
            return fallback;
        }
        try {
            JsonNode n = trees.parseClipped(t, 16 * 1024, 10_000).value();
            return n == null ? fallback : n;
        } catch (Exception notJson) {
            return fallback;
        }
    }

    private AuditEvent signIn(JsonNode raw, ObjectNode p, ObjectNode v) {
        String code = Json.first(p, "status.errorCode");
        if (code == null) {
            code = Json.first(raw, "resultType", "ResultType");
        }
        String outcome = code == null ? AuditEvent.UNKNOWN : code.strip().equals("0") ? AuditEvent.SUCCESS
                : AuditEvent.FAILURE;
        String reason = Json.first(p, "status.failureReason");
        if (reason == null) {
            reason = Json.first(raw, "resultDescription", "ResultDescription");
        }
        String details = Json.text(p, "status.additionalDetails");
        String status = AuditEvent.SUCCESS.equals(outcome) ? "Success" : AuditEvent.FAILURE.equals(outcome)
                ? clip("Failure" + (reason == null ? "" : ": " + reason) + (details == null ? "" : "; " + details))
                : null;

        String appId = Json.text(p, "appId");
        String appName = Json.text(p, "appDisplayName");
        String clientApp = Json.text(p, "clientAppUsed");
        String ua = Json.text(p, "userAgent");
        String category = Json.first(raw, "category", "Category", "Type");
        String resource = Json.first(p, "resourceDisplayName");
        String resourceId = Json.text(p, "resourceId");

        putIfAbsent(v, "ResultType", code);
        putIfAbsent(v, "ResultDescription", reason);
        if (status != null) {
            v.put("Status", status);
        }
        copy(v, p, "AppId", "appId");
        copy(v, p, "AppDisplayName", "appDisplayName");
        copy(v, p, "UserPrincipalName", "userPrincipalName");
        copy(v, p, "UserId", "userId");
        copy(v, p, "UserDisplayName", "userDisplayName");
        copy(v, p, "IPAddress", "ipAddress");
        copy(v, p, "ClientAppUsed", "clientAppUsed");
        copy(v, p, "UserAgent", "userAgent");
        copy(v, p, "ConditionalAccessStatus", "conditionalAccessStatus");
        copy(v, p, "AuthenticationRequirement", "authenticationRequirement");
        copy(v, p, "AuthenticationProtocol", "authenticationProtocol");
        copy(v, p, "IsInteractive", "isInteractive");
        copy(v, p, "ResourceDisplayName", "resourceDisplayName");
        copy(v, p, "ResourceIdentity", "resourceId");
        copy(v, p, "ServicePrincipalId", "servicePrincipalId");
        copy(v, p, "ServicePrincipalName", "servicePrincipalName");
        copy(v, p, "RiskState", "riskState");
        copy(v, p, "RiskLevelDuringSignIn", "riskLevelDuringSignIn");
        copy(v, p, "RiskLevelAggregated", "riskLevelAggregated");
        copy(v, p, "DeviceDetail", "deviceDetail");
        copy(v, p, "LocationDetails", "location");
        copy(v, p, "CorrelationId", "correlationId");
        copy(v, p, "CreatedDateTime", "createdDateTime");
        copy(v, p, "HomeTenantId", "homeTenantId");
        copy(v, p, "CrossTenantAccessType", "crossTenantAccessType");
        copy(v, p, "TokenIssuerType", "tokenIssuerType");
        JsonNode network = p.get("networkLocationDetails");
        if (network != null && network.isContainerNode() && !v.has("NetworkLocationDetails")) {
            v.put("NetworkLocationDetails", CompactJson.of(network));
        }
        putIfAbsent(v, "Category", category);
        putIfAbsent(v, "OperationName", Json.first(raw, "operationName", "OperationName"));

        Map<String, String> ctx = new LinkedHashMap<>();
        put(ctx, "sign_in_type", signInType(category, p));
        put(ctx, "app_id", appId == null ? null : appId.toLowerCase(Locale.ROOT));
        put(ctx, "app_name", appName);
        put(ctx, "client_app", clientApp);
        put(ctx, "resource", resource);
        put(ctx, "resource_id", resourceId);
        put(ctx, "error_code", code);
        put(ctx, "failure_reason", AuditEvent.FAILURE.equals(outcome) ? clip(reason) : null);
        String requirement = Json.text(p, "authenticationRequirement");
        put(ctx, "authentication_requirement", requirement);
        if (requirement != null) {
            ctx.put("mfa", String.valueOf(requirement.toLowerCase(Locale.ROOT).startsWith("multifactor")));
        }
        put(ctx, "authentication_protocol", Json.text(p, "authenticationProtocol"));
        put(ctx, "conditional_access", Json.text(p, "conditionalAccessStatus"));
        put(ctx, "interactive", Json.text(p, "isInteractive"));
        put(ctx, "device_os", Json.text(p, "deviceDetail.operatingSystem"));
        put(ctx, "device_browser", Json.text(p, "deviceDetail.browser"));
        put(ctx, "device_id", Json.text(p, "deviceDetail.deviceId"));
        put(ctx, "device_name", Json.text(p, "deviceDetail.displayName"));
        put(ctx, "device_compliant", Json.text(p, "deviceDetail.isCompliant"));
        put(ctx, "device_managed", Json.text(p, "deviceDetail.isManaged"));
        put(ctx, "device_trust", Json.text(p, "deviceDetail.trustType"));
        put(ctx, "location", location(p));
        put(ctx, "risk_level", Json.text(p, "riskLevelDuringSignIn"));
        put(ctx, "risk_state", Json.text(p, "riskState"));
        put(ctx, "user_id", Json.text(p, "userId"));
        put(ctx, "service_principal_id", Json.text(p, "servicePrincipalId"));
        put(ctx, "correlation_id", Json.first(p, "correlationId"));
        if (ctx.get("correlation_id") == null) {
            put(ctx, "correlation_id", Json.first(raw, "correlationId", "CorrelationId"));
        }

        String id = Json.first(p, "id");
        String key = id != null ? "signin:" + id.toLowerCase(Locale.ROOT) : "content:" + ContentHash.of(raw);
        String actor = Json.first(p, "userPrincipalName", "servicePrincipalName", "servicePrincipalId", "userId");
        if (actor == null) {
            actor = Json.first(raw, "identity", "Identity");
        }
        String userAgent = ua != null && !ua.isBlank() ? ua
                : appName == null ? clientApp : appName + (clientApp == null ? "" : " (" + clientApp + ")");
        return new AuditEvent(EntraSource.PROVIDER, EntraSource.SIGNIN, key, id,
                Json.first(raw, "time", "TimeGenerated", "createdDateTime") != null
                        ? Json.first(raw, "time", "TimeGenerated", "createdDateTime") : Json.text(p, "createdDateTime"),
                Json.first(raw, "operationName", "OperationName") != null
                        ? Json.first(raw, "operationName", "OperationName") : "Sign-in activity",
                category != null ? category : "SignInLogs",
                actor,
                resource != null ? resource : resourceId,
                Json.first(p, "ipAddress") != null ? Json.first(p, "ipAddress")
                        : Json.first(raw, "callerIpAddress", "IPAddress"),
                tenant(raw, p),
                Json.text(p, "location.countryOrRegion"),
                outcome,
                AuditEvent.FAILURE.equals(outcome) ? clip(code + (reason == null ? "" : " (" + reason + ")")) : null,
                userAgent,
                ctx,
                v,
                Map.of());
    }

    private AuditEvent audit(JsonNode raw, ObjectNode p, ObjectNode v) {
        String result = Json.first(p, "result");
        if (result == null) {
            result = Json.first(raw, "resultType", "Result", "ResultType");
        }
        String r = result == null ? "" : result.toLowerCase(Locale.ROOT);
        String outcome = r.startsWith("succe") ? AuditEvent.SUCCESS : r.startsWith("fail") ? AuditEvent.FAILURE
                : AuditEvent.UNKNOWN;
        String activity = Json.first(p, "activityDisplayName");
        copy(v, p, "ActivityDisplayName", "activityDisplayName");
        copy(v, p, "LoggedByService", "loggedByService");
        copy(v, p, "InitiatedBy", "initiatedBy");
        copy(v, p, "TargetResources", "targetResources");
        copy(v, p, "AdditionalDetails", "additionalDetails");
        copy(v, p, "Result", "result");
        copy(v, p, "ResultReason", "resultReason");
        copy(v, p, "CorrelationId", "correlationId");
        copy(v, p, "AADOperationType", "operationType");
        putIfAbsent(v, "OperationName", Json.first(raw, "operationName", "OperationName") != null
                ? Json.first(raw, "operationName", "OperationName") : activity);
        putIfAbsent(v, "Category", Json.first(p, "category"));

        Map<String, String> ctx = new LinkedHashMap<>();
        put(ctx, "activity", activity);
        put(ctx, "audit_category", Json.text(p, "category"));
        put(ctx, "operation_type", Json.text(p, "operationType"));
        put(ctx, "result_reason", clip(Json.text(p, "resultReason")));
        put(ctx, "initiated_by_app", Json.text(p, "initiatedBy.app.displayName"));
        JsonNode target = p.path("targetResources").path(0);
        put(ctx, "target_type", Json.text(target, "type"));
        put(ctx, "correlation_id", Json.first(p, "correlationId"));
        String actor = Json.first(p, "initiatedBy.user.userPrincipalName", "initiatedBy.app.displayName",
                "initiatedBy.app.servicePrincipalId", "initiatedBy.user.id");
        if (actor == null) {
            actor = Json.first(raw, "identity", "Identity");
        }
        String id = Json.first(p, "id");
        String key = id != null ? "audit:" + id.toLowerCase(Locale.ROOT) : "content:" + ContentHash.of(raw);
        String time = Json.first(raw, "time", "TimeGenerated");
        return new AuditEvent(EntraSource.PROVIDER, EntraSource.AUDIT, key, id,
                time != null ? time : Json.text(p, "activityDateTime"),
                activity != null ? activity : Json.first(raw, "operationName", "OperationName"),
                Json.first(p, "loggedByService") != null ? Json.first(p, "loggedByService") : "AuditLogs",
                actor,
                Json.first(target, "userPrincipalName", "displayName", "id"),
                Json.first(p, "initiatedBy.user.ipAddress") != null ? Json.first(p, "initiatedBy.user.ipAddress")
                        : Json.first(raw, "callerIpAddress", "CallerIpAddress"),
                tenant(raw, p),
                null,
                outcome,
                AuditEvent.FAILURE.equals(outcome) ? clip(result + (ctx.containsKey("result_reason")
                        ? " (" + ctx.get("result_reason") + ")" : "")) : null,
                null,
                ctx,
                v,
                Map.of());
    }

    /** The directory: the record's tenant, else the sign-in's resource or home tenant, else the resource id's. */
    private static String tenant(JsonNode raw, JsonNode p) {
        String t = Json.first(raw, "tenantId", "AADTenantId");
        if (t == null) {
            t = Json.first(p, "tenantId", "resourceTenantId", "homeTenantId");
        }
        return t != null ? t : Json.segmentAfter(Json.text(raw, "resourceId"), "tenants");
    }

    private static String signInType(String category, JsonNode p) {
        String c = category == null ? "" : category.toLowerCase(Locale.ROOT);
        if (c.contains("noninteractive")) {
            return "non-interactive user";
        }
        if (c.contains("serviceprincipal")) {
            return "service principal";
        }
        if (c.contains("managedidentity")) {
            return "managed identity";
        }
        JsonNode interactive = p.get("isInteractive");
        if (interactive != null && interactive.isBoolean()) {
            return interactive.booleanValue() ? "interactive user" : "non-interactive user";
        }
        return c.equals("signinlogs") ? "interactive user" : null;
    }

    private static String location(JsonNode p) {
        String city = Json.text(p, "location.city");
        String state = Json.text(p, "location.state");
        String country = Json.text(p, "location.countryOrRegion");
        StringBuilder b = new StringBuilder();
        for (String s : new String[] {city, state, country}) {
            if (s != null) {
                b.append(b.length() == 0 ? "" : ", ").append(s);
            }
        }
        return b.length() == 0 ? null : clip(b.toString());
    }

    private static void copy(ObjectNode v, JsonNode p, String column, String property) {
        JsonNode value = p.get(property);
        if (value != null && !value.isNull() && !v.has(column)) {
            v.set(column, value.isBoolean() ? BooleanNode.valueOf(value.booleanValue()) : value);
        }
    }

    private static void putIfAbsent(ObjectNode v, String key, String value) {
        if (value != null && !v.has(key)) {
            v.set(key, TextNode.valueOf(value));
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }

    private static void put(Map<String, String> ctx, String key, String value) {
        Json.put(ctx, key, value);
    }
}
