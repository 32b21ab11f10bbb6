package dev.sidedoor.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic stream of Activity Log records as a subscription diagnostic setting streams them to Event Hubs
 * (the resource-log schema: upper-case {@code operationName} string, {@code category} Write/Delete/Action/Policy,
 * {@code identity} with {@code authorization} and {@code claims}), for a busy production tenant:
 * <ul>
 * <li>control-plane operations, most of them two records (Started, then Succeeded or Accepted) sharing a
 * {@code correlationId}: storage {@code listKeys} by services and pipelines (the most frequent), ARM deployments,
 * web apps, NSG rules, role assignments, key vaults, VM start/deallocate/write, AKS credentials, Event Hubs keys,
 * deletes, autoscale and resource health; writes often come with Azure Policy {@code audit}/{@code auditIfNotExists}
 * records (category Policy) under the same correlation id; about 2 % of operations fail;</li>
 * <li>about {@value #ACCESS_PER_MILLE} operations in 1000 reach into a VM: Run Command, a managed run command, a
 * CustomScript extension, the serial console, or the Azure Monitor agent extension that a deployIfNotExists policy
 * installs (benign, but the extension-write rule flags it). These give findings at medium or above.</li>
 * </ul>
 * Records are mostly 2.2 to 3.6 KB (median about 2.5 KB), like the real ones. Operations run on across batch
 * boundaries, as they do in Event Hubs.
 */
final class ActivityLogSamples {

    static final String TENANT = "0f3c6a9e-5b2d-4e81-a7f4-c19d8e2b6a57";
    static final int ACCESS_PER_MILLE = 6;
    private static final String PROD = "6b1f0c2e-93d4-4a7e-b5c8-2f7e1d9a4c30";
    private static final String DEV = "a3d9e4f1-27c6-4b58-9e0a-5c1d7f3b8e62";
    private static final String PORTAL = "c44b4083-3bb0-49c1-b47d-974e53cbdf3c";
    private static final String CLI = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> ROLE_IDS = Map.of(
            "Owner", "8e3af657a8ff443ca75c2fe8c4bcb635",
            "Contributor", "b24988ac618042a0ab8820f7382dd24c",
            "Virtual Machine Contributor", "9980e02c8c2f4ac2b93bf8c8ad52a1cd",
            "Website Contributor", "de139f84162748b09b8ca946e6c0fcf9",
            "Storage Account Key Operator Service Role", "81a9662bbebf436fa333f67b29880f12",
            "Network Contributor", "4d97b98b1d4f4787a291c67834d212e7",
            "Key Vault Contributor", "f25e0fa2a7c84377a9768a62a2c89b28",
            "Azure Kubernetes Service Cluster User Role", "4abbcc35e782443b9f6fd0da25b4bbd9");

    /** Who calls Azure Resource Manager: people, pipelines and managed identities. */
    private record Principal(String type, String name, String role, String ip, ObjectNode claims,
            String objectIdHex) {
    }

    /** A resource: subscription, resource group, the provider path after /providers/, and its location. */
    private record Resource(String subscription, String group, String path, String location) {
        String id() {
            return "/subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/" + path;
        }
    }

    private final Random random;
    private final Deque<String> pending = new ArrayDeque<>();
    private final Map<String, Integer> operations = new TreeMap<>();
    private long micros = Instant.parse("2026-11-18T08:00:00Z").toEpochMilli() * 1000;
    private int accessOperations;
    private int totalOperations;

    private final Principal tomas;
    private final Principal marek;
    private final Principal nadia;
    private final Principal priya;
    private final Principal ghActions;
    private final Principal terraform;
    private final Principal funcApp;
    private final Principal dataFactory;
    private final Principal logicApp;
    private final Principal startStop;
    private final Principal amaPolicy;
    private final List<Principal> people;

    private final List<Resource> storage = new ArrayList<>();
    private final List<Resource> sites = new ArrayList<>();
    private final List<Resource> vaults = new ArrayList<>();
    private final List<Resource> vms = new ArrayList<>();
    private final List<Resource> nsgs = new ArrayList<>();
    private final List<Resource> clusters = new ArrayList<>();
    private final List<Resource> hubs = new ArrayList<>();

    ActivityLogSamples(long seed) {
        random = new Random(seed);
        tomas = user("Tomas", "Lindqvist", "175.16.199.45", "Owner", CLI);
        marek = user("Marek", "Kowalski", "192.0.2.77", "Virtual Machine Contributor", PORTAL);
        nadia = user("Nadia", "Okafor", "198.51.100.61", "Contributor", PORTAL);
        priya = user("Priya", "Raman", "203.0.113.24", "Contributor", CLI);
        people = List.of(tomas, marek, nadia, priya);
        ghActions = servicePrincipal("gh-actions-deploy", "4.175.114.51", "Contributor", "1", null);
        terraform = servicePrincipal("terraform-platform", "20.61.15.202", "Owner", "1", null);
        funcApp = servicePrincipal("func-nw-ingest", "20.218.153.12", "Storage Account Key Operator Service Role",
                "2", "/subscriptions/" + PROD + "/resourcegroups/rg-prod-app/providers/Microsoft.Web/sites/"
                        + "func-nw-ingest");
        dataFactory = servicePrincipal("adf-nw-etl", "51.105.64.3", "Contributor", "2",
                "/subscriptions/" + PROD + "/resourcegroups/rg-prod-data/providers/Microsoft.DataFactory/factories/"
                        + "adf-nw-etl");
        logicApp = servicePrincipal("logic-nw-orders", "52.236.186.210", "Contributor", "2",
                "/subscriptions/" + PROD + "/resourcegroups/rg-prod-app/providers/Microsoft.Logic/workflows/"
                        + "logic-nw-orders");
        startStop = servicePrincipal("aa-startstop", "40.74.28.9", "Virtual Machine Contributor", "2",
                "/subscriptions/" + PROD + "/resourcegroups/rg-prod-ops/providers/Microsoft.Automation/"
                        + "automationAccounts/aa-startstop");
        amaPolicy = servicePrincipal("deploy-ama-linux", "20.218.153.12", "Contributor", "2",
                "/subscriptions/" + PROD + "/providers/Microsoft.Authorization/policyAssignments/deploy-ama-linux");
        for (String[] s : new String[][] {{PROD, "rg-prod-app", "stnwprodapp01"}, {PROD, "rg-prod-app",
            "stnwprodfunc01"}, {PROD, "rg-prod-data", "stnwproddata01"}, {PROD, "rg-prod-data", "stnwprodlake01"},
            {PROD, "rg-prod-ops", "stnwprodlogs02"}, {DEV, "rg-dev-app", "stnwdevapp01"}}) {
            storage.add(new Resource(s[0], s[1], "Microsoft.Storage/storageAccounts/" + s[2], "westeurope"));
        }
        for (String[] s : new String[][] {{PROD, "rg-prod-app", "app-nw-portal"}, {PROD, "rg-prod-app",
            "app-nw-api"}, {PROD, "rg-prod-app", "func-nw-ingest"}, {DEV, "rg-dev-app", "app-nw-portal-dev"}}) {
            sites.add(new Resource(s[0], s[1], "Microsoft.Web/sites/" + s[2], "westeurope"));
        }
        vaults.add(new Resource(PROD, "rg-prod-app", "Microsoft.KeyVault/vaults/kv-nw-prod-app", "westeurope"));
        vaults.add(new Resource(PROD, "rg-prod-data", "Microsoft.KeyVault/vaults/kv-nw-prod-data", "westeurope"));
        vaults.add(new Resource(DEV, "rg-dev-app", "Microsoft.KeyVault/vaults/kv-nw-dev", "westeurope"));
        for (int i = 1; i <= 6; i++) {
            vms.add(new Resource(PROD, "rg-prod-app", "Microsoft.Compute/virtualMachines/vm-prod-app-0" + i,
                    "westeurope"));
        }
        vms.add(new Resource(PROD, "rg-prod-ops", "Microsoft.Compute/virtualMachines/vm-prod-win-jump",
                "westeurope"));
        vms.add(new Resource(DEV, "rg-dev-app", "Microsoft.Compute/virtualMachines/vm-dev-build-01", "northeurope"));
        vms.add(new Resource(DEV, "rg-dev-app", "Microsoft.Compute/virtualMachines/vm-dev-build-02", "northeurope"));
        nsgs.add(new Resource(PROD, "rg-prod-network", "Microsoft.Network/networkSecurityGroups/nsg-prod-app",
                "westeurope"));
        nsgs.add(new Resource(PROD, "rg-prod-network", "Microsoft.Network/networkSecurityGroups/nsg-prod-data",
                "westeurope"));
        nsgs.add(new Resource(DEV, "rg-dev-app", "Microsoft.Network/networkSecurityGroups/nsg-dev-app",
                "northeurope"));
        hubs.add(new Resource(PROD, "rg-prod-data", "Microsoft.EventHub/namespaces/evhns-nw-orders/"
                + "authorizationRules/RootManageSharedAccessKey", "westeurope"));
        hubs.add(new Resource(PROD, "rg-prod-data", "Microsoft.EventHub/namespaces/evhns-nw-orders/"
                + "authorizationRules/orders-listen", "westeurope"));
        clusters.add(new Resource(PROD, "rg-prod-aks", "Microsoft.ContainerService/managedClusters/aks-prod-weu",
                "westeurope"));
        clusters.add(new Resource(DEV, "rg-dev-aks", "Microsoft.ContainerService/managedClusters/aks-dev-neu",
                "northeurope"));
    }

    /** The next {@code n} records of the stream, each a JSON object on one line. */
    List<String> next(int n) {
        List<String> out = new ArrayList<>(n);
        while (out.size() < n) {
            if (pending.isEmpty()) {
                operation();
            }
            out.add(pending.poll());
        }
        return out;
    }

    /** One Event Hubs event body per {@code perEvent} records: {"records":[...]}. */
    static String[] events(List<String> records, int perEvent) {
        String[] bodies = new String[(records.size() + perEvent - 1) / perEvent];
        for (int e = 0; e < bodies.length; e++) {
            bodies[e] = "{\"records\":[" + String.join(",",
                    records.subList(e * perEvent, Math.min(records.size(), (e + 1) * perEvent))) + "]}";
        }
        return bodies;
    }

    /** Operations generated so far, by operation name. */
    Map<String, Integer> operations() {
        return operations;
    }

    int accessOperations() {
        return accessOperations;
    }

    int totalOperations() {
        return totalOperations;
    }

    // ----------------------------------------------------------------------------------------------------------

    private void operation() {
        totalOperations++;
        micros += random.nextInt(60_000);
        if (random.nextInt(1000) < ACCESS_PER_MILLE) {
            accessOperations++;
            access();
            return;
        }
        int r = random.nextInt(1000);
        if (r < 250) {
            Principal p = pick(funcApp, funcApp, dataFactory, logicApp, ghActions);
            simple(p, pick(storage), "Microsoft.Storage/storageAccounts/listKeys/action", "Action", "OK", null, null);
        } else if (r < 320) {
            Principal p = pick(ghActions, ghActions, nadia, priya);
            simple(p, pick(sites), "Microsoft.Web/sites/config/list/action", "Action", "OK", null, null);
        } else if (r < 360) {
            Principal p = pick(ghActions, ghActions, nadia, priya);
            simple(p, pick(sites), "Microsoft.Web/sites/publishxml/action", "Action", "OK", null, null);
        } else if (r < 440) {
            deployment(pick(ghActions, ghActions, terraform, tomas));
        } else if (r < 500) {
            Principal p = pick(ghActions, terraform, nadia);
            Resource site = pick(sites);
            write(p, site, "Microsoft.Web/sites/write", siteBody(site), "OK", true);
        } else if (r < 530) {
            simple(pick(ghActions, nadia, priya), pick(sites), "Microsoft.Web/sites/restart/action", "Action", "OK",
                    null, null);
        } else if (r < 590) {
            nsgRule(pick(terraform, tomas, priya, ghActions));
        } else if (r < 615) {
            roleAssignment(pick(terraform, tomas));
        } else if (r < 640) {
            Resource kv = pick(vaults);
            write(pick(terraform, tomas), kv, "Microsoft.KeyVault/vaults/write", vaultBody(kv), "OK", true);
        } else if (r < 655) {
            Resource kv = pick(vaults);
            write(pick(terraform, tomas, priya), sub(kv, "accessPolicies/add"),
                    "Microsoft.KeyVault/vaults/accessPolicies/write", accessPolicyBody(), "OK", false);
        } else if (r < 700) {
            Resource vm = pick(vms);
            simple(pick(startStop, startStop, marek), vm, "Microsoft.Compute/virtualMachines/start/action", "Action",
                    "Accepted", null, null);
        } else if (r < 745) {
            Resource vm = pick(vms);
            simple(pick(startStop, startStop, marek), vm, "Microsoft.Compute/virtualMachines/deallocate/action",
                    "Action", "Accepted", null, null);
        } else if (r < 770) {
            Resource vm = pick(vms);
            write(pick(terraform, marek), vm, "Microsoft.Compute/virtualMachines/write", vmBody(vm), "OK", true);
        } else if (r < 810) {
            simple(pick(people), pick(clusters),
                    "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action", "Action", "OK", null,
                    null);
        } else if (r < 840) {
            Resource st = pick(storage);
            write(pick(ghActions, terraform), sub(st, "blobServices/default/containers/builds"),
                    "Microsoft.Storage/storageAccounts/blobServices/containers/write",
                    "{\"properties\":{\"publicAccess\":\"None\"}}", "OK", false);
        } else if (r < 870) {
            delete(pick(terraform, tomas, priya, ghActions));
        } else if (r < 900) {
            autoscale();
        } else if (r < 915) {
            resourceHealth();
        } else if (r < 930) {
            Resource vm = pick(vms);
            write(pick(terraform, tomas), new Resource(vm.subscription(), vm.group(),
                    "Microsoft.Insights/diagnosticSettings/to-sidedoor-hub", "global"),
                    "Microsoft.Insights/diagnosticSettings/write", null, "OK", false);
        } else if (r < 970) {
            Resource st = pick(storage);
            write(pick(terraform, ghActions), st, "Microsoft.Storage/storageAccounts/write", storageBody(st), "OK",
                    true);
        } else {
            simple(pick(dataFactory, logicApp, logicApp), pick(hubs),
                    "Microsoft.EventHub/namespaces/authorizationRules/listKeys/action", "Action", "OK", null, null);
        }
    }

    /** Run Command, a managed run command, CustomScript, the serial console, or a policy-installed agent. */
    private void access() {
        int r = random.nextInt(100);
        Resource vm = pick(vms);
        if (r < 30) {
            Principal p = pick(marek, tomas);
            String body = "{\"commandId\":\"" + pick("RunShellScript", "RunPowerShellScript", "IPConfig")
                    + "\",\"script\":[\"hostname\",\"whoami\"]}";
            threeStep(p, vm, "Microsoft.Compute/virtualMachines/runCommand/action", "Action", body);
        } else if (r < 40) {
            threeStep(pick(marek, tomas), sub(vm, "runCommands/diag-" + random.nextInt(100)),
                    "Microsoft.Compute/virtualMachines/runCommands/write", "Write",
                    "{\"location\":\"" + vm.location() + "\",\"properties\":{\"source\":{\"script\":\"Get-Process\"},"
                            + "\"asyncExecution\":false,\"timeoutInSeconds\":600}}");
        } else if (r < 60) {
            threeStep(pick(marek, tomas), sub(vm, "extensions/CustomScript"),
                    "Microsoft.Compute/virtualMachines/extensions/write", "Write",
                    "{\"location\":\"" + vm.location() + "\",\"properties\":{\"publisher\":\"Microsoft.Azure."
                            + "Extensions\",\"type\":\"CustomScript\",\"typeHandlerVersion\":\"2.1\","
                            + "\"autoUpgradeMinorVersion\":true,\"settings\":{\"fileUris\":[]}}}");
        } else if (r < 75) {
            Principal p = pick(marek, tomas);
            Resource port = new Resource(vm.subscription(), vm.group(), vm.path()
                    + "/providers/Microsoft.SerialConsole/serialPorts/0", vm.location());
            String cid = guid();
            add(record(p, port, "Microsoft.SerialConsole/serialPorts/connect/action", "Action", cid, "Success",
                    "Succeeded.OK", 0, "Information", props(port, "Microsoft.SerialConsole/serialPorts/connect/action",
                            "OK", null, null)));
            count("Microsoft.SerialConsole/serialPorts/connect/action");
        } else {
            threeStep(amaPolicy, sub(vm, "extensions/AzureMonitorLinuxAgent"),
                    "Microsoft.Compute/virtualMachines/extensions/write", "Write",
                    "{\"location\":\"" + vm.location() + "\",\"properties\":{\"publisher\":\"Microsoft.Azure.Monitor\","
                            + "\"type\":\"AzureMonitorLinuxAgent\",\"typeHandlerVersion\":\"1.33\","
                            + "\"autoUpgradeMinorVersion\":true,\"enableAutomaticUpgrade\":true}}");
        }
    }

    /** Started, Accepted, Succeeded: the long-running operations that reach into a VM. */
    private void threeStep(Principal p, Resource res, String op, String category, String requestBody) {
        count(op);
        String cid = guid();
        add(record(p, res, op, category, cid, "Start", "Started.", 0, "Information",
                props(res, op, null, requestBody, null)));
        micros += 300_000 + random.nextInt(400_000);
        add(record(p, res, op, category, cid, "Accept", "Accepted.Accepted", 0, "Information",
                props(res, op, "Accepted", null, null)));
        micros += 5_000_000 + random.nextInt(60_000_000);
        add(record(p, res, op, category, cid, "Success", "Succeeded.OK", 20_000 + random.nextInt(60_000),
                "Information", props(res, op, "OK", null, null)));
    }

    /** An action or read: Started, then Succeeded (or, rarely, Failed). */
    private void simple(Principal p, Resource res, String op, String category, String status, String requestBody,
            String responseBody) {
        count(op);
        String cid = guid();
        add(record(p, res, op, category, cid, "Start", "Started.", 0, "Information",
                props(res, op, null, requestBody, null)));
        micros += 5_000 + random.nextInt(200_000);
        finish(p, res, op, category, cid, status, responseBody);
    }

    /** A PUT: Started with its request body, then Succeeded (often with the response), often audited by policy. */
    private void write(Principal p, Resource res, String op, String requestBody, String status, boolean audited) {
        count(op);
        String cid = guid();
        add(record(p, res, op, "Write", cid, "Start", "Started.", 0, "Information",
                props(res, op, null, requestBody, null)));
        micros += 50_000 + random.nextInt(2_000_000);
        if (audited && random.nextInt(10) < 7) {
            policy(p, res, cid, "audit");
            if (random.nextBoolean()) {
                policy(p, res, cid, "auditIfNotExists");
            }
        }
        String response = requestBody != null && random.nextInt(3) > 0
                ? requestBody.replaceFirst("\\{", "{\"id\":\"" + res.id() + "\",\"etag\":\"W/\\\\\"" + guid()
                        + "\\\\\"\",") : null;
        finish(p, res, op, "Write", cid, status, response);
    }

    private void finish(Principal p, Resource res, String op, String category, String cid, String status,
            String responseBody) {
        if (random.nextInt(50) == 0) {
            String[] failure = pick(new String[] {"Forbidden", "AuthorizationFailed",
                "The client does not have authorization to perform action over scope or the scope is invalid."},
                new String[] {"Conflict", "Conflict", "Operation cannot be executed because another operation is "
                    + "in progress on the resource."},
                new String[] {"BadRequest", "InvalidParameter", "The value of parameter is invalid."});
            ObjectNode props = props(res, op, failure[0], null, null);
            props.put("statusMessage", "{\"error\":{\"code\":\"" + failure[1] + "\",\"message\":\"" + failure[2]
                    + "\"}}");
            add(record(p, res, op, category, cid, "Failure", "Failed." + failure[0], 10 + random.nextInt(900),
                    "Error", props));
            return;
        }
        boolean accepted = "Accepted".equals(status);
        add(record(p, res, op, category, cid, accepted ? "Accept" : "Success",
                accepted ? "Accepted.Accepted" : "Succeeded." + (random.nextInt(4) == 0 ? "Created" : status),
                accepted ? 0 : 10 + random.nextInt(3000), "Information", props(res, op, accepted ? "Accepted"
                        : status, null, responseBody)));
    }

    private void deployment(Principal p) {
        Resource target = pick(pick(sites), pick(storage), pick(vaults), pick(nsgs));
        String name = pick("main", "app", "infra", "network") + "-" + (20261118 * 1000 + random.nextInt(1000));
        Resource dep = new Resource(target.subscription(), target.group(), "Microsoft.Resources/deployments/"
                + name, "global");
        String op = "Microsoft.Resources/deployments/write";
        count(op);
        String cid = guid();
        add(record(p, dep, op, "Write", cid, "Start", "Started.", 0, "Information", props(dep, op, null, null,
                null)));
        micros += 500_000 + random.nextInt(2_000_000);
        add(record(p, dep, op, "Write", cid, "Accept", "Accepted.Created", 0, "Information",
                props(dep, op, "Created", null, null)));
        if (random.nextBoolean()) {
            micros += 10_000_000 + random.nextInt(60_000_000);
            add(record(p, dep, op, "Write", cid, "Success", "Succeeded.OK", 30_000 + random.nextInt(200_000),
                    "Information", props(dep, op, "OK", null, null)));
        }
    }

    private void nsgRule(Principal p) {
        Resource nsg = pick(nsgs);
        String name = pick("allow-lb-health", "allow-https-in", "deny-all-in", "allow-bastion-ssh", "allow-agw");
        int priority = 100 + 10 * random.nextInt(40);
        String body = "{\"properties\":{\"protocol\":\"Tcp\",\"sourcePortRange\":\"*\",\"destinationPortRange\":\""
                + pick("443", "80", "22", "3389", "8080") + "\",\"sourceAddressPrefix\":\"" + pick("AzureLoadBalancer",
                "10.20.0.0/16", "VirtualNetwork", "GatewayManager") + "\",\"destinationAddressPrefix\":\"*\","
                + "\"access\":\"Allow\",\"priority\":" + priority + ",\"direction\":\"Inbound\"}}";
        write(p, sub(nsg, "securityRules/" + name), "Microsoft.Network/networkSecurityGroups/securityRules/write",
                body, "OK", true);
    }

    private void roleAssignment(Principal p) {
        Resource scope = pick(pick(storage), pick(vaults), pick(sites));
        Resource ra = new Resource(scope.subscription(), scope.group(), scope.path()
                + "/providers/Microsoft.Authorization/roleAssignments/" + guid(), "global");
        String role = pick(ROLE_IDS.values().toArray(String[]::new));
        String body = "{\"Id\":\"" + guid() + "\",\"Properties\":{\"PrincipalId\":\"" + guid() + "\","
                + "\"PrincipalType\":\"" + pick("ServicePrincipal", "Group", "User") + "\",\"RoleDefinitionId\":"
                + "\"/subscriptions/" + scope.subscription() + "/providers/Microsoft.Authorization/roleDefinitions/"
                + role + "\",\"Scope\":\"" + scope.id() + "\",\"Condition\":null,\"ConditionVersion\":null}}";
        write(p, ra, "Microsoft.Authorization/roleAssignments/write", body, "Created", false);
    }

    private void delete(Principal p) {
        int k = random.nextInt(3);
        Resource res;
        String op;
        if (k == 0) {
            res = sub(pick(nsgs), "securityRules/tmp-allow-" + random.nextInt(100));
            op = "Microsoft.Network/networkSecurityGroups/securityRules/delete";
        } else if (k == 1) {
            res = sub(pick(storage), "blobServices/default/containers/build-" + random.nextInt(1000));
            op = "Microsoft.Storage/storageAccounts/blobServices/containers/delete";
        } else {
            res = sub(pick(sites), "slots/staging");
            op = "Microsoft.Web/sites/slots/delete";
        }
        count(op);
        String cid = guid();
        add(record(p, res, op, "Delete", cid, "Start", "Started.", 0, "Information", props(res, op, null, null,
                null)));
        micros += 100_000 + random.nextInt(3_000_000);
        add(record(p, res, op, "Delete", cid, random.nextBoolean() ? "Accept" : "Success",
                random.nextBoolean() ? "Accepted.Accepted" : "Succeeded.OK", 100 + random.nextInt(5000),
                "Information", props(res, op, "OK", null, null)));
    }

    private void policy(Principal p, Resource res, String cid, String effect) {
        String op = "Microsoft.Authorization/policies/" + effect + "/action";
        count(op);
        ObjectNode props = JSON.createObjectNode();
        props.put("isComplianceCheck", "False");
        props.put("resourceLocation", res.location());
        props.put("ancestors", "mg-northwind-prod,mg-northwind," + TENANT);
        String definition = "audit".equals(effect) ? "0961003e-5a0a-4549-abde-af6a37f2724d"
                : "a4fe33eb-e377-4efb-ab31-0784311bc499";
        props.put("policies", "[{\"policyDefinitionId\":\"/providers/Microsoft.Authorization/policyDefinitions/"
                + definition + "\",\"policySetDefinitionId\":\"/providers/Microsoft.Authorization/"
                + "policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8\",\"policyDefinitionReferenceId\":\""
                + effect.toLowerCase(Locale.ROOT) + "-monitoring-" + definition.substring(0, 8) + "\","
                + "\"policySetDefinitionName\":\"1f3afdf9-d0c9-4c3d-847f-89da613e70a8\",\"policyDefinitionName\":\""
                + definition + "\",\"policyDefinitionEffect\":\"" + effect + "\",\"policyAssignmentId\":\"/providers/"
                + "Microsoft.Management/managementGroups/mg-northwind-prod/providers/Microsoft.Authorization/"
                + "policyAssignments/SecurityCenterBuiltIn\",\"policyAssignmentName\":\"SecurityCenterBuiltIn\","
                + "\"policyAssignmentScope\":\"/providers/Microsoft.Management/managementGroups/mg-northwind-prod\","
                + "\"policyExemptionIds\":[]}]");
        props.put("eventCategory", "Policy");
        props.put("entity", res.id());
        props.put("message", op);
        props.put("hierarchy", TENANT + "/mg-northwind/mg-northwind-prod/" + res.subscription());
        add(record(p, res, op, "Policy", cid, "Success", "Succeeded", 0, "Warning", props));
    }

    private void autoscale() {
        Resource plan = new Resource(PROD, "rg-prod-app", "microsoft.insights/autoscalesettings/asp-nw-prod-autoscale",
                "westeurope");
        boolean up = random.nextBoolean();
        String op = "Microsoft.Insights/AutoscaleSettings/" + (up ? "Scaleup" : "Scaledown") + "/Action";
        count(op);
        String cid = guid();
        int from = 2 + random.nextInt(4);
        for (String[] step : new String[][] {{"Start", "Started."}, {"Success", "Succeeded"}}) {
            ObjectNode props = JSON.createObjectNode();
            props.put("Description", "The autoscale engine attempting to scale resource '/subscriptions/" + PROD
                    + "/resourceGroups/rg-prod-app/providers/Microsoft.Web/serverFarms/asp-nw-prod' from " + from
                    + " instances count to " + (up ? from + 1 : from - 1) + " instances count.");
            props.put("ResourceName", "/subscriptions/" + PROD + "/resourceGroups/rg-prod-app/providers/"
                    + "Microsoft.Web/serverFarms/asp-nw-prod");
            props.put("OldInstancesCount", String.valueOf(from));
            props.put("NewInstancesCount", String.valueOf(up ? from + 1 : from - 1));
            props.put("ActiveAutoscaleProfile", "{\"Name\":\"Auto created default scale condition\","
                    + "\"Capacity\":{\"Minimum\":\"2\",\"Maximum\":\"8\",\"Default\":\"2\"},"
                    + "\"Rules\":[{\"MetricTrigger\":{\"Name\":\"CpuPercentage\","
                    + "\"Namespace\":\"microsoft.web/serverfarms\",\"Resource\":\"/subscriptions/"
                    + PROD + "/resourceGroups/rg-prod-app/providers/Microsoft.Web/serverFarms/asp-nw-prod\","
                    + "\"ResourceLocation\":\"West Europe\",\"TimeGrain\":\"PT1M\",\"Statistic\":\"Average\","
                    + "\"TimeWindow\":\"PT10M\",\"TimeAggregation\":\"Average\",\"Operator\":\"GreaterThan\","
                    + "\"Threshold\":70.0},\"ScaleAction\":{\"Direction\":\"Increase\",\"Type\":\"ChangeCount\","
                    + "\"Value\":\"1\",\"Cooldown\":\"PT5M\"}}]}");
            props.put("LastScaleActionTime", TIME.format(Instant.ofEpochSecond(0, micros * 1000)));
            props.put("eventCategory", "Autoscale");
            props.put("entity", plan.id());
            props.put("message", op);
            props.put("hierarchy", TENANT + "/" + PROD);
            ObjectNode r = base(plan, op, "Autoscale", cid, step[0], step[1], 0, "Information");
            r.put("callerIpAddress", "");
            ObjectNode identity = r.putObject("identity");
            ObjectNode claims = identity.putObject("claims");
            claims.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/spn",
                    "Microsoft.Insights/autoscaleSettings");
            claims.put("http://schemas.microsoft.com/identity/claims/tenantid", TENANT);
            r.set("properties", props);
            add(write(reorder(r)));
            micros += 1_000_000;
        }
    }

    private void resourceHealth() {
        Resource vm = pick(vms);
        String op = "Microsoft.Resourcehealth/healthevent/" + pick("Activated", "Resolved", "Updated") + "/action";
        count(op);
        ObjectNode props = JSON.createObjectNode();
        props.put("title", "Virtual machine is unavailable");
        props.put("details", "We're sorry, your virtual machine isn't available because an unexpected event has "
                + "occurred. The Azure platform is recovering your virtual machine automatically.");
        props.put("currentHealthStatus", pick("Unavailable", "Available", "Degraded"));
        props.put("previousHealthStatus", pick("Available", "Unknown"));
        props.put("type", "Downtime");
        props.put("cause", pick("PlatformInitiated", "UserInitiated"));
        props.put("eventCategory", "ResourceHealth");
        props.put("entity", vm.id());
        props.put("message", op);
        props.put("hierarchy", TENANT + "/" + vm.subscription());
        ObjectNode r = base(vm, op, "ResourceHealth", guid(), "Active", "", 0, "Information");
        r.putObject("identity");
        r.set("properties", props);
        add(write(reorder(r)));
    }

    // ----------------------------------------------------------------------------------------------------------

    private String record(Principal p, Resource res, String op, String category, String cid, String resultType,
            String resultSignature, int durationMs, String level, ObjectNode props) {
        ObjectNode r = base(res, op, category, cid, resultType, resultSignature, durationMs, level);
        r.put("callerIpAddress", p.ip());
        r.set("identity", identity(p, res, op));
        r.set("properties", props);
        return write(reorder(r));
    }

    /** The field order Azure Monitor writes. */
    private static ObjectNode reorder(ObjectNode r) {
        ObjectNode out = JSON.createObjectNode();
        for (String k : new String[] {"time", "resourceId", "operationName", "operationVersion", "category",
            "resultType", "resultSignature", "durationMs", "callerIpAddress", "correlationId", "identity", "level",
            "location", "properties"}) {
            if (r.has(k)) {
                out.set(k, r.get(k));
            }
        }
        return out;
    }

    private ObjectNode base(Resource res, String op, String category, String cid, String resultType,
            String resultSignature, int durationMs, String level) {
        ObjectNode r = JSON.createObjectNode();
        r.put("time", TIME.format(Instant.ofEpochSecond(0, micros * 1000 + random.nextInt(10) * 100)));
        r.put("resourceId", res.id().toUpperCase(Locale.ROOT));
        r.put("operationName", op.toUpperCase(Locale.ROOT));
        r.put("operationVersion", pick("2024-07-01", "2023-09-01", "2022-03-01", "2023-01-01"));
        r.put("category", category);
        r.put("resultType", resultType);
        r.put("resultSignature", resultSignature);
        r.put("durationMs", durationMs);
        r.put("correlationId", cid);
        r.put("level", level);
        r.put("location", "global");
        return r;
    }

    private ObjectNode identity(Principal p, Resource res, String op) {
        ObjectNode identity = JSON.createObjectNode();
        ObjectNode auth = identity.putObject("authorization");
        auth.put("scope", res.id());
        auth.put("action", op);
        ObjectNode evidence = auth.putObject("evidence");
        evidence.put("role", p.role());
        evidence.put("roleAssignmentScope", "/subscriptions/" + res.subscription()
                + (p.role().equals("Owner") ? "" : "/resourceGroups/" + res.group()));
        evidence.put("roleAssignmentId", hex(32));
        evidence.put("roleDefinitionId", ROLE_IDS.getOrDefault(p.role(), "b24988ac618042a0ab8820f7382dd24c"));
        evidence.put("principalId", p.objectIdHex());
        evidence.put("principalType", p.type());
        identity.set("claims", p.claims());
        return identity;
    }

    private ObjectNode props(Resource res, String op, String statusCode, String requestBody, String responseBody) {
        ObjectNode props = JSON.createObjectNode();
        if (requestBody != null) {
            props.put("requestbody", requestBody);
        }
        if (statusCode != null) {
            props.put("statusCode", statusCode);
            props.put("serviceRequestId", guid());
        }
        if (responseBody != null) {
            props.put("responseBody", responseBody);
        }
        props.put("eventCategory", "Administrative");
        props.put("entity", res.id());
        props.put("message", op);
        props.put("hierarchy", TENANT + "/mg-northwind/mg-northwind-" + (res.subscription().equals(PROD) ? "prod"
                : "dev") + "/" + res.subscription());
        return props;
    }

    private Principal user(String given, String surname, String ip, String role, String appId) {
        String upn = given.toLowerCase(Locale.ROOT) + "." + surname.toLowerCase(Locale.ROOT)
                + "@northwindlabs.onmicrosoft.com";
        String oid = guid();
        ObjectNode c = JSON.createObjectNode();
        long iat = 1795422845L + random.nextInt(3600);
        c.put("aud", "https://management.core.windows.net/");
        c.put("iss", "https://sts.windows.net/" + TENANT + "/");
        c.put("iat", String.valueOf(iat));
        c.put("nbf", String.valueOf(iat));
        c.put("exp", String.valueOf(iat + 4476));
        c.put("http://schemas.microsoft.com/claims/authnclassreference", "1");
        c.put("aio", "AVQAq/8YAAAA" + token(56) + "=");
        c.put("http://schemas.microsoft.com/claims/authnmethodsreferences", "pwd,mfa");
        c.put("appid", appId);
        c.put("appidacr", "0");
        c.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", surname);
        c.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", given);
        c.put("ipaddr", ip);
        c.put("name", given + " " + surname);
        c.put("http://schemas.microsoft.com/identity/claims/objectidentifier", oid);
        c.put("puid", hex(16).toUpperCase(Locale.ROOT));
        c.put("rh", "1.AXQA" + token(40) + ".");
        c.put("http://schemas.microsoft.com/identity/claims/scope", "user_impersonation");
        c.put("sid", guid());
        c.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", token(43));
        c.put("http://schemas.microsoft.com/identity/claims/tenantid", TENANT);
        c.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", upn);
        c.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", upn);
        c.put("uti", token(22));
        c.put("ver", "1.0");
        c.put("xms_tcdt", "1612391847");
        return new Principal("User", given + " " + surname, role, ip, c, oid.replace("-", ""));
    }

    private Principal servicePrincipal(String name, String ip, String role, String appidacr, String mirid) {
        String oid = guid();
        ObjectNode c = JSON.createObjectNode();
        long iat = 1795419012L + random.nextInt(3600);
        c.put("aud", "https://management.core.windows.net/");
        c.put("iss", "https://sts.windows.net/" + TENANT + "/");
        c.put("iat", String.valueOf(iat));
        c.put("nbf", String.valueOf(iat));
        c.put("exp", String.valueOf(iat + 86700));
        c.put("aio", token(40));
        c.put("appid", guid());
        c.put("appidacr", appidacr);
        c.put("http://schemas.microsoft.com/identity/claims/identityprovider", "https://sts.windows.net/" + TENANT
                + "/");
        c.put("http://schemas.microsoft.com/identity/claims/objectidentifier", oid);
        c.put("http://schemas.microsoft.com/identity/claims/tenantid", TENANT);
        c.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", oid);
        c.put("idtyp", "app");
        c.put("rh", "1.AXQA" + token(40) + ".");
        c.put("uti", token(22));
        c.put("ver", "1.0");
        if (mirid != null) {
            c.put("xms_mirid", mirid);
        }
        return new Principal("ServicePrincipal", name, role, ip, c, oid.replace("-", ""));
    }

    private String siteBody(Resource site) {
        return "{\"location\":\"" + site.location() + "\",\"kind\":\"app,linux\",\"properties\":{\"serverFarmId\":"
                + "\"/subscriptions/" + site.subscription() + "/resourceGroups/" + site.group() + "/providers/"
                + "Microsoft.Web/serverfarms/asp-nw-prod\",\"httpsOnly\":true,\"siteConfig\":{\"linuxFxVersion\":"
                + "\"JAVA|17-java17\",\"alwaysOn\":true,\"ftpsState\":\"Disabled\",\"minTlsVersion\":\"1.2\"}},"
                + "\"identity\":{\"type\":\"SystemAssigned\"},\"tags\":{\"env\":\"prod\",\"owner\":\"platform\"}}";
    }

    private String vaultBody(Resource kv) {
        return "{\"location\":\"" + kv.location() + "\",\"properties\":{\"tenantId\":\"" + TENANT + "\",\"sku\":"
                + "{\"family\":\"A\",\"name\":\"standard\"},\"enableRbacAuthorization\":true,\"enableSoftDelete\":true,"
                + "\"softDeleteRetentionInDays\":90,\"enablePurgeProtection\":true,"
                + "\"publicNetworkAccess\":\"Disabled\"},"
                + "\"tags\":{\"env\":\"prod\"}}";
    }

    private String accessPolicyBody() {
        return "{\"properties\":{\"accessPolicies\":[{\"tenantId\":\"" + TENANT + "\",\"objectId\":\"" + guid()
                + "\",\"permissions\":{\"secrets\":[\"get\",\"list\"],\"keys\":[],\"certificates\":[]}}]}}";
    }

    private String vmBody(Resource vm) {
        return "{\"location\":\"" + vm.location() + "\",\"properties\":{\"hardwareProfile\":{\"vmSize\":"
                + "\"Standard_D4s_v5\"},\"diagnosticsProfile\":{\"bootDiagnostics\":{\"enabled\":true}}},"
                + "\"tags\":{\"env\":\"prod\",\"patch-group\":\"b\"}}";
    }

    private String storageBody(Resource st) {
        return "{\"location\":\"" + st.location() + "\",\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_ZRS\"},"
                + "\"properties\":{\"minimumTlsVersion\":\"TLS1_2\",\"allowBlobPublicAccess\":false,"
                + "\"allowSharedKeyAccess\":true,\"supportsHttpsTrafficOnly\":true}}";
    }

    private static Resource sub(Resource r, String child) {
        return new Resource(r.subscription(), r.group(), r.path() + "/" + child, r.location());
    }

    private void add(String record) {
        pending.add(record);
    }

    private void count(String op) {
        operations.merge(op, 1, Integer::sum);
    }

    private static String write(ObjectNode r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private String guid() {
        String h = hex(32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-"
                + "89ab".charAt(random.nextInt(4)) + h.substring(17, 20) + "-" + h.substring(20);
    }

    private String hex(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return b.toString();
    }

    private String token(int n) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
