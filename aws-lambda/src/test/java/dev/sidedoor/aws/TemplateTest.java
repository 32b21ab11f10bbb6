package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.detect.Detector;
import dev.sidedoor.core.detect.EventBridgePattern;
import dev.sidedoor.core.rules.BuiltInRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** template.yaml must deliver exactly what the rules need, to the handler this module builds. */
class TemplateTest {

    @Test
    void eventBridgePatternEqualsTheOneDerivedFromTheBuiltInRules() throws Exception {
        JsonNode inTemplate = Template.function().path("Properties").path("Events").path("CloudTrailApiCall")
                .path("Properties").path("Pattern");
        JsonNode derived = EventBridgePattern.derive(new Detector(BuiltInRules.load()).cloudTrailRules());
        assertEquals(derived, inTemplate, "template.yaml's pattern differs from the rules': run "
                + "`java -jar cli/target/sidedoor.jar rules sync` in the project root\nderived:  " + derived
                + "\ntemplate: "
                + inTemplate);
    }

    @Test
    void readOnlyCallsReachTheRulesUnlessTheOperatorSaysIgnore() throws Exception {
        // GetCallerIdentity is read-only: EventBridge delivers it only to a rule in this state.
        JsonNode state = Template.function().path("Properties").path("Events").path("CloudTrailApiCall")
                .path("Properties").path("State");
        JsonNode forwarded = Template.load(Template.FORWARDER).path("Resources").path("ForwardRule")
                .path("Properties").path("State");
        for (JsonNode s : List.of(state, forwarded)) {
            assertEquals("[\"DeliverReadOnlyCalls\",\"ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS\",\"ENABLED\"]",
                    s.path("!If").toString(), s.toString());
        }
        assertEquals("deliver", Template.load().path("Parameters").path("ReadOnlyCalls")
                .path("Default").asText());
        assertEquals("deliver", Template.load(Template.FORWARDER).path("Parameters").path("ReadOnlyCalls")
                .path("Default").asText());
    }

    @Test
    void memberAccountForwarderSendsTheSamePattern() throws Exception {
        JsonNode forwarded = Template.load(Template.FORWARDER).path("Resources").path("ForwardRule")
                .path("Properties").path("EventPattern");
        JsonNode derived = EventBridgePattern.derive(new Detector(BuiltInRules.load()).cloudTrailRules());
        assertEquals(derived, forwarded, "template-forwarder.yaml's pattern differs from the rules': "
                + "run `java -jar cli/target/sidedoor.jar rules sync` in the project root");
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

    /**
     * Every dead-letter queue of both stacks holds CloudTrail events or invocation records: it must refuse plain
     * HTTP, and a message arriving in it must raise an alarm (nobody looks at a queue that stays quiet).
     */
    @Test
    void everyQueueRefusesInsecureTransportAndAlarmsOnItsDepth() throws Exception {
        for (Path file : List.of(Template.FILE, Template.FORWARDER)) {
            JsonNode resources = Template.load(file).path("Resources");
            List<String> queues = new ArrayList<>();
            resources.fields().forEachRemaining(e -> {
                if (e.getValue().path("Type").asText().equals("AWS::SQS::Queue")) {
                    queues.add(e.getKey());
                }
            });
            assertFalse(queues.isEmpty(), file + " declares no queue");
            for (String queue : queues) {
                String where = file.getFileName() + ": " + queue;
                assertTrue(hasDenyInsecureTransport(resources, queue), where + " has no queue policy statement"
                        + " denying sqs:* to every principal when aws:SecureTransport is false");
                assertTrue(hasDepthAlarm(resources, queue), where + " has no CloudWatch alarm on"
                        + " ApproximateNumberOfMessagesVisible > 0");
            }
        }
    }

    private static boolean hasDenyInsecureTransport(JsonNode resources, String queue) {
        for (Map.Entry<String, JsonNode> e : iterable(resources)) {
            JsonNode p = e.getValue().path("Properties");
            if (!e.getValue().path("Type").asText().equals("AWS::SQS::QueuePolicy")
                    || !p.path("Queues").toString().contains("{\"!Ref\":\"" + queue + "\"}")) {
                continue;
            }
            for (JsonNode st : p.path("PolicyDocument").path("Statement")) {
                if (st.path("Effect").asText().equals("Deny")
                        && st.path("Principal").asText().equals("*")
                        && st.path("Action").asText().equals("sqs:*")
                        && st.path("Resource").path("!GetAtt").asText().equals(queue + ".Arn")
                        && st.path("Condition").path("Bool").path("aws:SecureTransport").asText().equals("false")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasDepthAlarm(JsonNode resources, String queue) {
        for (Map.Entry<String, JsonNode> e : iterable(resources)) {
            JsonNode p = e.getValue().path("Properties");
            if (!e.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")
                    || !p.path("Namespace").asText().equals("AWS/SQS")
                    || !p.path("MetricName").asText().equals("ApproximateNumberOfMessagesVisible")) {
                continue;
            }
            boolean onQueue = false;
            for (JsonNode d : p.path("Dimensions")) {
                onQueue |= d.path("Name").asText().equals("QueueName")
                        && d.path("Value").path("!GetAtt").asText().equals(queue + ".QueueName");
            }
            if (onQueue && p.path("ComparisonOperator").asText().equals("GreaterThanThreshold")
                    && p.path("Threshold").asDouble(-1) == 0
                    && p.path("TreatMissingData").asText().equals("notBreaching")) {
                return true;
            }
        }
        return false;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
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

    @Test
    void theStateTableIsOnDemandExpiresRecoversIsEncryptedWithTheStackKeyAndOnlyItsItemsAreReachable()
            throws Exception {
        JsonNode resources = Template.load().path("Resources");
        JsonNode table = resources.path("StateTable");
        assertEquals("AWS::DynamoDB::Table", table.path("Type").asText());
        JsonNode p = table.path("Properties");
        assertEquals("PAY_PER_REQUEST", p.path("BillingMode").asText());
        assertEquals("expires", p.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertTrue(p.path("TimeToLiveSpecification").path("Enabled").asBoolean());
        assertTrue(p.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
        assertEquals("KMS", p.path("SSESpecification").path("SSEType").asText());
        assertTrue(p.path("SSESpecification").path("KMSMasterKeyId").toString().contains("SidedoorKey"),
                p.path("SSESpecification").toString());
        JsonNode statements = resources.path("SidedoorPublishPolicy").path("Properties").path("PolicyDocument")
                .path("Statement");
        JsonNode state = null;
        for (JsonNode st : statements) {
            if (st.path("Sid").asText().equals("ReadAndWriteTheStateTable")) {
                state = st;
            }
        }
        assertTrue(state != null, statements.toString());
        java.util.Set<String> actions = new java.util.TreeSet<>();
        state.path("Action").forEach(a -> actions.add(a.asText()));
        assertEquals(java.util.Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem", "dynamodb:Query"), actions, "item operations only, no Scan");
        assertTrue(state.path("Resource").toString().contains("StateTable"), state.toString());
        assertFalse(resources.toString().contains("dynamodb:Scan"), "nothing may scan the table");
        assertTrue(Template.function().path("Properties").path("Environment").path("Variables")
                .path("SIDEDOOR_STATE_TABLE").toString().contains("StateTable"));
    }
}
