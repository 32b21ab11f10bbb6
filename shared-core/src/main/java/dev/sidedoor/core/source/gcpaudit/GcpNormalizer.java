package dev.sidedoor.core.source.gcpaudit;

import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.Clip;
import dev.sidedoor.core.event.ContentHash;
import dev.sidedoor.core.event.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** GCP Cloud Audit LogEntries (Admin Activity and Data Access), raw or Panther-normalised. */
final class GcpNormalizer {

    /** resourceName, else the instance id label (IAP logs name only the numeric instance). */
    private static String target(JsonNode p, JsonNode r) {
        String name = Json.text(p, "resourceName");
        if (name == null) {
            return Json.text(r, "resource.labels.instance_id");
        }
        int serial = name.indexOf("/SerialPort/");
        return serial > 0 ? name.substring(0, serial) : name;
    }

    AuditEvent normalize(JsonNode r) {
        JsonNode p = r.get("protoPayload");
        Map<String, String> ctx = new LinkedHashMap<>();
        String statusCode = Json.text(p, "status.code");
        String statusMessage = Json.text(p, "status.message");
        boolean callFailed = statusCode != null && !statusCode.equals("0");
        String outcome = callFailed ? AuditEvent.FAILURE : AuditEvent.SUCCESS;
        String errorCode = callFailed
                ? statusCode + (statusMessage != null ? " " + Clip.of(statusMessage, 100) : "") : null;
        // OS Login answers a log-in step with an OK status; the decision is in the response.
        String step = OsLoginStep.kind(Json.text(p, "serviceName"), Json.text(p, "methodName"));
        if (step != null) {
            OsLoginStep.Result answer = OsLoginStep.read(step, p, ctx);
            if (!callFailed) {
                outcome = answer.outcome();
                errorCode = answer.errorCode();
            }
        }
        String project = Json.first(r, "resource.labels.project_id");
        if (project == null) {
            project = Json.segmentAfter(Json.text(r, "logName"), "projects");
        }
        String zone = Json.first(r, "resource.labels.zone", "resource.labels.location", "resource.labels.region");
        if (zone == null) {
            zone = Json.firstOf(p, "resourceLocation.currentLocations");
        }
        Json.put(ctx, "port", Json.first(p, "requestMetadata.destinationAttributes.port"));
        Json.put(ctx, "os_user", Json.first(p, "request.username", "request.posixAccount"));
        Json.put(ctx, "status_message", Clip.of(statusMessage, 200));
        String resourceName = Json.text(p, "resourceName");
        if (resourceName != null && resourceName.contains("/SerialPort/")) {
            Json.put(ctx, "serial_port", resourceName.substring(resourceName.indexOf("/SerialPort/") + 12));
        }
        Json.put(ctx, "instance_id", Json.first(r, "resource.labels.instance_id", "labels.instance_id"));
        Json.put(ctx, "log_name", Json.text(r, "logName"));
        JsonNode auth = p.get("authorizationInfo");
        if (auth != null && auth.isArray() && auth.size() > 0) {
            Json.put(ctx, "permission", Json.text(auth.get(0), "permission"));
        }
        String insertId = Json.text(r, "insertId");
        String key = insertId != null ? "insert:" + insertId
                : "content:" + ContentHash.of(r);
        Json.put(ctx, "os_login_policy", Json.text(p, "request.policy"));
        return new AuditEvent("gcp", "gcp.audit", key, insertId,
                Json.first(r, "timestamp", "receiveTimestamp"),
                Json.text(p, "methodName"),
                Json.text(p, "serviceName"),
                Json.first(p, "authenticationInfo.principalEmail", "authenticationInfo.principalSubject",
                        "request.username"),
                target(p, r),
                Json.first(p, "requestMetadata.callerIp", "requestMetadata.callerIP"),
                project,
                zone,
                outcome,
                errorCode,
                Json.text(p, "requestMetadata.callerSuppliedUserAgent"),
                ctx,
                r,
                Map.of());
    }
}
