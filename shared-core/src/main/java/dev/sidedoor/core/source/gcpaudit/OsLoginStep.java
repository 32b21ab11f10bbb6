package dev.sidedoor.core.source.gcpaudit;

import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.Clip;
import dev.sidedoor.core.event.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * One OS Login data-plane call made while a user logs in to a VM: the guest's policy checks ({@code CheckPolicy}
 * with {@code LOGIN}, then {@code ADMIN_LOGIN}) and the 2-step verification exchange ({@code StartSession}, then
 * {@code ContinueSession} once per challenge answered). Google logs them under {@code OsLoginService} (v1, v1beta)
 * and {@code OsLoginDataPlaneService}; only the method's last part is stable, so that is what is read.
 *
 * <p>Outcomes follow what the guest does with each answer (guest-oslogin's PAM modules): a policy check grants only
 * on {@code response.success} true, which proto3 JSON omits when false, so an absent response is a refusal; a
 * session step authenticates only on {@code AUTHENTICATED}; {@code CHALLENGE_REQUIRED} and a pending challenge
 * after {@code START_ALTERNATE} wait for the user; anything else ends the log-in.
 */
final class OsLoginStep {

    /** Context key naming the step; its presence marks a finding as one step of a log-in. */
    static final String STEP = AuditEvent.LOGIN_STEP;

    private static final String SERVICE = "oslogin.googleapis.com";

    private OsLoginStep() {
    }

    /** The step's kind from its method, or null when the record is not an OS Login log-in step. */
    static String kind(String serviceName, String methodName) {
        if (serviceName == null || methodName == null || !serviceName.equalsIgnoreCase(SERVICE)) {
            return null;
        }
        String m = methodName.toLowerCase(Locale.ROOT);
        if (m.endsWith("service.checkpolicy")) {
            return "CheckPolicy";
        }
        if (m.endsWith("service.startsession")) {
            return "StartSession";
        }
        if (m.endsWith("service.continuesession")) {
            return "ContinueSession";
        }
        return null;
    }

    /** Outcome and error of one step; {@code errorCode} is null unless the step refused the log-in. */
    record Result(String outcome, String errorCode) {
    }

    /** Reads the step's answer into the context and gives its outcome. */
    static Result read(String kind, JsonNode p, Map<String, String> ctx) {
        if (kind.equals("CheckPolicy")) {
            String policy = Json.text(p, "request.policy");
            boolean granted = "true".equals(Json.text(p, "response.success"));
            String decision = granted ? "granted" : "denied";
            Json.put(ctx, STEP, "CheckPolicy " + (policy == null ? "(no policy)" : Clip.of(policy, 40))
                    + " " + decision);
            Json.put(ctx, "os_login_decision", decision);
            return granted ? new Result(AuditEvent.SUCCESS, null)
                    : new Result(AuditEvent.FAILURE, "response.success not true");
        }
        String status = Clip.of(Json.text(p, "response.status"), 60);
        String action = Clip.of(Json.text(p, "request.action"), 40);
        Json.put(ctx, "two_factor_status", status);
        Json.put(ctx, "two_factor_action", action);
        Json.put(ctx, "two_factor_challenges", challengeTypes(p.path("response").path("challenges")));
        Json.put(ctx, "rejection_reason", Clip.of(Json.text(p, "response.rejectionReason"), 120));
        Json.put(ctx, STEP, kind + (action == null ? "" : " " + action) + " "
                + (status == null ? "(no status)" : status));
        if (status == null) {
            return new Result(AuditEvent.UNKNOWN, null);
        }
        switch (status.toUpperCase(Locale.ROOT)) {
            case "AUTHENTICATED":
                return new Result(AuditEvent.SUCCESS, null);
            case "CHALLENGE_REQUIRED":
                return new Result(AuditEvent.IN_PROGRESS, null);
            case "CHALLENGE_PENDING":
                // A new challenge offered on request is still open; after an answer it means the answer failed.
                return "START_ALTERNATE".equalsIgnoreCase(action) ? new Result(AuditEvent.IN_PROGRESS, null)
                        : new Result(AuditEvent.FAILURE, "2-step challenge failed (" + status + ")");
            default:
                return new Result(AuditEvent.FAILURE, status);
        }
    }

    private static String challengeTypes(JsonNode challenges) {
        if (!challenges.isArray() || challenges.isEmpty()) {
            return null;
        }
        java.util.Set<String> types = new java.util.LinkedHashSet<>();
        for (JsonNode c : challenges) {
            String t = Json.text(c, "challengeType");
            if (t != null && types.size() < 8) {
                types.add(Clip.of(t, 40));
            }
        }
        return types.isEmpty() ? null : String.join(",", types);
    }
}
