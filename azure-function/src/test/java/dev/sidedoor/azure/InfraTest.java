package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structural checks of the Bicep files in {@code ../infra}, the parameter example and the parameter documentation.
 *
 * <p>No Bicep compiler is reachable here: there is no {@code az} or {@code bicep} binary on the build machines and no
 * network beyond Maven Central, npm and Debian. So these tests read the Bicep text with a few regular expressions
 * and a small brace matcher that knows Bicep strings and comments. They do not prove the templates deploy; they pin
 * the decisions that matter for security and for the app-settings contract with the function code, and they fail if
 * someone drops a resource, broadens a role or its scope, re-enables keys, or adds an undocumented parameter.
 */
class InfraTest {

    private static final Path INFRA = Path.of("..", "infra");
    private static final Path README = Path.of("README.md");

    // Built-in role definition IDs, from "Azure built-in roles" (learn.microsoft.com).
    private static final String EVENT_HUBS_DATA_RECEIVER = "a638d3c7-ab3a-418d-83e6-5f17a39d4fde";
    private static final String EVENT_GRID_DATA_SENDER = "d5a91429-5739-47e2-a06b-3470a27159e7";
    private static final String BLOB_DATA_OWNER = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private static final String BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private static final String BLOB_DATA_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    private static final String MONITORING_METRICS_PUBLISHER = "3913510d-42f4-4e42-8a64-420c390055eb";
    private static final String TABLE_DATA_CONTRIBUTOR = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private static final Set<String> BLOB_ROLES = Set.of(BLOB_DATA_OWNER, BLOB_DATA_CONTRIBUTOR, BLOB_DATA_READER);

    private static final String CONTAINER = "Microsoft.Storage/storageAccounts/blobServices/containers";
    private static final String TABLE = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private static final String FUNCTION_IDENTITY = "functionApp.identity.principalId";

    /**
     * A role assignment as main.bicep must declare it: the role, the type of the resource it is scoped to, for a
     * container or a table the expression of its {@code name:}, and whose identity gets it.
     */
    private record Grant(String role, String scopeType, String containerName, String principal) {
        @Override
        public String toString() {
            return role + " on " + scopeType + (containerName == null ? "" : " " + containerName) + " to " + principal;
        }
    }

    /**
     * Every role assignment of main.bicep, each on the narrowest resource that works. Blob roles are granted per
     * container: an account-wide blob role would let the function identity rewrite anything in the account.
     */
    private static final List<Grant> GRANTS = List.of(
            new Grant(EVENT_HUBS_DATA_RECEIVER, "Microsoft.EventHub/namespaces/eventhubs", null, FUNCTION_IDENTITY),
            new Grant(EVENT_GRID_DATA_SENDER, "Microsoft.EventGrid/topics", null, FUNCTION_IDENTITY),
            // The Functions host: leases and locks, keys, Event Hubs checkpoints.
            new Grant(BLOB_DATA_OWNER, CONTAINER, "'azure-webjobs-hosts'", FUNCTION_IDENTITY),
            new Grant(BLOB_DATA_OWNER, CONTAINER, "'azure-webjobs-secrets'", FUNCTION_IDENTITY),
            new Grant(BLOB_DATA_OWNER, CONTAINER, "'azure-webjobs-eventhub'", FUNCTION_IDENTITY),
            // Flex deployments upload the package with the app identity; the function writes dead letters.
            new Grant(BLOB_DATA_CONTRIBUTOR, CONTAINER, "deploymentContainerName", FUNCTION_IDENTITY),
            new Grant(BLOB_DATA_CONTRIBUTOR, CONTAINER, "deadLetterContainerName", FUNCTION_IDENTITY),
            // sidedoor's baseline and notification ledger, each on its table.
            new Grant(TABLE_DATA_CONTRIBUTOR, TABLE, "baselineTableName", FUNCTION_IDENTITY),
            new Grant(TABLE_DATA_CONTRIBUTOR, TABLE, "ledgerTableName", FUNCTION_IDENTITY),
            // The Functions host's diagnostic events: a new table every month, so the account.
            new Grant(TABLE_DATA_CONTRIBUTOR, "Microsoft.Storage/storageAccounts", null, FUNCTION_IDENTITY),
            new Grant(MONITORING_METRICS_PUBLISHER, "Microsoft.Insights/components", null, FUNCTION_IDENTITY),
            // Event Grid's own identity dead-letters undeliverable events (teams.bicep), in its own container.
            new Grant(BLOB_DATA_CONTRIBUTOR, CONTAINER, "deliveryDeadLetterContainerName", "findingsTopic.identity.principalId"));

    /** Roles that must never be granted by these templates (management or owner-level data roles). */
    private static final Map<String, String> BROAD_ROLES = Map.of(
            "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner",
            "b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor",
            "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator",
            "f58310d9-a9f6-439a-9e8d-f62e7b41a168", "Role Based Access Control Administrator",
            "f526a384-b230-433a-b45c-95f59c4a2dec", "Azure Event Hubs Data Owner",
            "17d1049b-9a84-46fb-8f53-869881c3d3ab", "Storage Account Contributor");

