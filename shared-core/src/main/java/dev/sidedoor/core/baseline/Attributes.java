package dev.sidedoor.core.baseline;

import dev.sidedoor.core.event.EventTimes;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.match.IpAddress;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The attributes that make an access routine or not, read from a finding: who is behind it (not the temporary
 * key), from which network block, with which client, on what, in which account, what kind of session, at what
 * time of the week. Every value is log text; it is used as a map key only, never interpreted.
 */
final class Attributes {

    private static final Pattern SSO = Pattern.compile("assumed-role/AWSReservedSSO_[^/]+/(.+)$");
    private static final Pattern SSO_SET = Pattern.compile("assumed-role/AWSReservedSSO_([^/]+?)(?:_[0-9a-f]{16})?/");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s/]{1,64}@[a-z0-9.-]{1,253}\\.[a-z]{2,63}");
    private static final Pattern OS = Pattern.compile("\\bos/([A-Za-z0-9_.-]+)");

    private Attributes() {
    }

    /**
     * The person behind the actor: an IAM Identity Center user by name across accounts and roles; any other
     * assumed role by role (its session names change with every job); users and principals as they are.
     */
    static String person(Finding f) {
        String actor = f.actor();
        if (actor == null) {
            return "(unknown)";
        }
        Matcher sso = SSO.matcher(actor);
        if (sso.find()) {
            return "sso:" + sso.group(1).toLowerCase(Locale.ROOT);
        }
        String role = f.context().get("actor_role");
        if (role != null) {
            String session = sessionName(actor);
            if (session == null) {
                return role;
            }
            if (EMAIL.matcher(session).matches()) {
                // Federated through SAML or OIDC with the user's e-mail as session name: a person, across roles.
                return "federated:" + session;
            }
            String shape = sessionShape(session);
            if (shape.indexOf('#') < 0) {
                // A stable name (a user name, a function): the same caller in every account the role exists in.
                return "role:" + role.substring(role.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT) + "/" + shape;
            }
            // Job and request ids change with every session (GitHubActions-1134…, botocore-session-17…, an
            // instance id): the role is the caller.
            return role;
        }
        return actor.toLowerCase(Locale.ROOT);
    }

    /** The role session name of an assumed-role ARN, lower case, or null. */
    private static String sessionName(String actor) {
        int at = actor.indexOf(":assumed-role/");
        if (at < 0) {
            return null;
        }
        int slash = actor.indexOf('/', at + ":assumed-role/".length());
        if (slash < 0 || slash == actor.length() - 1) {
            return null;
        }
        return actor.substring(slash + 1).toLowerCase(Locale.ROOT);
    }

    /** A session name with each token that holds a digit, or is a run of hex, replaced by {@code #}. */
    static String sessionShape(String session) {
        StringBuilder out = new StringBuilder(session.length());
        int i = 0;
        while (i < session.length() && out.length() < 64) {
            char c = session.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            boolean digit = false;
            boolean hex = true;
            while (end < session.length() && Character.isLetterOrDigit(session.charAt(end))) {
                char t = session.charAt(end);
                digit |= Character.isDigit(t);
                hex &= Character.digit(t, 16) >= 0;
                end++;
            }
            out.append(digit || hex && end - i >= 8 ? "#" : session.substring(i, end));
            i = end;
        }
        return out.toString();
    }

    /**
     * The group a person works in, whose routine stands in for a newcomer's: the IAM Identity Center permission set
     * (the same name in every account it is assigned to), or a role whose session names are stable; else null.
     */
    static String group(Finding f) {
        String actor = f.actor();
        if (actor == null) {
            return null;
        }
        Matcher set = SSO_SET.matcher(actor);
        if (set.find()) {
            return "sso-set:" + set.group(1).toLowerCase(Locale.ROOT);
        }
        String role = f.context().get("actor_role");
        String session = sessionName(actor);
        // A role whose sessions carry stable names (a person's e-mail or user name, not a job id): when several
        // people use it, it is their team.
        if (role != null && session != null && sessionShape(session).indexOf('#') < 0
                && (EMAIL.matcher(session).matches() || !AUTOMATION.matcher(session).find())) {
            return "role:" + role.substring(role.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        }
        return null;
    }

    /**
     * Words that name a pipeline or a job, not a person, in a role session name ("GitHubActions", "deploy-web",
     * "terraform-apply"): such a role keeps automation's strict judgement even when its sessions have several
     * stable names (a CI role replayed with another client must stay news).
     */
    private static final Pattern AUTOMATION = Pattern.compile("(?i)(^|[^a-z])(ci|cd|deploy\\w*|github\\w*|gitlab\\w*|"
            + "jenkins|runner|actions?|pipeline|terraform|ansible|lambda|bot|svc|service|automation|job|build|cron|"
            + "sync|backup|patch\\w*|scan\\w*|monitor\\w*|agent|codebuild|codepipeline|cloudformation|botocore|sdk|"
            + "session|script|task|worker|ops)([^a-z]|$)");

    /**
     * Network blocks of an address, narrowest first: /24, /16, /8 for IPv4; /64, /48, /32 for IPv6; a service name
     * (ssm.amazonaws.com) as itself. Offices and homes are stable at /24 to /16; cloud-hosted runner pools only at
     * /16 or wider.
     */
    static List<String> networks(String address) {
        if (address == null || address.isBlank()) {
            return List.of("(none)");
        }
        IpAddress ip = IpAddress.parse(address.strip());
        if (ip == null) {
            return List.of(address.strip().toLowerCase(Locale.ROOT));
        }
        byte[] b = ip.bytes();
        if (b.length == 4) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            int a2 = b[2] & 0xff;
            return List.of(a0 + "." + a1 + "." + a2 + ".0/24", a0 + "." + a1 + ".0.0/16", a0 + ".0.0.0/8");
        }
        return List.of(v6(b, 8) + "::/64", v6(b, 6) + "::/48", v6(b, 4) + "::/32");
    }

    private static String v6(byte[] b, int bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < bytes; i += 2) {
            if (i > 0) {
                s.append(':');
            }
            s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)));
        }
        return s.toString();
    }

    /**
     * The client of a finding: the application that signed in when the source names it (context {@code app_id},
     * an OAuth client id such as the Azure CLI's: an interactive sign-in's user agent is only the browser that showed
     * the log-in page), else the user agent's family.
     */
    static String client(Finding f) {
        String app = f.context().get("app_id");
        if (app != null && !app.isBlank()) {
            String id = app.strip().toLowerCase(Locale.ROOT);
            return "app:" + (id.length() > 64 ? id.substring(0, 64) : id);
        }
        return client(f.userAgent());
    }

    /**
     * The client family: the user agent's first product and its operating system ("aws-cli/linux", "boto3/windows",
     * "browser/windows", "console"), not its version, which changes with every update.
     */
    static String client(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "(none)";
        }
        String ua = userAgent.strip().toLowerCase(Locale.ROOT);
        if (ua.startsWith("[")) {
            ua = ua.substring(1);
        }
        if (ua.startsWith("mozilla/")) {
            return browser(ua);
        }
        if (ua.contains("console.amazonaws.com") || ua.equals("aws internal") || ua.startsWith("aws-internal/")
                || ua.startsWith("signin.amazonaws.com")) {
            return "console";
        }
        int end = 0;
        while (end < ua.length() && end < 40) {
            char c = ua.charAt(end);
            if (c == '/' || c == ' ' || c == ']' || c == ',' || c == ';' || c == '(') {
                break;
            }
            end++;
        }
        String product = ua.substring(0, end);
        Matcher os = OS.matcher(ua);
        // The name's characters ([A-Za-z0-9_.-]) leave out what follows it ("#5.15" in "os/linux#5.15").
        return os.find() ? product + "/" + os.group(1) : product;
    }

    /** A browser by its platform ("browser/windows", "browser/macos"), from the first 200 characters. */
    private static String browser(String ua) {
        String head = ua.length() > 200 ? ua.substring(0, 200) : ua;
        if (head.contains("android")) {
            return "browser/android";
        }
        if (head.contains("iphone") || head.contains("ipad")) {
            return "browser/ios";
        }
        if (head.contains("windows")) {
            return "browser/windows";
        }
        if (head.contains("macintosh") || head.contains("mac os x")) {
            return "browser/macos";
        }
        if (head.contains("cros")) {
            return "browser/chromeos";
        }
        if (head.contains("linux") || head.contains("x11")) {
            return "browser/linux";
        }
        return "browser";
    }

    /** Weekday or weekend, and the 4-hour block of the day (UTC): when the person usually works. */
    static String timeOfWeek(String time) {
        long millis = EventTimes.epochMillis(time);
        if (millis < 0) {
            return "(unknown)";
        }
        ZonedDateTime t = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
        boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
        return BLOCKS[(weekend ? 6 : 0) + t.getHour() / 4];
    }

    /** "weekday 00-04h" to "weekend 20-24h": made once, not formatted for every finding. */
    private static final String[] BLOCKS = new String[12];

    static {
        for (int k = 0; k < 12; k++) {
            int block = k % 6 * 4;
            BLOCKS[k] = (k < 6 ? "weekday " : "weekend ") + (block < 10 ? "0" : "") + block + "-"
                    + (block + 4 < 10 ? "0" : "") + (block + 4) + "h";
        }
    }

    /** The kind of access: session type, else document, else the rule. */
    static String session(Finding f) {
        String type = f.context().get("session_type");
        if (type != null) {
            return type;
        }
        String doc = f.context().get("document");
        return doc != null ? doc : f.rule().name();
    }

    /** The UTC epoch day of the event, or -1 when its time cannot be read. */
    static int day(Finding f) {
        long millis = EventTimes.epochMillis(f.event().time());
        return millis < 0 ? -1 : (int) Math.floorDiv(millis, 86_400_000L);
    }
}
