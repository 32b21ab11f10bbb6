package dev.sidedoor.core.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.sigma.SigmaDocument;

/**
 * What rules see of a {@link AuditEvent}: the record (Azure flattened to the export shape) plus sidedoor's
 * normalised fields under {@code sidedoor.}: provider, action, actor, target, source_ip, account, region,
 * outcome, user_agent, context.&lt;key&gt;, and extras such as {@code sidedoor.request} (Azure request body).
 */
public final class EventDocument implements SigmaDocument {

    private static final String PREFIX = "sidedoor.";

    private final AuditEvent event;

    public EventDocument(AuditEvent event) {
        this.event = event;
    }

    @Override
    public JsonNode field(String name) {
        if (name.startsWith(PREFIX)) {
            JsonNode own = normalised(name.substring(PREFIX.length()));
            if (own != null) {
                return own;
            }
        }
        return FieldPath.resolve(event.view(), name);
    }

    @Override
    public JsonNode root() {
        return event.view();
    }

    private JsonNode normalised(String key) {
        String value = switch (key) {
            case "provider" -> event.provider();
            case "service" -> event.service();
            case "action" -> event.action();
            case "actor" -> event.actor();
            case "target" -> event.target();
            case "source_ip" -> event.sourceIp();
            case "account" -> event.account();
            case "region" -> event.region();
            case "outcome" -> event.outcome();
            case "error_code" -> event.errorCode();
            case "user_agent" -> event.userAgent();
            case "event_source" -> event.eventSource();
            default -> null;
        };
        if (value != null) {
            return TextNode.valueOf(value);
        }
        if (key.startsWith("context.")) {
            String v = event.context().get(key.substring("context.".length()));
            return v == null ? null : TextNode.valueOf(v);
        }
        int dot = key.indexOf('.');
        String head = dot < 0 ? key : key.substring(0, dot);
        JsonNode extra = event.extra().get(head);
        if (extra == null) {
            return null;
        }
        return dot < 0 ? extra : FieldPath.resolve(extra, key.substring(dot + 1));
    }
}
