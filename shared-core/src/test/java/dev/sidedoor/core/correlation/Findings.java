package dev.sidedoor.core.correlation;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.FindingIds;
import dev.sidedoor.core.finding.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Base-rule findings for correlation tests: one rule, one event time, changed field by field. */
final class Findings {

    static final Instant T0 = Instant.parse("2026-11-18T10:00:00Z");

    private final String ruleId;
    private Instant time = T0;
    private String actor = "arn:aws:sts::111122223333:assumed-role/Admin/alice";
    private String target = "i-0000000000000000a";
    private String account = "111122223333";
    private String provider = "aws";
    private String eventId;
    private final Map<String, String> context = new LinkedHashMap<>();

    private Findings(String ruleId) {
        this.ruleId = ruleId;
    }

    static Findings of(String ruleId) {
        return new Findings(ruleId);
    }

    Findings at(long secondsAfterT0) {
        this.time = T0.plusSeconds(secondsAfterT0);
        return this;
    }

    Findings atMillis(long millisAfterT0) {
        this.time = T0.plusMillis(millisAfterT0);
        return this;
    }

    Findings actor(String a) {
        this.actor = a;
        return this;
    }

    Findings target(String t) {
        this.target = t;
        return this;
    }

    Findings account(String a) {
        this.account = a;
        return this;
    }

    Findings provider(String p) {
        this.provider = p;
        return this;
    }

    Findings event(String id) {
        this.eventId = id;
        return this;
    }

    /** A captured record field, as the detector stores it. */
    Findings field(String name, String value) {
        context.put("group_by." + name, value);
        return this;
    }

    Finding build() {
        String event = eventId != null ? eventId
                : ruleId + "|" + time + "|" + actor + "|" + target + "|" + account + "|" + context;
        String id = FindingIds.of(ruleId, provider, event);
        return new Finding(id, new Finding.RuleRef(ruleId, ruleId, ruleId, "medium"), Severity.MEDIUM,
                List.of("T1021.008"), List.of("lateral_movement"), provider,
                new Finding.EventRef(event, time.toString(), "StartSession", "ssm.amazonaws.com", "success", null),
                actor, target, "198.51.100.7", account, "eu-west-1", "aws-cli/2", ruleId + " by " + actor, context,
                null, List.of());
    }
}
