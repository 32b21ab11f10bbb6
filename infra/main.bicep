// sidedoor on Azure: Activity Log -> Event Hub -> Function (Flex Consumption, Java 21) -> Event Grid topic.
//
//   subscription diagnostic setting ──SAS rule "Send" only──> Event Hub ──Entra ID──> Function App
//                                                                                  │          │
//                                         Event Grid topic (CloudEvents 1.0) <─────┘          └──> dead-letter container
//                                         Entra ID only, no keys                                    (app's own storage)
//
// Deploy:  az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.example.json
// Every parameter is documented in azure-function/README.md (## Parameters); InfraTest keeps the two in step.
// Everything the function itself uses is reached with the app's system-assigned identity: no key, connection
// string or SAS token is read, output or stored by this template (there is no listKeys() call in it).

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------------

@description('Azure region for every resource. Defaults to the resource group region.')
param location string = resourceGroup().location

@description('Short prefix for resource names: lowercase letters, digits and hyphens, starting with a letter (Bicep cannot check the characters; Event Hubs and Storage names fail at deploy time otherwise).')
@minLength(3)
@maxLength(12)
param namePrefix string = 'sidedoor'

@description('Name of the Function App (globally unique: it becomes <name>.azurewebsites.net).')
@minLength(2)
@maxLength(60)
param functionAppName string = '${namePrefix}-func-${uniqueString(resourceGroup().id)}'

@description('Flex Consumption: the most instances the app may scale out to. The Event Hubs trigger uses at most one instance per partition, so values above eventHubPartitionCount only matter for bursts. The API takes 1 to 1000, but some regions refuse values under 40.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption: memory per instance in MB (512, 2048 or 4096). 2048 suits a JVM with the rule set loaded.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Name of the event hub that receives the Activity Log.')
@minLength(1)
@maxLength(256)
param eventHubName string = 'sidedoor-activity-log'

@description('Partitions of the event hub (fixed after creation on the Standard tier). Caps the parallelism of the function.')
@minValue(1)
@maxValue(32)
param eventHubPartitionCount int = 4

@description('Days the event hub keeps records (1 to 7 on the Standard tier): how long the function may be down without losing Activity Log records.')
@minValue(1)
@maxValue(7)
param eventHubRetentionDays int = 7

@description('Throughput units of the Event Hubs namespace (1 unit = 1 MB/s or 1000 events/s in).')
@minValue(1)
@maxValue(20)
param eventHubThroughputUnits int = 1

@description('Consumer group of the event hub dedicated to the function; other readers (a SIEM) must use their own group.')
@minLength(1)
@maxLength(50)
param consumerGroupName string = 'sidedoor'

@description('Blob container, in the function storage account, for findings and records that could not be published or parsed.')
@minLength(3)
@maxLength(63)
param deadLetterContainerName string = 'sidedoor-deadletter'

@description('Days after which dead-letter blobs are deleted by a lifecycle rule (they hold caller names and IP addresses). 0 keeps them forever.')
@minValue(0)
@maxValue(3650)
param deadLetterRetentionDays int = 30

@description('Retention in days of the Log Analytics workspace behind Application Insights.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Lowest finding severity published to Event Grid (app setting SIDEDOOR_MIN_SEVERITY).')
@allowed([
  'informational'
  'low'
  'medium'
  'high'
  'critical'
])
param minSeverity string = 'medium'

@description('Format of the data of each published CloudEvent: sidedoor JSON or OCSF Detection Finding (app setting SIDEDOOR_FORMAT).')
@allowed([
  'sidedoor'
  'ocsf'
])
param findingFormat string = 'sidedoor'

@description('Command and script text in findings: redacted replaces passwords, keys, tokens and connection strings with a SHA-256 prefix; full publishes it as logged (app setting SIDEDOOR_COMMAND_TEXT).')
@allowed([
  'redacted'
  'full'
])
param commandText string = 'redacted'

@description('Attempts to publish a batch of findings to Event Grid before they go to the dead-letter container (app setting SIDEDOOR_PUBLISH_MAX_ATTEMPTS).')
@minValue(1)
@maxValue(10)
param publishMaxAttempts int = 5

