package dev.sidedoor.core.source.cloudtrail;

import java.util.Locale;

/** Names what a connection is, from the API and (for Session Manager) the session document. */
final class SessionTypes {

    private SessionTypes() {
    }

    static String of(String action, String document, String eventSource) {
        if (action == null) {
            return null;
        }
        switch (action) {
            case "StartSession":
                if (eventSource != null && !eventSource.startsWith("ssm.")) {
                    return null;
                }
                return ofDocument(document);
            case "ResumeSession":
                return "resumed session";
            case "TerminateSession":
                return "session ended";
            case "SendCommand":
                return "run command";
            case "StartAutomationExecution":
                return "automation";
            case "SendSSHPublicKey":
                return "ssh key push (instance connect)";
            case "SendSerialConsoleSSHPublicKey":
                return "serial console";
            case "OpenTunnel":
                return "instance connect endpoint tunnel";
            case "StartConnection":
                return "remote desktop (fleet manager)";
            default:
                return null;
        }
    }

    private static String ofDocument(String document) {
        if (document == null) {
            return "shell";
        }
        String d = document.toLowerCase(Locale.ROOT);
        if (d.contains("sshsession")) {
            return "ssh";
        }
        if (d.contains("portforwardingsessiontoremotehost") || d.contains("tosocket")) {
            return "port forward to remote host";
        }
        if (d.contains("portforwarding")) {
            return "port forward";
        }
        if (d.contains("interactivecommand")) {
            return "interactive command";
        }
        return "shell";
    }
}
