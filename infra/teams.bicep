// Optional: route high-severity findings from the sidedoor topic to a webhook that posts to Microsoft Teams
// (an Azure Logic App or a Power Automate workflow with an HTTP request trigger; see "Teams notifications" in
// azure-function/README.md).
//
//   az deployment group create -g <rg> -f infra/teams.bicep \
//     -p topicName=<main.bicep output eventGridTopicName> webhookUrl='<workflow HTTP trigger URL>' \
//        deadLetterStorageAccountName=<main.bicep output storageAccountName>
//
// The topic takes CloudEvents 1.0, so Event Grid delivers CloudEvents 1.0 too (the only output schema for that
// input). Before the subscription is created, Event Grid runs the CloudEvents abuse-protection handshake: an
// HTTP OPTIONS request with a WebHook-Request-Origin header, which the endpoint must answer with 200 and a
// WebHook-Allowed-Origin header. If the endpoint does not, this deployment fails.
//
// The filter reads the "severity" CloudEvents extension attribute the function sets on every event (with
// "rulename", "findingid" and "technique"). Event Grid compares strings case-insensitively.
//
// What Event Grid still cannot deliver after the retry policy (attempts or time to live exhausted, or an answer
// such as 400 or 413 that it does not retry) is written as a blob to the delivery dead-letter container of
// main.bicep, instead of being dropped. main.bicep gives the topic's identity write access to that container only.

targetScope = 'resourceGroup'

@description('Name of the sidedoor Event Grid topic in this resource group (output eventGridTopicName of main.bicep).')
param topicName string

@description('HTTPS URL of the receiving workflow trigger. It usually embeds a signature: treat it as a secret.')
@secure()
param webhookUrl string

@description('Name of the event subscription.')
@minLength(3)
@maxLength(64)
param subscriptionName string = 'sidedoor-teams'

@description('Values of the severity extension attribute to deliver (at most five).')
@minLength(1)
@maxLength(5)
param severities array = [
  'high'
  'critical'
]

@description('Delivery attempts before Event Grid drops an event (1 to 30).')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int = 30

@description('Minutes Event Grid keeps retrying an event (1 to 1440).')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

@description('Storage account holding the delivery dead-letter container (output storageAccountName of main.bicep), in this resource group.')
@minLength(3)
@maxLength(24)
param deadLetterStorageAccountName string

@description('Container for events Event Grid could not deliver (output deliveryDeadLetterContainerName of main.bicep).')
@minLength(3)
@maxLength(63)
param deadLetterContainerName string = 'sidedoor-delivery-deadletter'

resource findingsTopic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: topicName
}

resource deadLetterStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: deadLetterStorageAccountName
}

resource teamsSubscription 'Microsoft.EventGrid/topics/eventSubscriptions@2025-02-15' = {
  parent: findingsTopic
  name: subscriptionName
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: webhookUrl
      }
    }
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    filter: {
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'severity'
          values: severities
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    // With the topic's managed identity, not a plain deadLetterDestination: the storage account refuses shared keys,
    // and behind its firewall (restrictPublicNetworkAccess) only a trusted service using its own identity gets in.
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: deadLetterStorage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

@description('Resource ID of the event subscription.')
output eventSubscriptionId string = teamsSubscription.id
