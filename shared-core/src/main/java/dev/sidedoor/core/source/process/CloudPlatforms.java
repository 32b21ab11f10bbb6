package dev.sidedoor.core.source.process;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which cloud a command line talks to, as the LogScale seed classifies cloud CLI log-ins: Azure (az, Az and Graph
 * PowerShell, Exchange Online), AWS (aws, AWS Tools for PowerShell) or GCP (gcloud, gsutil, bq). Null for anything
 * else. A classification for people and grouping, not a detection: rules decide what matches.
 */
final class CloudPlatforms {

    /** Command lines are read this far: the program and its verb come first. */
    private static final int READ = 4096;
    private static final Pattern AZ = Pattern.compile("(^|[\\\\/\\s\"'])az(\\.cmd)?[\"']?\\s+(login|account)\\b");
    private static final Pattern AWS =
            Pattern.compile("(^|[\\\\/\\s\"'])aws(\\.exe|\\.cmd)?[\"']?\\s+(configure|sts|sso)\\b");

    private CloudPlatforms() {
    }

    static String of(String image, String commandLine) {
        String file = fileName(image);
        String cmd = commandLine == null ? ""
                : commandLine.substring(0, Math.min(commandLine.length(), READ)).toLowerCase(Locale.ROOT);
        if (file.startsWith("gcloud") || file.startsWith("gsutil") || file.equals("bq") || file.equals("bq.cmd")
                || cmd.contains("gcloud ") || cmd.contains("gcloud.cmd") || cmd.contains("gcloud.py")) {
            return "gcp";
        }
        if (file.equals("az") || file.equals("az.cmd") || cmd.contains("connect-azaccount")
                || cmd.contains("connect-mggraph") || cmd.contains("connect-exchangeonline")
                || cmd.contains("login-azurermaccount") || cmd.contains("add-azaccount") || cmd.contains("azure.cli")
                || AZ.matcher(cmd).find()) {
            return "azure";
        }
        if (file.equals("aws") || file.equals("aws.exe") || file.equals("aws.cmd") || cmd.contains("awscli")
                || cmd.contains("set-awscredential") || cmd.contains("initialize-awsdefaultconfiguration")
                || AWS.matcher(cmd).find()) {
            return "aws";
        }
        return null;
    }

    private static String fileName(String path) {
        if (path == null) {
            return "";
        }
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(cut + 1).toLowerCase(Locale.ROOT);
    }
}