@description('Optional directory of extra Sigma rules inside the deployed package (app setting SIDEDOOR_RULES_DIR). Empty: built-in rules only.')
param rulesDir string = ''

@description('Optional path of the reviewed tuning file inside the deployed package (app setting SIDEDOOR_TUNING_FILE). Empty: no tuning.')
param tuningFile string = ''

@description('Also create the Activity Log diagnostic setting of the current subscription (activity-log.bicep, deployed at subscription scope). Needs permission to write diagnostic settings on the subscription.')
param deployActivityLogSetting bool = false

@description('Activity Log categories streamed when deployActivityLogSetting is true. Run Command, VM extensions and serial console connections are Administrative records.')
@allowed([
  'Administrative'
  'Security'
  'ServiceHealth'
  'Alert'
  'Recommendation'
  'Policy'
  'Autoscale'
  'ResourceHealth'
])
param activityLogCategories array = [
  'Administrative'
  'Security'
]

@description('Name of the subscription diagnostic setting created when deployActivityLogSetting is true.')
param activityLogSettingName string = 'sidedoor-activity-log'

@description('E-mail addresses notified by the alert rules, through an action group this template creates. Empty: no action group is created.')
param alertEmailAddresses array = []

@description('Resource ID of an existing action group the alert rules also notify (an on-call rota, a ticketing webhook). Empty: none.')
param alertActionGroupId string = ''

@description('Close the public endpoints of the storage account, the Event Hubs namespace and the Event Grid topic; trusted Azure services keep their way in (Azure Monitor to the hub, Event Grid dead-lettering to storage). Off by default: when on, the function needs functionSubnetId and private endpoints with private DNS for blob, table, Event Hubs and Event Grid, which this template does not create (azure-function/README.md, "Private networking").')
param restrictPublicNetworkAccess bool = false

@description('Resource ID of a subnet delegated to Microsoft.App/environments, for the Flex Consumption virtual network integration. Empty: no integration. Needed when restrictPublicNetworkAccess is true.')
param functionSubnetId string = ''

@description('Tags applied to every resource.')
param tags object = {}

// ---------------------------------------------------------------------------------------------------------------
// Names and constants
// ---------------------------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id)
var storageAccountName = take(toLower('st${replace(namePrefix, '-', '')}${suffix}'), 24)
var deploymentContainerName = 'sidedoor-package'
var deliveryDeadLetterContainerName = 'sidedoor-delivery-deadletter'
// Table names: letters and digits only.
var baselineTableName = 'sidedoorbaseline'
var ledgerTableName = 'sidedoorledger'

// Built-in role definition IDs, as listed on "Azure built-in roles" (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roleIds = {
  eventHubsDataReceiver: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde' // Azure Event Hubs Data Receiver
  eventGridDataSender: 'd5a91429-5739-47e2-a06b-3470a27159e7' // EventGrid Data Sender
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb' // Monitoring Metrics Publisher
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
}

// ---------------------------------------------------------------------------------------------------------------
// Storage: Functions host storage, Flex deployment package, dead letters. Entra ID only (no shared key).
// ---------------------------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Restricted means the firewall, not publicNetworkAccess 'Disabled': 'Disabled' would also refuse the trusted
    // Azure services that bypass the firewall, and Event Grid dead-letters here with its managed identity through
    // that bypass (teams.bicep). No IP or virtual network rules: the function comes in through private endpoints.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: restrictPublicNetworkAccess ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
      ipRules: []
      virtualNetworkRules: []
    }
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Flex Consumption keeps the deployed package here (functionAppConfig.deployment.storage).
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The Functions host's own containers. The host would create them on first start; they are declared here so that
// its blob role can be granted on them one by one instead of on the whole account. The names are fixed by the host
// (azure-webjobs-hosts: host id, singleton and listener locks; azure-webjobs-secrets: host and function keys) and by
// the Event Hubs extension 5.x (azure-webjobs-eventhub: partition ownership and checkpoints, also read by the Flex
// Consumption scaler to measure the backlog).
resource hostContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'azure-webjobs-hosts'
  properties: {
    publicAccess: 'None'
  }
}

resource secretsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'azure-webjobs-secrets'
  properties: {
    publicAccess: 'None'
  }
}

