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
            return role;
        }
        return actor.toLowerCase(Locale.ROOT);
    }

    /**
     * The group whose routine a newcomer is compared with while their own is still forming: the IAM Identity
     * Center permission set (the same name in every account it is assigned to), or null when the actor has none.
     */
    static String group(Finding f) {
        String actor = f.actor();
        if (actor == null) {
            return null;
        }
        Matcher set = SSO_SET.matcher(actor);
        return set.find() ? "sso-set:" + set.group(1).toLowerCase(Locale.ROOT) : null;
    }

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
     * The client family: the user agent's first product and its operating system ("aws-cli/linux", "boto3/windows",
     * "browser", "console"), not its version, which changes with every update.
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
            return "browser";
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
        return os.find() ? product + "/" + os.group(1).replaceAll("#.*", "") : product;
    }

    /** Weekday or weekend, and the 4-hour block of the day (UTC): when the person usually works. */
    static String timeOfWeek(String time) {
        long millis = EventTimes.epochMillis(time);
        if (millis < 0) {
            return "(unknown)";
        }
        ZonedDateTime t = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
        boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
        int block = t.getHour() / 4 * 4;
        return (weekend ? "weekend " : "weekday ") + String.format("%02d-%02dh", block, block + 4);
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