    /** App settings the function code reads (azure-function/README.md); all must be set by main.bicep. */
    private static final List<String> APP_SETTINGS = List.of(
            "AzureWebJobsStorage__accountName",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            "SIDEDOOR_EVENTHUB__fullyQualifiedNamespace",
            "SIDEDOOR_EVENTHUB_NAME",
            "SIDEDOOR_EVENTHUB_CONSUMER_GROUP",
            "SIDEDOOR_EVENTGRID_ENDPOINT",
            "SIDEDOOR_DEADLETTER_BLOB_URI",
            "SIDEDOOR_DEADLETTER_CONTAINER",
            "SIDEDOOR_TABLE_URI",
            "SIDEDOOR_BASELINE_TABLE",
            "SIDEDOOR_LEDGER_TABLE",
            "SIDEDOOR_MIN_SEVERITY",
            "SIDEDOOR_FORMAT",
            "SIDEDOOR_PUBLISH_MAX_ATTEMPTS",
            "SIDEDOOR_RULES_DIR",
            "SIDEDOOR_TUNING_FILE");

    private static Map<String, Bicep> files;
    private static Bicep main;
    private static Bicep activityLog;
    private static Bicep teams;

    @BeforeAll
    static void load() throws IOException {
        assertTrue(Files.isDirectory(INFRA), "expected the Bicep files in " + INFRA.toAbsolutePath().normalize());
        try (Stream<Path> paths = Files.list(INFRA)) {
            files = paths.filter(p -> p.getFileName().toString().endsWith(".bicep"))
                    .sorted()
                    .collect(Collectors.toMap(p -> p.getFileName().toString(), InfraTest::parse,
                            (a, b) -> a, TreeMap::new));
        }
        main = files.get("main.bicep");
        activityLog = files.get("activity-log.bicep");
        teams = files.get("teams.bicep");
        assertNotNull(main, "infra/main.bicep is missing");
        assertNotNull(activityLog, "infra/activity-log.bicep is missing");
        assertNotNull(teams, "infra/teams.bicep is missing");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Resources

    @Test
    void mainDeclaresEveryResourceTheFunctionNeeds() {
        Set<String> types = main.types();
        for (String type : List.of(
                "Microsoft.Storage/storageAccounts",
                "Microsoft.Storage/storageAccounts/blobServices",
                "Microsoft.Storage/storageAccounts/blobServices/containers",
                "Microsoft.Storage/storageAccounts/tableServices",
                TABLE,
                "Microsoft.OperationalInsights/workspaces",
                "Microsoft.Insights/components",
                "Microsoft.Web/serverfarms",
                "Microsoft.Web/sites",
                "Microsoft.EventHub/namespaces",
                "Microsoft.EventHub/namespaces/eventhubs",
                "Microsoft.EventHub/namespaces/eventhubs/consumergroups",
                "Microsoft.EventHub/namespaces/authorizationRules",
                "Microsoft.EventGrid/topics",
                "Microsoft.Insights/metricAlerts",
                "Microsoft.Insights/scheduledQueryRules",
                "Microsoft.Authorization/roleAssignments")) {
            assertTrue(types.contains(type), "main.bicep declares no " + type + " (declared: " + types + ")");
        }
        // The host's three (so that its role can be scoped to them), the Flex deployment package, the function's dead
        // letters and Event Grid's.
        assertEquals(Set.of("'azure-webjobs-hosts'", "'azure-webjobs-secrets'", "'azure-webjobs-eventhub'",
                        "deploymentContainerName", "deadLetterContainerName", "deliveryDeadLetterContainerName"),
                main.ofType(CONTAINER).stream().map(InfraTest::nameOf).collect(Collectors.toSet()),
                "main.bicep should declare the host, deployment-package and dead-letter containers");
        assertEquals(Set.of("baselineTableName", "ledgerTableName"),
                main.ofType(TABLE).stream().map(InfraTest::nameOf).collect(Collectors.toSet()),
                "main.bicep should declare the baseline and ledger tables");
        assertTrue(activityLog.types().contains("Microsoft.Insights/diagnosticSettings"),
                "activity-log.bicep declares no Microsoft.Insights/diagnosticSettings");
    }

    @Test
    void everyResourceUsesADatedApiVersionAndPreviewOnlyWhereNoStableOneExists() {
        for (Bicep file : files.values()) {
            for (Resource r : file.resources) {
                assertTrue(r.apiVersion.matches("\\d{4}-\\d{2}-\\d{2}(-preview)?"),
                        file.name + ": " + r.symbol + " has API version " + r.apiVersion);
                if (r.apiVersion.endsWith("-preview")) {
                    // diagnosticSettings has no stable version newer than 2016; 2021-05-01-preview is the one in use.
                    assertEquals("Microsoft.Insights/diagnosticSettings", r.type,
                            file.name + ": " + r.symbol + " uses a preview API version");
                }
            }
        }
    }

    @Test
    void topicTakesCloudEventsAndEntraIdOnly() {
        Resource topic = main.single("Microsoft.EventGrid/topics");
        assertTrue(topic.body.matches("(?s).*\\binputSchema:\\s*'CloudEventSchemaV1_0'.*"), "topic input schema");
        assertTrue(topic.body.matches("(?s).*\\bdisableLocalAuth:\\s*true\\b.*"), "topic must have local auth disabled");
    }

    @Test
    void teamsSubscriptionDeadLettersWithTheTopicIdentityInsteadOfDroppingEvents() {
        Resource subscription = teams.single("Microsoft.EventGrid/topics/eventSubscriptions");
        Matcher retry = Pattern.compile("(?m)^\\s*retryPolicy:\\s*\\{").matcher(subscription.body);
        assertTrue(retry.find(), "the Teams subscription has no retry policy");
        String retryPolicy = block(subscription.body, retry.end() - 1);
        assertTrue(retryPolicy.contains("maxDeliveryAttempts: maxDeliveryAttempts")
                && retryPolicy.contains("eventTimeToLiveInMinutes: eventTimeToLiveInMinutes"), "retry policy from parameters");

        // Without a dead-letter destination Event Grid drops what it could not deliver. A plain deadLetterDestination
        // would need account keys, which the storage account refuses: the topic's identity writes instead.
        Matcher withIdentity = Pattern.compile("(?m)^\\s*deadLetterWithResourceIdentity:\\s*\\{").matcher(subscription.body);
        assertTrue(withIdentity.find(), "the Teams subscription has no deadLetterWithResourceIdentity");
        String deadLetter = block(subscription.body, withIdentity.end() - 1);
        assertTrue(deadLetter.matches("(?s).*\\bidentity:\\s*\\{\\s*type:\\s*'SystemAssigned'\\s*}.*"), "dead-lettering with the topic's system identity");
        assertTrue(deadLetter.matches("(?s).*\\bdeadLetterDestination:\\s*\\{\\s*endpointType:\\s*'StorageBlob'.*"), "dead letters go to a blob container");
        assertTrue(deadLetter.contains("resourceId: deadLetterStorage.id") && deadLetter.contains("blobContainerName: deadLetterContainerName"),
                "dead-letter storage and container from parameters");
        assertFalse(subscription.body.matches("(?s).*(?m:^\\s{4}deadLetterDestination:).*"), "no key-based deadLetterDestination beside it");
        assertTrue(teams.params.get("deadLetterContainerName").declaration.endsWith("= 'sidedoor-delivery-deadletter'"),
                "teams.bicep's default container is the one main.bicep creates");
        assertTrue(main.code.contains("var deliveryDeadLetterContainerName = 'sidedoor-delivery-deadletter'"),
                "main.bicep creates the delivery dead-letter container teams.bicep defaults to");

        // The identity it uses must exist, and the dead letters expire like the function's own.
        assertTrue(main.single("Microsoft.EventGrid/topics").body.matches("(?s).*identity:\\s*\\{\\s*type:\\s*'SystemAssigned'\\s*}.*"),
                "the topic needs a system-assigned identity to dead-letter");
        String lifecycle = main.single("Microsoft.Storage/storageAccounts/managementPolicies").body;
        assertTrue(lifecycle.contains("'${deadLetterContainerName}/'") && lifecycle.contains("'${deliveryDeadLetterContainerName}/'"),
                "the lifecycle rule must expire both dead-letter containers");
    }

    @Test
    void alertRulesWatchFailuresFunctionDeadLettersAndEventGridDelivery() {
        List<Resource> metricAlerts = main.ofType("Microsoft.Insights/metricAlerts");
        assertMetricAlert(metricAlerts, "appInsights", "requests/failed", "Count");
        assertMetricAlert(metricAlerts, "findingsTopic", "DeadLetteredCount", "Total");
        assertMetricAlert(metricAlerts, "findingsTopic", "DroppedEventCount", "Total");

        List<Resource> logAlerts = main.ofType("Microsoft.Insights/scheduledQueryRules");
        assertEquals(2, logAlerts.size(), "log alerts: dead letters, and the state tables unavailable");
        for (Resource logAlert : logAlerts) {
            assertProperty(logAlert, "kind", "'LogAlert'");
            assertTrue(logAlert.body.matches("(?s).*scopes:\\s*\\[\\s*appInsights\\.id\\s*].*"), logAlert.symbol + " reads Application Insights");
            assertTrue(logAlert.body.matches("(?s).*\\boperator:\\s*'GreaterThan'\\s*threshold:\\s*0\\b.*"), "one line is enough");
        }

        for (Resource alert : concat(metricAlerts, logAlerts)) {
            assertProperty(alert, "enabled", "true");
            assertTrue(alert.body.matches("(?s).*\\bfor id in alertActionGroupIds:.*")
                            || alert.body.matches("(?s).*\\bactionGroups:\\s*alertActionGroupIds\\b.*"),
                    alert.symbol + " does not notify the action groups");
        }
        for (String param : List.of("alertEmailAddresses", "alertActionGroupId")) {
            assertTrue(main.params.containsKey(param) && main.params.get(param).hasDefault,
                    "main.bicep needs an optional " + param + " parameter");
        }
        assertTrue(main.code.matches("(?s).*resource\\s+\\w+\\s+'Microsoft\\.Insights/actionGroups@[^']+'\\s*=\\s*if\\s*\\(!empty\\(alertEmailAddresses\\)\\).*"),
                "the e-mail action group is created only when addresses are given");
    }

    /** The log alert matches the error lines the function writes when it dead-letters: the phrases must stay in the code. */
    @Test
    void deadLetterAlertQueryMatchesTheFunctionsOwnLogLines() throws IOException {
        Matcher query = Pattern.compile("(?s)var deadLetterQuery = \'\'\'(.*?)\'\'\'").matcher(main.code);
        assertTrue(query.find(), "main.bicep has no deadLetterQuery");
        assertTrue(query.group(1).contains("severityLevel >= 3"), "error level and above: the dead-letter lines are errors");
        Matcher phrases = Pattern.compile("contains \"([^\"]+)\"").matcher(query.group(1));
        List<String> found = new ArrayList<>();
        while (phrases.find()) {
            found.add(phrases.group(1));
        }
        assertEquals(List.of("dead letters", "dead-lettered"), found, "phrases of the dead-letter query");

        String code;
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            StringBuilder sb = new StringBuilder();
            for (Path p : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                sb.append(Files.readString(p)).append('\n');
            }
            code = sb.toString();
        }
        // BatchHandler's batch summary when anything was dead-lettered, and Unprocessed's lines for a whole batch.
        assertTrue(code.contains("BatchLog.error(log, \"batch processed with dead letters\""), "BatchHandler's summary line changed");
        assertTrue(code.contains("\"; the batch was dead-lettered\""), "Unprocessed's dead-letter line changed");
        assertTrue(code.contains("\"; the batch could not be dead-lettered\""), "Unprocessed's failure line changed");
    }