resource checkpointContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'azure-webjobs-eventhub'
  properties: {
    publicAccess: 'None'
  }
}

// Findings that could not be published, records that could not be parsed (SIDEDOOR_DEADLETTER_*).
resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Events Event Grid could not deliver to a subscriber (teams.bicep; any other subscription may point here too).
// Separate from the function's dead letters: Event Grid's identity writes here and nowhere else.
resource deliveryDeadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deliveryDeadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Each person's routine (SIDEDOOR_BASELINE_TABLE): the days each person was seen with each network, client,
// target... within the history window. One entity per key, point reads only (azure-state/TableBaselineStore).
resource baselineTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: baselineTableName
}

// What was notified, per operation (SIDEDOOR_LEDGER_TABLE): keeps redeliveries and re-run batches from notifying
// twice, and recognises the later records of an operation reported in an earlier batch. Weekly partitions.
resource ledgerTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: ledgerTableName
}

// Dead letters carry caller names, IP addresses and attacker-chosen text: do not keep them longer than needed.
resource deadLetterLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = if (deadLetterRetentionDays > 0) {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-dead-letters'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
              prefixMatch: [
                '${deadLetterContainerName}/'
                '${deliveryDeadLetterContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: deadLetterRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Monitoring: workspace-based Application Insights that only accepts Entra ID-authenticated telemetry.
// ---------------------------------------------------------------------------------------------------------------

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-log-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    features: {
      // Nothing here uses the workspace keys: the app sends telemetry to Application Insights with Entra ID and the
      // component writes it into this workspace itself. With local auth on, whoever read a workspace key could push
      // records into the workspace (legacy agents, HTTP Data Collector API) beside the function's own logs.
      disableLocalAuth: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-appi-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Event Hubs: where the subscription diagnostic setting streams the Activity Log.
// ---------------------------------------------------------------------------------------------------------------

resource eventHubNamespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: '${namePrefix}-ehns-${suffix}'
  location: location
  tags: tags
  sku: {
    name: 'Standard' // Basic has no consumer groups of our own and keeps records for 1 day only
    tier: 'Standard'
    capacity: eventHubThroughputUnits
  }
  properties: {
    // Local (SAS) authentication has to stay enabled. An Azure Monitor diagnostic setting can only deliver to
    // Event Hubs with a namespace shared access policy (eventHubAuthorizationRuleId): there is no managed-identity
    // option for that destination, so disableLocalAuth: true would silently stop the Activity Log stream.
    // (Azure Monitor docs, "Diagnostic settings" destination limitations; MicrosoftDocs/azure-docs#119932.)
    // What we do instead: the only policy we create is diagnosticsSendRule below, with the Send right alone, and
    // its keys are never read by this template. The function itself reads with Entra ID (role on the hub).
    disableLocalAuth: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: restrictPublicNetworkAccess ? 'Disabled' : 'Enabled'
    isAutoInflateEnabled: false
  }
}

// 'Disabled' rather than a firewall with no rules: without any IP or virtual network rule, a namespace stays
// reachable from the internet with a key (Event Hubs docs, "Allow access via private endpoints"). Azure
// Monitor diagnostic settings are on the trusted-services list, so the Activity Log keeps arriving while the switch
// is on; the function reads through a private endpoint. Always declared, so that switching off reopens the namespace.
resource eventHubNetworkRules 'Microsoft.EventHub/namespaces/networkRuleSets@2024-01-01' = {
  parent: eventHubNamespace
  name: 'default'
  properties: {
    publicNetworkAccess: restrictPublicNetworkAccess ? 'Disabled' : 'Enabled'
    defaultAction: restrictPublicNetworkAccess ? 'Deny' : 'Allow'
    trustedServiceAccessEnabled: true
    ipRules: []
    virtualNetworkRules: []
  }
}

resource eventHub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: eventHubNamespace
  name: eventHubName
  properties: {
    partitionCount: eventHubPartitionCount
    messageRetentionInDays: eventHubRetentionDays
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: eventHub
  name: consumerGroupName
  properties: {
    userMetadata: 'sidedoor Azure Function (Event Hubs trigger); checkpoints live in the function storage account'
  }
}

// The SAS policy Azure Monitor uses to write the Activity Log. The documentation asks for Manage, Send and
// Listen, but that is for settings that name no event hub (Azure Monitor then creates "insights-..." hubs
// itself). The service error for a rule without Manage reads: "If a valid EventHub name is not specified in the
// diagnostic setting, the EventHub authorization rule requires manage|send|listen access" (Azure/azure-cli#24425,
// Azure/azure-policy#995), and activity-log.bicep always names the hub. So: Send only. With Send, a key holder
// can add records to the hub, not read or manage it; but sidedoor cannot tell their records from Azure Monitor's,
// so whoever can list this rule's keys can forge Activity Log input (azure-function/README.md, "The Send key is a
// trust boundary"). A namespace-level rule is required: eventHubAuthorizationRuleId does not take a hub-level rule.
resource diagnosticsSendRule 'Microsoft.EventHub/namespaces/authorizationRules@2024-01-01' = {
  parent: eventHubNamespace
  name: 'azure-monitor-send'
  properties: {
    rights: [
      'Send'
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Event Grid: the findings topic. CloudEvents 1.0 in, Entra ID only (the app publishes with its identity).
// ---------------------------------------------------------------------------------------------------------------

resource findingsTopic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: '${namePrefix}-findings-${suffix}'
  location: location
  tags: tags
  // Event Grid dead-letters undeliverable events with this identity: the storage account takes no keys.
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    minimumTlsVersionAllowed: '1.2'
    // Inbound only: with the switch on, the function publishes through a private endpoint. Deliveries to
    // subscribers (the Teams webhook, a SIEM) are outbound and do not depend on it.
    publicNetworkAccess: restrictPublicNetworkAccess ? 'Disabled' : 'Enabled'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Function App on the Flex Consumption plan (Linux), Java 21, system-assigned identity.
// ---------------------------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

// "https://<ns>.servicebus.windows.net:443/" -> "<ns>.servicebus.windows.net" (keeps sovereign-cloud suffixes).
var eventHubFqdn = split(replace(replace(eventHubNamespace.properties.serviceBusEndpoint, 'https://', ''), ':443', ''), '/')[0]

// The names below are the contract with the function code (azure-function/README.md). Flex Consumption sets the
// runtime in functionAppConfig; FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and WEBSITE_RUN_FROM_PACKAGE
// must not be set on this plan.
var baseAppSettings = [
  {
    // Identity-based host storage: the host uses the system-assigned identity (blob roles on its containers below).
    name: 'AzureWebJobsStorage__accountName'
    value: storage.name
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    // Application Insights has local auth disabled: telemetry is sent with the app identity.
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'Authorization=AAD'
  }
  {
    // Trigger connection "SIDEDOOR_EVENTHUB", identity-based.
    name: 'SIDEDOOR_EVENTHUB__fullyQualifiedNamespace'
    value: eventHubFqdn
  }
  {
    name: 'SIDEDOOR_EVENTHUB_NAME'
    value: eventHub.name
  }
  {
    name: 'SIDEDOOR_EVENTHUB_CONSUMER_GROUP'
    value: consumerGroup.name
  }
  {
    name: 'SIDEDOOR_EVENTGRID_ENDPOINT'
    value: findingsTopic.properties.endpoint
  }
  {
    name: 'SIDEDOOR_DEADLETTER_BLOB_URI'
    value: storage.properties.primaryEndpoints.blob
  }
  {
    name: 'SIDEDOOR_DEADLETTER_CONTAINER'
    value: deadLetterContainer.name
  }
  {
    name: 'SIDEDOOR_TABLE_URI'
    value: storage.properties.primaryEndpoints.table
  }
  {
    name: 'SIDEDOOR_BASELINE_TABLE'
    value: baselineTable.name
  }
  {
    name: 'SIDEDOOR_LEDGER_TABLE'
    value: ledgerTable.name
  }
  {
    name: 'SIDEDOOR_MIN_SEVERITY'
    value: minSeverity
  }
  {
    name: 'SIDEDOOR_FORMAT'
    value: findingFormat
  }
  {
    name: 'SIDEDOOR_COMMAND_TEXT'
    value: commandText
  }
  {
    name: 'SIDEDOOR_PUBLISH_MAX_ATTEMPTS'
    value: string(publishMaxAttempts)
  }
]

// Optional settings are left out entirely when their parameter is empty.
var rulesDirSetting = empty(rulesDir) ? [] : [
  {
    name: 'SIDEDOOR_RULES_DIR'
    value: rulesDir
  }
]

var tuningFileSetting = empty(tuningFile) ? [] : [
  {
    name: 'SIDEDOOR_TUNING_FILE'
    value: tuningFile
  }
]

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Outbound through the subnet, so that private endpoint addresses are reachable (and resolved through the private
    // DNS zones linked to that network).
    virtualNetworkSubnetId: empty(functionSubnetId) ? null : functionSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: concat(baseAppSettings, rulesDirSetting, tuningFileSetting)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'java'
        version: '21'
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Role assignments: data-plane roles only, each on the narrowest resource that works. All go to the function
// identity but deliveryDeadLetterContributorAssignment, which lets Event Grid dead-letter. Names are deterministic
// (guid of scope, grantee and role) so redeployments update rather than duplicate them.
// ---------------------------------------------------------------------------------------------------------------

// Read the Activity Log: on the event hub itself, not the namespace (the namespace may hold other hubs).
resource eventHubReceiverAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventHub.id, functionApp.id, roleIds.eventHubsDataReceiver)
  scope: eventHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.eventHubsDataReceiver)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Publish findings: on the topic only.
resource topicSenderAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(findingsTopic.id, functionApp.id, roleIds.eventGridDataSender)
  scope: findingsTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.eventGridDataSender)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Blob data: one assignment per container, never the account, so the identity cannot reach a container it has no
// business in. Storage Blob Data Owner on the three host containers, because the Functions documentation gives
// Owner (not Contributor) as what identity-based AzureWebJobsStorage needs ("Connecting to host storage with an
// identity"): the host takes blob leases, writes checkpoints and keys, and creates these containers when missing.
// On an account without hierarchical namespace, Owner adds only ACL management to Contributor: nothing to act on.
resource hostContainerOwnerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostContainer.id, functionApp.id, roleIds.storageBlobDataOwner)
  scope: hostContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataOwner)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsContainerOwnerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(secretsContainer.id, functionApp.id, roleIds.storageBlobDataOwner)
  scope: secretsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataOwner)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource checkpointContainerOwnerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(checkpointContainer.id, functionApp.id, roleIds.storageBlobDataOwner)
  scope: checkpointContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataOwner)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The Flex deployment package. Read would be enough to run, but Flex Consumption's deployment service (what
