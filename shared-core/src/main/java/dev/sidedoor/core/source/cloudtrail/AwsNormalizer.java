package dev.sidedoor.core.source.cloudtrail;

import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.Clip;
import dev.sidedoor.core.event.ContentHash;
import dev.sidedoor.core.event.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CloudTrail records, eventVersion 1.0 to 1.11, raw or Panther-normalised. */
final class AwsNormalizer {

    static boolean recognises(JsonNode r) {
        JsonNode source = r.get("eventSource");
        JsonNode name = r.get("eventName");
        return source != null && source.isTextual() && name != null && name.isTextual()
                && source.textValue().endsWith(".amazonaws.com");
    }

    AuditEvent normalize(JsonNode r) {
        String action = trim(Json.text(r, "eventName"));
        String errorCode = Json.text(r, "errorCode");
        Map<String, String> ctx = new LinkedHashMap<>();
        String actor = Json.first(r, "userIdentity.arn");
        if (actor == null) {
            actor = iamUserArn(r);
        }
        if (actor == null) {
            actor = Json.first(r, "userIdentity.userName", "userIdentity.sessionContext.sessionIssuer.arn",
                    "userIdentity.principalId", "userIdentity.invokedBy", "userIdentity.type");
        }
        if (errorCode == null && signInFailed(r)) {
            // Console sign-in events carry no errorCode: a refused sign-in says so in responseElements.
            errorCode = Json.first(r, "errorMessage");
            if (errorCode == null) {
                errorCode = "Failure";
            }
        }
        putSignIn(r, ctx);
        putIdentity(r, actor, ctx);
        String target = target(r, ctx);
        putSessionContext(r, action, ctx);
        String eventId = Json.first(r, "eventID", "requestID");
        String key = eventId != null ? eventId : "content:" + ContentHash.of(r);
        return new AuditEvent("aws", "cloudtrail", key, eventId,
                Json.first(r, "eventTime", "p_event_time"),
                action,
                Json.text(r, "eventSource"),
                actor,
                target,
                Json.text(r, "sourceIPAddress"),
                Json.first(r, "recipientAccountId", "userIdentity.accountId"),
                Json.text(r, "awsRegion"),
                errorCode != null ? AuditEvent.FAILURE : AuditEvent.SUCCESS,
                errorCode,
                Json.text(r, "userAgent"),
                ctx,
                r,
                Map.of());
    }

    /**
     * An IAM user's ARN when the record names the user but has no ARN, as a failed console sign-in does: the same
     * person as their successful sign-ins (a user with an IAM path has it in the ARN only, and is named without it).
     */
    private static String iamUserArn(JsonNode r) {
        String account = Json.first(r, "userIdentity.accountId", "recipientAccountId");
        String user = Json.text(r, "userIdentity.userName");
        if (!"IAMUser".equals(Json.text(r, "userIdentity.type")) || account == null || user == null
                || user.indexOf('/') >= 0 || user.indexOf(':') >= 0) {
            return null;
        }
        return "arn:aws:iam::" + account + ":user/" + user;
    }

    /** A console (or other sign-in service) event whose response says the sign-in failed. */
    private static boolean signInFailed(JsonNode r) {
        if (!"signin.amazonaws.com".equals(Json.text(r, "eventSource"))) {
            return false;
        }
        String action = Json.text(r, "eventName");
        String result = action == null ? null : Json.text(r, "responseElements." + action);
        return "Failure".equalsIgnoreCase(result);
    }

