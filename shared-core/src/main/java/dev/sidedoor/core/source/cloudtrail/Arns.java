package dev.sidedoor.core.source.cloudtrail;

/** ARN helpers: actors are keyed by role, not by the per-session assumed-role ARN. */
final class Arns {

    private Arns() {
    }

    /** arn:aws:sts::123:assumed-role/Role/session -> arn:aws:iam::123:role/Role (null when not that shape). */
    static String roleOfAssumedRole(String arn) {
        int i = arn.indexOf(":assumed-role/");
        if (!arn.startsWith("arn:") || i < 0) {
            return null;
        }
        String head = arn.substring(0, i);
        String rest = arn.substring(i + ":assumed-role/".length());
        int slash = rest.indexOf('/');
        String role = slash < 0 ? rest : rest.substring(0, slash);
        return head.replace(":sts:", ":iam:") + ":role/" + role;
    }

    /** An assumed-role session named after an EC2 instance: the instance's own credentials are acting. */
    static boolean sessionNameIsInstanceId(String arn) {
        int slash = arn.lastIndexOf('/');
        if (slash < 0 || !arn.contains(":assumed-role/")) {
            return false;
        }
        String session = arn.substring(slash + 1);
        if (!session.startsWith("i-") || session.length() < 10) {
            return false;
        }
        for (int i = 2; i < session.length(); i++) {
            char c = session.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