    @Test
    void stateAlertQueryMatchesTheFunctionsOwnLogLines() throws IOException {
        Matcher query = Pattern.compile("(?s)var stateUnavailableQuery = \'\'\'(.*?)\'\'\'").matcher(main.code);
        assertTrue(query.find(), "main.bicep has no stateUnavailableQuery");
        assertTrue(query.group(1).contains("severityLevel >= 3"), "error level and above");
        Matcher phrases = Pattern.compile("startswith \"([^\"]+)\"").matcher(query.group(1));
        List<String> found = new ArrayList<>();
        while (phrases.find()) {
            found.add(phrases.group(1));
        }
        assertEquals(List.of("baseline unavailable", "baseline not saved", "ledger unavailable"), found);
        String handler = Files.readString(Path.of("src", "main", "java", "dev", "sidedoor", "azure", "BatchHandler.java"));
        for (String phrase : found) {
            assertTrue(handler.contains("BatchLog.error(log, \"" + phrase), "BatchHandler logs no error line starting '" + phrase + "'");
        }
    }

    private static void assertMetricAlert(List<Resource> alerts, String scope, String metric, String aggregation) {
        List<Resource> matching = alerts.stream()
                .filter(a -> a.body.contains("metricName: '" + metric + "'"))
                .collect(Collectors.toList());
        assertEquals(1, matching.size(), "expected one metric alert on " + metric);
        Resource alert = matching.get(0);
        assertTrue(alert.body.matches("(?s).*scopes:\\s*\\[\\s*" + scope + "\\.id\\s*].*"), alert.symbol + " must watch " + scope);
        assertProperty(alert, "location", "'global'");
        assertProperty(alert, "operator", "'GreaterThan'");
        assertProperty(alert, "threshold", "0");
        assertProperty(alert, "timeAggregation", "'" + aggregation + "'");
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void storageAcceptsNoKeysAndNoAnonymousAccess() {
        Resource storage = main.single("Microsoft.Storage/storageAccounts");
        assertProperty(storage, "kind", "'StorageV2'");
        assertProperty(storage, "allowSharedKeyAccess", "false");
        assertProperty(storage, "allowBlobPublicAccess", "false");
        assertProperty(storage, "minimumTlsVersion", "'TLS1_2'");
        assertProperty(storage, "supportsHttpsTrafficOnly", "true");
    }

    @Test
    void applicationInsightsIsWorkspaceBasedWithLocalAuthDisabled() {
        Resource appInsights = main.single("Microsoft.Insights/components");
        assertProperty(appInsights, "DisableLocalAuth", "true");
        assertTrue(appInsights.body.contains("WorkspaceResourceId:"), "Application Insights must be workspace-based");
    }

    @Test
    void oneSwitchClosesThePublicEndpointsOfStorageEventHubsAndEventGrid() {
        Param restrict = main.params.get("restrictPublicNetworkAccess");
        assertNotNull(restrict, "main.bicep has no restrictPublicNetworkAccess parameter");
        assertTrue(restrict.declaration.matches("param restrictPublicNetworkAccess bool = false"),
                "restrictPublicNetworkAccess must be a bool, off by default (it needs private endpoints): " + restrict.declaration);

        // Storage: the firewall, so that trusted services (Event Grid dead-lettering) still get through.
        Resource storage = main.single("Microsoft.Storage/storageAccounts");
        assertSwitched(storage, "defaultAction", "Deny", "Allow");
        assertProperty(storage, "bypass", "'AzureServices'");
        assertProperty(storage, "ipRules", "[]");
        assertProperty(storage, "virtualNetworkRules", "[]");

        // Event Hubs: disabled outright (a firewall without rules leaves the namespace open), trusted services allowed
        // so that Azure Monitor can still deliver the Activity Log.
        assertSwitched(main.single("Microsoft.EventHub/namespaces"), "publicNetworkAccess", "Disabled", "Enabled");
        Resource rules = main.single("Microsoft.EventHub/namespaces/networkRuleSets");
        assertProperty(rules, "name", "'default'");
        assertSwitched(rules, "publicNetworkAccess", "Disabled", "Enabled");
        assertSwitched(rules, "defaultAction", "Deny", "Allow");
        assertProperty(rules, "trustedServiceAccessEnabled", "true");

        assertSwitched(main.single("Microsoft.EventGrid/topics"), "publicNetworkAccess", "Disabled", "Enabled");

        // The function gets there through its virtual network integration.
        assertNotNull(main.params.get("functionSubnetId"), "main.bicep has no functionSubnetId parameter");
        assertProperty(main.single("Microsoft.Web/sites"), "virtualNetworkSubnetId",
                "empty(functionSubnetId) ? null : functionSubnetId");

        // Nothing else opens a public endpoint unconditionally: the storage account's 'Enabled' is governed by its firewall.
        for (Bicep file : files.values()) {
            for (Resource r : file.resources) {
                if (r.body.matches("(?s).*\\bpublicNetworkAccess:\\s*'Enabled'.*")) {
                    assertEquals("Microsoft.Storage/storageAccounts", r.type,
                            file.name + ": " + r.symbol + " sets publicNetworkAccess 'Enabled' regardless of restrictPublicNetworkAccess");
                }
            }
        }
    }

    private static void assertSwitched(Resource r, String property, String on, String off) {
        assertProperty(r, property, "restrictPublicNetworkAccess ? '" + on + "' : '" + off + "'");
    }

    @Test
    void logAnalyticsWorkspaceAcceptsNoKeys() {
        Resource workspace = main.single("Microsoft.OperationalInsights/workspaces");
        assertTrue(workspace.body.matches("(?s).*\\bfeatures:\\s*\\{[^}]*\\bdisableLocalAuth:\\s*true\\b.*"),
                "the workspace must have local (key) auth disabled: telemetry arrives through Application Insights with Entra ID");
    }

    @Test
    void functionAppIsFlexConsumptionJava21WithSystemIdentity() {
        Resource plan = main.single("Microsoft.Web/serverfarms");
        assertTrue(plan.body.matches("(?s).*name:\\s*'FC1'.*tier:\\s*'FlexConsumption'.*"), "plan must be FC1 Flex Consumption");
        Resource app = main.single("Microsoft.Web/sites");
        assertProperty(app, "httpsOnly", "true");
        assertTrue(app.body.matches("(?s).*identity:\\s*\\{\\s*type:\\s*'SystemAssigned'\\s*}.*"), "system-assigned identity");
        assertTrue(app.body.matches("(?s).*runtime:\\s*\\{\\s*name:\\s*'java'\\s*version:\\s*'21'\\s*}.*"), "runtime java 21");
        assertTrue(app.body.matches("(?s).*type:\\s*'blobContainer'.*authentication:\\s*\\{\\s*type:\\s*'SystemAssignedIdentity'\\s*}.*"),
                "the deployment container must be reached with the system identity");
        assertTrue(app.body.contains("maximumInstanceCount: maximumInstanceCount")
                && app.body.contains("instanceMemoryMB: instanceMemoryMB"), "scale settings come from parameters");
    }

    @Test
    void diagnosticsRuleCanOnlySendAndNoKeyIsEverRead() {
        // Local auth stays on for Azure Monitor (see main.bicep); the one SAS policy we create may only Send.
        List<Resource> rules = main.ofType("Microsoft.EventHub/namespaces/authorizationRules");
        assertEquals(1, rules.size(), "exactly one namespace authorization rule");
        Matcher rights = Pattern.compile("(?s)rights:\\s*\\[(.*?)]").matcher(rules.get(0).body);
        assertTrue(rights.find(), "authorization rule without rights");
        assertEquals(List.of("Send"), quoted(rights.group(1)), "the diagnostics rule must have the Send right only");
        assertTrue(main.ofType("Microsoft.EventHub/namespaces/eventhubs/authorizationRules").isEmpty(),
                "no event hub-level SAS rules");
        for (Bicep file : files.values()) {
            assertFalse(file.code.contains("listKeys("), file.name + " reads keys with listKeys()");
            assertFalse(file.code.matches("(?s).*\\blist[A-Z]\\w*\\(.*"), file.name + " calls a list*() function");
        }
    }

    @Test
    void activityLogSettingNamesTheHubAndStreamsAdministrativeRecords() {
        assertTrue(activityLog.code.matches("(?s)\\s*targetScope\\s*=\\s*'subscription'.*"), "activity-log.bicep must target a subscription");
        Resource setting = activityLog.single("Microsoft.Insights/diagnosticSettings");
        assertProperty(setting, "eventHubAuthorizationRuleId", "eventHubAuthorizationRuleId");
        // A Send-only rule only works when the setting names the hub.
        assertProperty(setting, "eventHubName", "eventHubName");
        assertTrue(setting.body.contains("category: category"), "logs must come from the categories parameter");
        String defaults = activityLog.params.get("categories").declaration;
        assertTrue(quoted(defaults).contains("Administrative"), "Run Command and extensions are Administrative records");
    }

    @Test
    void mainCanDeployTheActivityLogSettingForItsOwnSubscription() {
        Matcher module = Pattern.compile("(?m)^module\\s+\\w+\\s+'activity-log\\.bicep'\\s*=\\s*if\\s*\\(deployActivityLogSetting\\)\\s*\\{")
                .matcher(main.code);
        assertTrue(module.find(), "main.bicep should call activity-log.bicep when deployActivityLogSetting is true");
        String body = block(main.code, module.end() - 1);
        assertTrue(body.matches("(?s).*\\bscope:\\s*subscription\\(\\).*"), "the module must be deployed at subscription scope");
        assertTrue(body.matches("(?s).*eventHubAuthorizationRuleId:\\s*" + main.single("Microsoft.EventHub/namespaces/authorizationRules").symbol + "\\.id.*"),
                "the module must use the Send-only rule");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Role assignments

    @Test
    void roleAssignmentsAreExactlyTheExpectedOnesEachOnItsNarrowestScope() {
        List<Grant> actual = new ArrayList<>();
        for (Resource assignment : main.ofType("Microsoft.Authorization/roleAssignments")) {
            actual.add(grantOf(assignment));
        }
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        GRANTS.stream().filter(g -> !actual.contains(g)).forEach(g -> missing.add(g.toString()));
        actual.stream().filter(g -> !GRANTS.contains(g)).forEach(g -> unexpected.add(g.toString()));
        assertTrue(missing.isEmpty() && unexpected.isEmpty() && actual.size() == GRANTS.size(),
                "role assignments differ from the reviewed set; missing: " + missing + ", unexpected: " + unexpected
                        + ", declared: " + actual.size() + ", expected: " + GRANTS.size());
    }

    @Test
    void noBlobRoleIsGrantedOnTheWholeStorageAccount() {
        // The reason for container scopes: with a blob role on the account, the function identity could rewrite the
        // host's keys, its own deployment package and anything else stored there.
        for (Resource assignment : main.ofType("Microsoft.Authorization/roleAssignments")) {
            Grant g = grantOf(assignment);
            if (BLOB_ROLES.contains(g.role())) {
                assertEquals(CONTAINER, g.scopeType(), assignment.symbol + " grants a blob role on " + g.scopeType());
            }
            if (g.role().equals(BLOB_DATA_OWNER)) {
                assertTrue(g.containerName().startsWith("'azure-webjobs-"),
                        assignment.symbol + ": Storage Blob Data Owner is for the host's own containers only");
            }
        }
    }

    private static Grant grantOf(Resource assignment) {
        String role = roleOf(assignment, main.roleIdVariables());
        Matcher scope = Pattern.compile("(?m)^\\s*scope:\\s*(\\w+)\\s*$").matcher(assignment.body);
        assertTrue(scope.find(), assignment.symbol + " has no scope, i.e. the whole resource group");
        Resource target = main.bySymbol(scope.group(1));
        assertNotNull(target, assignment.symbol + " is scoped to unknown symbol " + scope.group(1));
        Matcher principal = Pattern.compile("(?m)^\\s*principalId:\\s*(\\S+)\\s*$").matcher(assignment.body);
        assertTrue(principal.find(), assignment.symbol + " has no principalId");
        assertTrue(assignment.body.matches("(?s).*\\bprincipalType:\\s*'ServicePrincipal'.*"), assignment.symbol + " principalType");
        // Deterministic guid(scope, grantee, role) names: redeployments update rather than duplicate.
        String grantee = principal.group(1).replace(".identity.principalId", "");
        assertTrue(assignment.body.matches("(?s).*\\bname:\\s*guid\\(" + scope.group(1) + "\\.id,\\s*" + Pattern.quote(grantee)
                        + "\\.id,.*"), assignment.symbol + " needs a deterministic guid(scope, grantee, role) name");
        return new Grant(role, target.type, target.type.equals(CONTAINER) || target.type.equals(TABLE) ? nameOf(target)
                : null, principal.group(1));
    }

    /** The expression after {@code name:} in a resource body. */
    private static String nameOf(Resource r) {
        Matcher m = Pattern.compile("(?m)^\\s*name:\\s*(.+?)\\s*$").matcher(r.body);
        assertTrue(m.find(), r.symbol + " has no name");
        return m.group(1);
    }

    @Test
    void noBroadRoleAnywhere() {
        for (Bicep file : files.values()) {
            for (Map.Entry<String, String> broad : BROAD_ROLES.entrySet()) {
                assertFalse(file.code.toLowerCase().contains(broad.getKey()), file.name + " mentions the " + broad.getValue() + " role");
            }
            for (String name : List.of("'Owner'", "'Contributor'")) {
                assertFalse(file.code.contains(name), file.name + " refers to role " + name);
            }
            if (file != main) {
                assertTrue(file.ofType("Microsoft.Authorization/roleAssignments").isEmpty(),
                        file.name + " must not create role assignments");
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // App settings, parameters, documentation

    @Test
    void mainSetsEveryAppSettingOfTheContract() {
        for (String setting : APP_SETTINGS) {
            assertTrue(main.code.contains("name: '" + setting + "'"), "main.bicep does not set app setting " + setting);
        }
        assertTrue(main.code.matches("(?s).*name:\\s*'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'\\s*value:\\s*'Authorization=AAD'.*"),
                "Application Insights must be reached with Entra ID");
        for (String forbidden : List.of("FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
                "AzureWebJobsStorage'", "AccountKey=", "SharedAccessKey")) {
            assertFalse(main.code.contains(forbidden), "main.bicep must not set " + forbidden + " (Flex Consumption / no keys)");
        }
    }

    @Test
    void theStateTablesAreTheOnesTheAppSettingsName() {
        // The function reads exactly these tables, on the account's table endpoint; a typo would fail every batch
        // open (no baseline, no ledger) rather than at deploy time.
        assertTrue(main.code.matches("(?s).*name:\\s*'SIDEDOOR_BASELINE_TABLE'\\s*value:\\s*baselineTable\\.name\\s.*"),
                "SIDEDOOR_BASELINE_TABLE must name the baseline table resource");
        assertTrue(main.code.matches("(?s).*name:\\s*'SIDEDOOR_LEDGER_TABLE'\\s*value:\\s*ledgerTable\\.name\\s.*"),
                "SIDEDOOR_LEDGER_TABLE must name the ledger table resource");
        assertTrue(main.code.matches("(?s).*name:\\s*'SIDEDOOR_TABLE_URI'\\s*value:\\s*storage\\.properties\\.primaryEndpoints\\.table\\s.*"),
                "SIDEDOOR_TABLE_URI must be the function storage account's table endpoint");
    }

    @Test
    void everyParameterHasADescription() {
        for (Bicep file : files.values()) {
            assertFalse(file.params.isEmpty(), file.name + " has no parameters?");
            for (Param p : file.params.values()) {
                assertTrue(p.decorators.contains("description("), file.name + ": param " + p.name + " has no @description");
            }
        }
    }

    @Test
    void everyParameterIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(README);
        for (String heading : List.of("# sidedoor on Azure", "## Deploy", "## Parameters", "## Permissions",
                "## Teams notifications", "## What arrives on Event Grid", "## Failure behaviour", "## Tuning")) {
            assertTrue(readme.matches("(?s)(.*\\n)?" + Pattern.quote(heading) + "\\s*\\n.*"), "README has no heading " + heading);
        }
        String section = section(readme, "## Parameters");
        List<String> missing = new ArrayList<>();
        for (Bicep file : files.values()) {
            for (String name : file.params.keySet()) {
                if (!section.contains("`" + name + "`")) {
                    missing.add(file.name + ":" + name);
                }
            }
        }
        assertTrue(missing.isEmpty(), "parameters missing from README ## Parameters: " + missing);
    }

    @Test
    void parameterExampleMatchesMainBicep() throws IOException {
        JsonNode json = new ObjectMapper().readTree(INFRA.resolve("main.parameters.example.json").toFile());
        assertTrue(json.path("$schema").asText().contains("deploymentParameters.json"), "deploymentParameters schema");
        JsonNode parameters = json.path("parameters");
        assertTrue(parameters.isObject() && parameters.size() > 0, "no parameters in the example");
        Set<String> named = new TreeSet<>();
        for (Iterator<String> it = parameters.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            named.add(name);
            assertTrue(main.params.containsKey(name), "example names parameter " + name + " that main.bicep does not declare");
            assertTrue(parameters.get(name).has("value"), "example parameter " + name + " has no value");
        }
        for (Param p : main.params.values()) {
            if (!p.hasDefault) {
                assertTrue(named.contains(p.name), "example lacks required parameter " + p.name);
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Parsing

    private record Resource(String symbol, String type, String apiVersion, boolean existing, String body) {}

    private record Param(String name, boolean hasDefault, String decorators, String declaration) {}

    private record Bicep(String name, String code, List<Resource> resources, Map<String, Param> params) {
        Set<String> types() {
            return resources.stream().filter(r -> !r.existing).map(Resource::type).collect(Collectors.toCollection(TreeSet::new));
        }

        List<Resource> ofType(String type) {
            return resources.stream().filter(r -> !r.existing && r.type.equals(type)).collect(Collectors.toList());
        }

        Resource single(String type) {
            List<Resource> found = ofType(type);
            assertEquals(1, found.size(), name + " should declare exactly one " + type);
            return found.get(0);
        }

        Resource bySymbol(String symbol) {
            return resources.stream().filter(r -> r.symbol.equals(symbol)).findFirst().orElse(null);
        }

        /** {@code var roleIds = { key: 'guid' ... }}: role definition IDs named in a variable object. */
        Map<String, String> roleIdVariables() {
            Map<String, String> vars = new TreeMap<>();
            Matcher decl = Pattern.compile("(?m)^var\\s+(\\w+)\\s*=\\s*\\{").matcher(code);
            while (decl.find()) {
                Matcher entry = Pattern.compile("(\\w+):\\s*'([0-9a-fA-F-]{36})'").matcher(block(code, decl.end() - 1));
                while (entry.find()) {
                    vars.put(decl.group(1) + "." + entry.group(1), entry.group(2).toLowerCase());
                }
            }
            return vars;
        }
    }

    private static final Pattern RESOURCE = Pattern.compile(
            "(?m)^resource\\s+(\\w+)\\s+'([^'@]+)@([^']+)'\\s+(existing\\s+)?=\\s*(?:if\\s*\\([^\\n]*\\)\\s*)?(\\{|\\[)");
    private static final Pattern PARAM = Pattern.compile("^param\\s+(\\w+)\\s+\\w+(\\s*=)?");

    private static Bicep parse(Path path) {
        String raw;
        try {
            raw = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String code = stripComments(raw);
        List<Resource> resources = new ArrayList<>();
        Matcher m = RESOURCE.matcher(code);
        while (m.find()) {
            if (m.group(5).equals("[")) {
                fail(path + ": resource loops are not understood by InfraTest: " + m.group(1));
            }
            resources.add(new Resource(m.group(1), m.group(2), m.group(3), m.group(4) != null, block(code, m.end() - 1)));
        }
        Set<String> symbols = new HashSet<>();
        for (Resource r : resources) {
            assertTrue(symbols.add(r.symbol), path + ": duplicate symbol " + r.symbol);
            // Nested child resources would have short types; InfraTest wants full ones (use parent: instead).
            assertTrue(r.type.matches("Microsoft\\.\\w+(/\\w+)+"), path + ": resource " + r.symbol + " has type " + r.type);
        }
        return new Bicep(path.getFileName().toString(), code, resources, params(path, code));
    }

    /** Parameters with the decorators written above them (decorators may span lines, e.g. {@code @allowed([...])}). */
    private static Map<String, Param> params(Path path, String code) {
        Map<String, Param> params = new LinkedHashMap<>();
        String[] lines = code.split("\n", -1);
        StringBuilder decorators = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (depth > 0) {
                decorators.append(line).append('\n');
                depth += balance(line);
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("@")) {
                decorators.append(line).append('\n');
                depth = balance(line);
                continue;
            }
            Matcher p = PARAM.matcher(line);
            if (p.find()) {
                String declaration = line;
                if (p.group(2) != null) {
                    // Multi-line default value: keep lines until brackets balance.
                    int open = balance(line);
                    StringBuilder sb = new StringBuilder(line);
                    while (open > 0 && i + 1 < lines.length) {
                        sb.append('\n').append(lines[++i]);
                        open += balance(lines[i]);
                    }
                    declaration = sb.toString();
                }
                assertFalse(params.containsKey(p.group(1)), path + ": duplicate param " + p.group(1));
                params.put(p.group(1), new Param(p.group(1), p.group(2) != null, decorators.toString(), declaration));
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                decorators.setLength(0);
            }
        }
        return params;
    }

    private static String roleOf(Resource assignment, Map<String, String> roleVars) {
        Matcher literal = Pattern.compile("roleDefinitionId:[^\\n]*'([0-9a-fA-F-]{36})'").matcher(assignment.body);
        if (literal.find()) {
            return literal.group(1).toLowerCase();
        }
        Matcher variable = Pattern.compile("roleDefinitionId:[^\\n]*?\\b(\\w+\\.\\w+)\\s*\\)").matcher(assignment.body);
        if (variable.find() && roleVars.containsKey(variable.group(1))) {
            return roleVars.get(variable.group(1));
        }
        fail(assignment.symbol + ": cannot tell which role it assigns");
        return null;
    }

    private static void assertProperty(Resource r, String property, String value) {
        Pattern p = Pattern.compile("(?m)^\\s*" + Pattern.quote(property) + ":\\s*" + Pattern.quote(value) + "\\s*$");
        assertTrue(p.matcher(r.body).find(), r.symbol + " should set " + property + ": " + value);
    }

    /** Single-quoted values in a Bicep fragment. */
    private static List<String> quoted(String fragment) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("'([^'\\\\]*)'").matcher(fragment);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    /** The text of a Markdown section: from its heading to the next heading of the same or a higher level. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "no section " + heading);
        Matcher next = Pattern.compile("\\n#{1," + (heading.indexOf(' ')) + "} ").matcher(markdown);
        int end = next.find(start + heading.length() + 1) ? next.start() : markdown.length();
        return markdown.substring(start, end);
    }

    /** Removes // and /* *&#47; comments, leaving strings alone. */
    private static String stripComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = skipString(s, i);
                out.append(s, i, end);
                i = end;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The text between the brace at {@code open} and its match, braces inside strings and interpolations skipped. */
    private static String block(String s, int open) {
        assertEquals('{', s.charAt(open), "not at a brace");
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                i = skipString(s, i);
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return s.substring(open + 1, i);
            }
            i++;
        }
        throw new AssertionError("unbalanced braces after offset " + open);
    }

    /** Index just past the Bicep string starting at {@code start}, including ${...} interpolations with nested strings. */
    private static int skipString(String s, int start) {
        if (s.startsWith("'''", start)) {
            int end = s.indexOf("'''", start + 3);
            return end < 0 ? s.length() : end + 3;
        }
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                return i + 1;
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                i = skipInterpolation(s, i + 2);
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int skipInterpolation(String s, int i) {
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                i = skipString(s, i);
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i + 1;
                }
                depth--;
            }
            i++;
        }
        return s.length();
    }

    /** Net count of opening minus closing brackets of a line, outside strings. */
    private static int balance(String line) {
        int n = 0;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                i = skipString(line, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                n++;
            } else if (c == ')' || c == ']' || c == '}') {
                n--;
            }
            i++;
        }
        return n;
    }
}