// `az functionapp deployment source config-zip` and `func azure functionapp publish` call) uploads the package into
// this container with the identity named in functionAppConfig.deployment.storage.authentication, that is this one:
// without write, every code deployment fails. So the app can still replace its own package; what the container scope
// removes is everything else in the account. A separate user-assigned identity for deployment storage would not
// separate the two: it has to be attached to the app, and code running in the app can get tokens for it.
resource deploymentContainerContributorAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deploymentContainer.id, functionApp.id, roleIds.storageBlobDataContributor)
  scope: deploymentContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Dead letters: the function uploads blobs (never overwriting) and recreates the container if someone deleted it
// (DeadLetters.java). Contributor is the narrowest built-in role that can create blobs.
resource deadLetterContainerContributorAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetterContainer.id, functionApp.id, roleIds.storageBlobDataContributor)
  scope: deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Event Grid's own identity, for dead-lettering what it cannot deliver to a subscriber (teams.bicep): write on that
// one container, the role Event Grid documents for dead-letter destinations reached with a managed identity.
resource deliveryDeadLetterContributorAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deliveryDeadLetterContainer.id, findingsTopic.id, roleIds.storageBlobDataContributor)
  scope: deliveryDeadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataContributor)
    principalId: findingsTopic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// sidedoor's own tables, each granted on the table itself: the baseline and the notification ledger (read, insert,
