package dev.sidedoor.core.output;

import java.util.Map;

/** Names and ids of the ATT&amp;CK techniques and tactics sidedoor's rules use, for OCSF's attacks array. */
final class Attack {

    static final String VERSION = "v18";

    private static final Map<String, String> TECHNIQUES = Map.ofEntries(
            Map.entry("T1021", "Remote Services"),
            Map.entry("T1021.004", "Remote Services: SSH"),
            Map.entry("T1021.007", "Remote Services: Cloud Services"),
            Map.entry("T1021.008", "Remote Services: Direct Cloud VM Connections"),
            Map.entry("T1651", "Cloud Administration Command"),
            Map.entry("T1098", "Account Manipulation"),
            Map.entry("T1098.004", "Account Manipulation: SSH Authorized Keys"),
            Map.entry("T1078", "Valid Accounts"),
            Map.entry("T1078.004", "Valid Accounts: Cloud Accounts"),
            Map.entry("T1572", "Protocol Tunneling"),
            Map.entry("T1059", "Command and Scripting Interpreter"),
            Map.entry("T1556", "Modify Authentication Process"));

    private static final Map<String, String[]> TACTICS = Map.ofEntries(
            Map.entry("reconnaissance", new String[] {"TA0043", "Reconnaissance"}),
            Map.entry("resource_development", new String[] {"TA0042", "Resource Development"}),
            Map.entry("initial_access", new String[] {"TA0001", "Initial Access"}),
            Map.entry("execution", new String[] {"TA0002", "Execution"}),
            Map.entry("persistence", new String[] {"TA0003", "Persistence"}),
            Map.entry("privilege_escalation", new String[] {"TA0004", "Privilege Escalation"}),
            Map.entry("defense_evasion", new String[] {"TA0005", "Defense Evasion"}),
            Map.entry("credential_access", new String[] {"TA0006", "Credential Access"}),
            Map.entry("discovery", new String[] {"TA0007", "Discovery"}),
            Map.entry("lateral_movement", new String[] {"TA0008", "Lateral Movement"}),
            Map.entry("collection", new String[] {"TA0009", "Collection"}),
            Map.entry("command_and_control", new String[] {"TA0011", "Command and Control"}),
            Map.entry("exfiltration", new String[] {"TA0010", "Exfiltration"}),
            Map.entry("impact", new String[] {"TA0040", "Impact"}));

    private Attack() {
    }

    static String techniqueName(String id) {
        return TECHNIQUES.get(id);
    }

    /** {uid, name} of a tactic tag such as "lateral_movement", or null. */
    static String[] tactic(String tag) {
        return TACTICS.get(tag);
    }
}
