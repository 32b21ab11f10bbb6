package dev.sidedoor.core.output;

import java.util.Map;

/** Names and ids of the ATT&amp;CK techniques and tactics sidedoor's rules use, for OCSF's attacks array. */
final class Attack {

    static final String VERSION = "v18";

    /** ATT&amp;CK's own names: a sub-technique's without its technique's ("Direct Cloud VM Connections"). */
    private static final Map<String, String> TECHNIQUES = Map.ofEntries(
            Map.entry("T1021", "Remote Services"),
            Map.entry("T1021.004", "SSH"),
            Map.entry("T1021.007", "Cloud Services"),
            Map.entry("T1021.008", "Direct Cloud VM Connections"),
            Map.entry("T1651", "Cloud Administration Command"),
            Map.entry("T1609", "Container Administration Command"),
            Map.entry("T1098", "Account Manipulation"),
            Map.entry("T1098.004", "SSH Authorized Keys"),
            Map.entry("T1078", "Valid Accounts"),
            Map.entry("T1078.004", "Cloud Accounts"),
            Map.entry("T1087", "Account Discovery"),
            Map.entry("T1087.004", "Cloud Account"),
            Map.entry("T1136", "Create Account"),
            Map.entry("T1136.001", "Local Account"),
            Map.entry("T1136.003", "Cloud Account"),
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

    /** The name of a technique or sub-technique id ("T1021", "T1021.008"), or null when sidedoor does not know it. */
    static String techniqueName(String id) {
        return TECHNIQUES.get(id);
    }

    /** The technique of a sub-technique id ("T1021" for "T1021.008"), or null when the id is a technique's. */
    static String parentTechnique(String id) {
        int dot = id.indexOf('.');
        return dot > 0 ? id.substring(0, dot) : null;
    }

    /** {uid, name} of a tactic tag such as "lateral_movement", or null. */
    static String[] tactic(String tag) {
        return TACTICS.get(tag);
    }
}
