// Streams the Activity Log of one subscription to the sidedoor event hub.
//
// Deploy once per subscription to watch (all subscriptions of the tenant can feed the same hub):
//   az deployment sub create --subscription <subscription-id> --location <region> \
//     -f infra/activity-log.bicep \
//     -p eventHubAuthorizationRuleId=<main.bicep output diagnosticsAuthorizationRuleId> \
//        eventHubName=<main.bicep output eventHubName>
// main.bicep can also deploy it for its own subscription (parameter deployActivityLogSetting).
//
// The identity that deploys this needs, besides Microsoft.Insights/diagnosticSettings/write on the subscription,
// the ListKeys permission on the authorization rule (Microsoft.EventHub/namespaces/authorizationRules/listkeys/action),
// even when the rule lives in another subscription of the same tenant. Azure Monitor then writes with that rule;
// the key is never shown to the deployer. A subscription can hold at most five diagnostic settings.

targetScope = 'subscription'

@description('Resource ID of the Event Hubs namespace authorization rule Azure Monitor writes with (output diagnosticsAuthorizationRuleId of main.bicep; a namespace-level rule with the Send right).')
param eventHubAuthorizationRuleId string

@description('Name of the event hub in that namespace (output eventHubName of main.bicep). Always set: with a named hub, a Send-only rule is enough.')
param eventHubName string

@description('Name of the diagnostic setting on the subscription.')
@minLength(1)
@maxLength(260)
param settingName string = 'sidedoor-activity-log'

@description('Activity Log categories to stream. Administrative carries every control-plane write and action (Run Command, VM and scale-set extensions, serial console connections, Bastion shareable links); Security carries Microsoft Defender for Cloud alerts. The other categories add volume and no side-door signal.')
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
param categories array = [
  'Administrative'
  'Security'
]

resource activityLogToEventHub 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  properties: {
    eventHubAuthorizationRuleId: eventHubAuthorizationRuleId
    eventHubName: eventHubName
    logs: [for category in categories: {
      category: category
      enabled: true
    }]
  }
}

@description('Resource ID of the diagnostic setting.')
output settingId string = activityLogToEventHub.id
