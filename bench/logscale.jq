# The CrowdStrike LogScale seed query's filter, translated to jq and applied to
# CloudTrail S3 log files ({"Records":[...]}). Run with: jq -c -f bench/logscale.jq FILE...
#
# Seed (LogScale):
#   #Vendor=aws #repo=cloudtrail
#   | event.provider=/ssm\.amazonaws\.com|ec2-instance-connect\.amazonaws\.com/
#   | event.action=/^(StartSession|ResumeSession|TerminateSession|SendCommand|
#                    StartAutomationExecution|SendSSHPublicKey|StartSSHSession)$/
#   | table(time, provider, actor, action, source, target, source_ip)
#
# Null or missing eventSource/eventName (or a file without Records) never
# raises: they are treated as "" and simply do not match.
# `id` (the CloudTrail eventID) is not in the seed's table; it is added so the
# benchmark can compare hits one by one with sidedoor's findings.
(.Records // [])[]
| select((.eventSource // "") | tostring | test("ssm\\.amazonaws\\.com|ec2-instance-connect\\.amazonaws\\.com"))
| select((.eventName // "") | tostring
         | test("^(StartSession|ResumeSession|TerminateSession|SendCommand|StartAutomationExecution|SendSSHPublicKey|StartSSHSession)$"))
| {time: .eventTime,
   provider: "AWS",
   actor: .userIdentity.arn,
   action: .eventName,
   source: .eventSource,
   target: (.requestParameters.target // .requestParameters.instanceId),
   source_ip: .sourceIPAddress,
   id: .eventID}