// replace and delete entities; the function never creates or lists tables).
resource baselineTableContributorAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(baselineTable.id, functionApp.id, roleIds.storageTableDataContributor)
  scope: baselineTable
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageTableDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource ledgerTableContributorAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(ledgerTable.id, functionApp.id, roleIds.storageTableDataContributor)
  scope: ledgerTable
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageTableDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Table data on the function storage account, for the Functions host, not for sidedoor: the host (4.1038 and later)
// records its diagnostic events in a table of AzureWebJobsStorage and logs a 403 every few minutes without this role
// (azure-functions-host #10995). Account scope because the host names a new table every month; a table role reaches
// no blob, so it does not reopen the package container. It also reaches sidedoor's tables: the two table-scoped
// assignments above are what sidedoor needs, and stay right if this one is ever removed. No queue role: neither
// the host nor sidedoor uses queues with this trigger.
resource storageTableContributorAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, roleIds.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageTableDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Send telemetry to Application Insights with Entra ID (local auth is disabled on the component).
resource appInsightsPublisherAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, functionApp.id, roleIds.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Alerts. The Event Hubs trigger never redelivers, so whatever goes wrong ends in a dead letter or a failed
// invocation, and neither is seen unless someone is told. The rules exist even without an action group (they show
// in the portal's alert list); alertEmailAddresses and alertActionGroupId decide who is notified.
// ---------------------------------------------------------------------------------------------------------------