    /** Console sign-in details, and which kind of access key signed a call. */
    private static void putSignIn(JsonNode r, Map<String, String> ctx) {
        String mfaUsed = Json.text(r, "additionalEventData.MFAUsed");
        if (mfaUsed != null && "signin.amazonaws.com".equals(Json.text(r, "eventSource"))) {
            put(ctx, "mfa", String.valueOf(mfaUsed.equalsIgnoreCase("yes")));
            put(ctx, "console", "true");
        }
        String loginTo = Json.text(r, "additionalEventData.LoginTo");
        if (loginTo != null) {
            int q = loginTo.indexOf('?');
            String page = q >= 0 ? loginTo.substring(0, q) : loginTo;
            put(ctx, "login_to", page.length() > 200 ? page.substring(0, 200) : page);
        }
        put(ctx, "sign_in_result", Json.text(r, "responseElements.ConsoleLogin"));
        String key = Json.text(r, "userIdentity.accessKeyId");
        if (key != null && key.length() >= 4) {
            String prefix = key.substring(0, 4);
            put(ctx, "access_key_kind", prefix.equals("AKIA") ? "long-term" : prefix.equals("ASIA") ? "temporary"
                    : null);
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static void putIdentity(JsonNode r, String actor, Map<String, String> ctx) {
        put(ctx, "actor_type", Json.text(r, "userIdentity.type"));
        put(ctx, "invoked_by", Json.text(r, "userIdentity.invokedBy"));
        String role = Json.text(r, "userIdentity.sessionContext.sessionIssuer.arn");
        if (role == null && actor != null && actor.contains(":assumed-role/")) {
            role = Arns.roleOfAssumedRole(actor);
        }
        put(ctx, "actor_role", role);
        if (actor != null && Arns.sessionNameIsInstanceId(actor)) {
            ctx.put("instance_credentials", "true");
        }
        put(ctx, "mfa", Json.text(r, "userIdentity.sessionContext.attributes.mfaAuthenticated"));
        String console = Json.text(r, "sessionCredentialFromConsole");
        if (console == null) {
            console = Json.text(r, "additionalEventData.sessionCredentialFromConsole");
        }
        put(ctx, "console", console);
    }

    /** requestParameters.target -> instanceId -> instanceIds -> targets[].values -> OpenTunnel's private IP. */
    private static String target(JsonNode r, Map<String, String> ctx) {
        JsonNode rp = r.get("requestParameters");
        if (rp == null || !rp.isObject()) {
            return null;
        }
        String single = Json.first(rp, "target", "instanceId", "InstanceId", "instanceID");
        if (single != null) {
            return single;
        }
        List<String> ids = new ArrayList<>();
        collect(rp.get("instanceIds"), ids);
        JsonNode targets = rp.get("targets");
        if (ids.isEmpty() && targets != null && targets.isArray()) {
            for (JsonNode t : targets) {
                String k = Json.text(t, "key");
                List<String> vals = new ArrayList<>();
                collect(t.get("values"), vals);
                if (k != null && k.equalsIgnoreCase("instanceids")) {
                    ids.addAll(vals);
                } else if (k != null && !vals.isEmpty()) {
                    ids.add(k + "=" + String.join("|", vals));
                }
            }
        }
        if (!ids.isEmpty()) {
            ctx.put("target_count", String.valueOf(ids.size()));
            return ids.size() <= 5 ? String.join(", ", ids)
                    : String.join(", ", ids.subList(0, 5)) + " (+" + (ids.size() - 5) + " more)";
        }
        String ip = Json.text(rp, "privateIpAddress");
        if (ip != null) {
            return ip;
        }
        return Json.first(rp, "sessionId", "instanceConnectEndpointId");
    }

    private static void collect(JsonNode arr, List<String> out) {
        if (arr == null) {
            return;
        }
        if (arr.isArray()) {
            for (JsonNode v : arr) {
                String s = Json.scalar(v);
                if (s != null) {
                    out.add(s);
                }
            }
        } else {
            String s = Json.scalar(arr);
            if (s != null) {
                out.add(s);
            }
        }
    }

    private static void putSessionContext(JsonNode r, String action, Map<String, String> ctx) {
        JsonNode rp = r.get("requestParameters");
        String document = rp == null ? null : Json.first(rp, "documentName", "DocumentName");
        put(ctx, "document", document);
        if (rp != null) {
            put(ctx, "os_user", Json.first(rp, "instanceOSUser", "osUser"));
            put(ctx, "port", firstNonNull(Json.firstOf(rp, "parameters.portNumber"), Json.text(rp, "remotePort"),
                    Json.firstOf(rp, "parameters.port")));
            put(ctx, "local_port", Json.firstOf(rp, "parameters.localPortNumber"));
            put(ctx, "remote_host", Json.firstOf(rp, "parameters.host"));
            put(ctx, "serial_port", Json.text(rp, "serialPort"));
            put(ctx, "endpoint_id", Json.text(rp, "instanceConnectEndpointId"));
            put(ctx, "protocol", Json.text(rp, "Protocol"));
            put(ctx, "session_id", Json.text(rp, "sessionId"));
            JsonNode commands = rp.get("parameters") == null ? null : rp.get("parameters").get("commands");
            put(ctx, "commands", Clip.of(joined(commands), Clip.COMMAND_TEXT_READ));
        }
        put(ctx, "session_id", Json.text(r, "responseElements.sessionId"));
        put(ctx, "command_id", Json.text(r, "responseElements.command.commandId"));
        put(ctx, "session_type", SessionTypes.of(action, document, Json.text(r, "eventSource")));
    }

    private static String joined(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            collect(v, parts);
            return parts.isEmpty() ? null : String.join("; ", parts);
        }
        return Json.scalar(v);
    }

    private static String firstNonNull(String... v) {
        for (String s : v) {
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static void put(Map<String, String> ctx, String key, String value) {
        Json.put(ctx, key, value);
    }
}
