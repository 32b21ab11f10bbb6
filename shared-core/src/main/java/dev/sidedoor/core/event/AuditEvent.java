package dev.sidedoor.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One audit record with the fields every cloud shares, filled by the seeds' coalesce chains.
 *
 * @param provider  "aws", "azure" or "gcp"
 * @param service   the Sigma logsource service this record belongs to: cloudtrail, activitylogs, signinlogs,
 *                  auditlogs, gcp.audit
 * @param eventKey  identity of the underlying operation: CloudTrail eventID; Azure correlationId + operation +
 *                  resource (so the Started/Accepted/Succeeded records of one operation share it); GCP insertId
 * @param recordId  identity of this very record (eventID, eventDataId, insertId)
 * @param time      as logged
 * @param action    eventName / operation name / methodName, trimmed
 * @param eventSource eventSource / resource provider / serviceName
 * @param actor     who acted
 * @param target    the VM (or other resource) acted on
 * @param sourceIp  caller address as logged
 * @param account   account / subscription / project
 * @param region    region / location / zone
 * @param outcome   "success", "failure", "in_progress" (Azure Started/Accepted) or "unknown"
 * @param errorCode errorCode / Azure result / GCP status, for failures
 * @param userAgent user agent
 * @param context   responder context (session type, document, os user, port, MFA, console...), never null
 * @param view      the record as rules see it (Azure REST records flattened to the export shape)
 * @param extra     normalised extras exposed to rules as {@code sidedoor.<key>} (e.g. parsed Azure request body)
 */
public record AuditEvent(
        String provider,
        String service,
        String eventKey,
        String recordId,
        String time,
        String action,
        String eventSource,
        String actor,
        String target,
        String sourceIp,
        String account,
        String region,
        String outcome,
        String errorCode,
        String userAgent,
        Map<String, String> context,
        JsonNode view,
        Map<String, JsonNode> extra) {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String IN_PROGRESS = "in_progress";
    public static final String UNKNOWN = "unknown";

    /** Context key marking a record as one step of a log-in, naming the method and its answer. */
    public static final String LOGIN_STEP = "login_step";
}