resource alertActionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmailAddresses)) {
  name: '${namePrefix}-alerts-${suffix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(namePrefix, 12)
    enabled: true
    emailReceivers: [for (address, i) in alertEmailAddresses: {
      name: 'email-${i}'
      emailAddress: address
      useCommonAlertSchema: true
    }]
  }
}

var alertActionGroupIds = concat(empty(alertActionGroupId) ? [] : [alertActionGroupId], empty(alertEmailAddresses) ? [] : [alertActionGroup.id])

// An invocation fails only when its dead letters could not be written either (or something unforeseen happened):
// findings may be lost once the retry policy gives up. One is enough to act on.
resource functionFailuresAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-function-failures-${suffix}'
  location: 'global'
  tags: tags
  properties: {
    description: 'sidedoor: function invocations failed. Dead letters could not be written, so findings may be lost; see "Failure behaviour" in azure-function/README.md and the error lines in Application Insights traces.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'FailedInvocations'
          metricNamespace: 'microsoft.insights/components'
          metricName: 'requests/failed'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Count'
        }
      ]
    }
    actions: [for id in alertActionGroupIds: {
      actionGroupId: id
    }]
  }
}

// Dead letters are written without failing the invocation, so only the function's own error lines show them: the
// batch summary "batch processed with dead letters" and the unprocessed-batch lines ending "dead-lettered" (or
// "could not be dead-lettered"), all at error level (BatchHandler, Unprocessed). InfraTest keeps these phrases in
// step with the code.
var deadLetterQuery = '''
traces
| where severityLevel >= 3
| extend line = tostring(parse_json(message).message)
| where line contains "dead letters" or line contains "dead-lettered"
'''

resource deadLetterAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-dead-letters-${suffix}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix}: dead letters written'
    description: 'sidedoor wrote dead letters (findings Event Grid refused, unreadable records or a whole unprocessed batch) to the dead-letter container. They are not retried by themselves; see "Failure behaviour" in azure-function/README.md to replay them.'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: deadLetterQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: alertActionGroupIds
    }
  }
}

// The baseline or ledger table could not be used (unreachable, throttled after retries, forbidden, missing): the
// function failed open (findings at their rules' levels, a redelivery may repeat a notification), which is safe but
// noisy and must not go on unnoticed. The phrases are BatchHandler's error lines (InfraTest keeps them in step).
var stateUnavailableQuery = '''
traces
| where severityLevel >= 3
| extend line = tostring(parse_json(message).message)
| where line startswith "baseline unavailable" or line startswith "baseline not saved" or line startswith "ledger unavailable"
'''

resource stateUnavailableAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-state-unavailable-${suffix}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix}: baseline or ledger table unavailable'
    description: 'sidedoor could not use its baseline or ledger table and failed open: findings were published at their rules\' levels (not judged against the routine), or may be published twice. See "Baselines and the ledger" in azure-function/README.md.'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: stateUnavailableQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: alertActionGroupIds
    }
  }
}

