package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.detect.Detector;
import dev.sidedoor.core.detect.EventBridgePattern;
import dev.sidedoor.core.rules.BuiltInRules;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** template.yaml must deliver exactly what the rules need, to the handler this module builds. */
class TemplateTest {

    @Test
    void eventBridgePatternEqualsTheOneDerivedFromTheBuiltInRules() throws Exception {
        JsonNode inTemplate = Template.function().path("Properties").path("Events").path("CloudTrailApiCall")
                .path("Properties").path("Pattern");
        JsonNode derived = EventBridgePattern.derive(new Detector(BuiltInRules.load()).cloudTrailRules());
        assertEquals(derived, inTemplate, "template.yaml's pattern differs from `sidedoor eventbridge-pattern`:"
                + " paste the command's output into template.yaml\nderived:  " + derived + "\ntemplate: "
                + inTemplate);
    }

    @Test
    void memberAccountForwarderSendsTheSamePattern() throws Exception {
        JsonNode forwarded = Template.load(Template.FORWARDER).path("Resources").path("ForwardRule")
                .path("Properties").path("EventPattern");
        JsonNode derived = EventBridgePattern.derive(new Detector(BuiltInRules.load()).cloudTrailRules());
        assertEquals(derived, forwarded, "template-forwarder.yaml's pattern differs from `sidedoor "
                + "eventbridge-pattern`");
    }

    @Test
    void functionRunsThisHandlerOnJava21WithSnapStartOnAPublishedAlias() throws Exception {
        JsonNode p = Template.function().path("Properties");
        assertEquals(Handler.class.getName() + "::handleRequest", p.path("Handler").asText());
        assertEquals("java21", p.path("Runtime").asText());
        assertEquals("PublishedVersions", p.path("SnapStart").path("ApplyOn").asText());
        assertFalse(p.path("AutoPublishAlias").asText().isEmpty());
        assertTrue(p.path("ReservedConcurrentExecutions").isMissingNode(),
                "reserved concurrency is rejected by fresh accounts; leave it to the user");
        JsonNode target = p.path("Events").path("CloudTrailApiCall").path("Properties");
        assertFalse(target.path("DeadLetterConfig").isMissingNode(), "EventBridge target without a DLQ");
        assertFalse(target.path("RetryPolicy").isMissingNode(), "EventBridge target without a retry policy");
        assertFalse(p.path("EventInvokeConfig").path("DestinationConfig").path("OnFailure").isMissingNode(),
                "async failures need an on-failure destination");
    }

    @Test
    void environmentSetsExactlyTheVariablesTheHandlerReads() throws Exception {
        Set<String> names = new HashSet<>();
        Template.function().path("Properties").path("Environment").path("Variables").fieldNames()
                .forEachRemaining(names::add);
        assertEquals(new HashSet<>(Config.VARIABLES), names);
    }

    @Test
    void publishPermissionIsLimitedToTheTopics() throws Exception {
        JsonNode resources = Template.load().path("Resources");
        resources.fields().forEachRemaining(e -> {
            String text = e.getValue().toString();
            if (text.contains("sns:Publish")) {
                assertFalse(text.contains("\"Resource\":\"*\""), e.getKey() + " grants sns:Publish on *");
            }
        });
    }
}
