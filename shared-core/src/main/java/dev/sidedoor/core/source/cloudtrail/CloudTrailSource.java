package dev.sidedoor.core.source.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.source.Screening;
import dev.sidedoor.core.source.Source;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** AWS CloudTrail: management events as trails, Lake, lookup-events, EventBridge and Panther deliver them. */
public final class CloudTrailSource implements Source {

    static final String ROUTE = "aws/cloudtrail";

    private final AwsNormalizer normalizer = new AwsNormalizer();

    @Override
    public String name() {
        return "cloudtrail";
    }

    @Override
    public String provider() {
        return "aws";
    }

    @Override
    public String displayName() {
        return "AWS";
    }

    @Override
    public boolean recognises(JsonNode record) {
        return AwsNormalizer.recognises(record);
    }

    @Override
    public AuditEvent normalize(JsonNode record, JsonTrees trees) {
        return normalizer.normalize(record);
    }

    @Override
    public List<String> routes(LogSource ls) {
        if (!"aws".equals(ls.product())) {
            return List.of();
        }
        return ls.service() == null || ls.service().equals("cloudtrail") ? List.of(ROUTE) : List.of();
    }

    /** EventBridge's and lookup-events' envelopes, which the reader takes off. */
    @Override
    public Set<String> envelopeKeys() {
        return Set.of("detail-type", "CloudTrailEvent");
    }

    @Override
    public Screening screening(Function<String, List<SigmaRule>> rulesOfRoute, Set<String> envelopeKeys) {
        return new CloudTrailScreening(rulesOfRoute.apply(ROUTE), envelopeKeys);
    }
}