// Event Grid's side: events it gave up delivering to a subscriber (Teams, a SIEM). Dead-lettered ones wait in the
// delivery dead-letter container; dropped ones (a subscription without a dead-letter destination, or dead-lettering
// itself failing) are gone.
resource deliveryDeadLetterAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-delivery-dead-letters-${suffix}'
  location: 'global'
  tags: tags
  properties: {
    description: 'sidedoor findings topic: Event Grid could not deliver events to a subscriber and dead-lettered them (container ${deliveryDeadLetterContainerName}).'
    severity: 2
    enabled: true
    scopes: [
      findingsTopic.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'DeadLettered'
          metricNamespace: 'Microsoft.EventGrid/topics'
          metricName: 'DeadLetteredCount'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [for id in alertActionGroupIds: {
      actionGroupId: id
    }]
  }
}

resource deliveryDroppedAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-delivery-dropped-${suffix}'
  location: 'global'
  tags: tags
  properties: {
    description: 'sidedoor findings topic: Event Grid dropped events it could not deliver (a subscription without a dead-letter destination, or dead-lettering failed). Those findings are lost to that subscriber.'
    severity: 1
    enabled: true
    scopes: [
      findingsTopic.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'Dropped'
          metricNamespace: 'Microsoft.EventGrid/topics'
          metricName: 'DroppedEventCount'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [for id in alertActionGroupIds: {
      actionGroupId: id
    }]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Optional: the Activity Log diagnostic setting of this deployment's subscription. A resource group deployment
// may deploy a module to a subscription (Bicep docs, "Resource group deployments", scope to subscription). For
// more subscriptions, deploy activity-log.bicep in each with `az deployment sub create` (see the README).
// ---------------------------------------------------------------------------------------------------------------

module activityLogSetting 'activity-log.bicep' = if (deployActivityLogSetting) {
  name: 'sidedoor-activity-log-${suffix}'
  scope: subscription()
  params: {
    eventHubAuthorizationRuleId: diagnosticsSendRule.id
    eventHubName: eventHub.name
    settingName: activityLogSettingName
    categories: activityLogCategories
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs (identifiers only; no secret is output)
// ---------------------------------------------------------------------------------------------------------------

@description('Name of the Function App (target of the code deployment).')
output functionAppName string = functionApp.name

@description('Object (principal) ID of the Function App system-assigned identity.')
output functionAppPrincipalId string = functionApp.identity.principalId

@description('Storage account of the Functions host, the deployment package and the dead letters (parameter deadLetterStorageAccountName of teams.bicep).')
output storageAccountName string = storage.name

@description('Dead-letter container name.')
output deadLetterContainerName string = deadLetterContainer.name

@description('Baseline table of the function (SIDEDOOR_BASELINE_TABLE).')
output baselineTableName string = baselineTable.name

@description('Notification ledger table of the function (SIDEDOOR_LEDGER_TABLE).')
output ledgerTableName string = ledgerTable.name

@description('Container where Event Grid dead-letters events it could not deliver (parameter deadLetterContainerName of teams.bicep).')
output deliveryDeadLetterContainerName string = deliveryDeadLetterContainer.name

@description('Application Insights component name.')
output appInsightsName string = appInsights.name

@description('Event Grid topic name.')
output eventGridTopicName string = findingsTopic.name

@description('Event Grid topic resource ID (source of event subscriptions, see teams.bicep).')
output eventGridTopicId string = findingsTopic.id

@description('Event Grid topic endpoint the function publishes to.')
output eventGridTopicEndpoint string = findingsTopic.properties.endpoint

@description('Event Hubs namespace name.')
output eventHubNamespaceName string = eventHubNamespace.name

@description('Event Hubs namespace resource ID.')
output eventHubNamespaceId string = eventHubNamespace.id

@description('Event hub name (parameter eventHubName of activity-log.bicep).')
output eventHubName string = eventHub.name

@description('Event hub resource ID.')
output eventHubId string = eventHub.id

@description('Consumer group used by the function.')
output consumerGroupName string = consumerGroup.name

@description('Resource ID of the Send-only namespace rule for diagnostic settings (parameter eventHubAuthorizationRuleId of activity-log.bicep).')
output diagnosticsAuthorizationRuleId string = diagnosticsSendRule.id
