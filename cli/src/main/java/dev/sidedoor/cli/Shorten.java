package dev.sidedoor.cli;

import java.util.regex.Pattern;

/**
 * Keeps the telling end of long identifiers for table cells: the role and session of an ARN, the resource type
 * and name of an Azure resource id, the zone and instance of a GCP resource name. JSON output keeps them whole.
 */
final class Shorten {

    private static final Pattern ARN_PREFIX = Pattern.compile("^arn:aws[a-z-]*:(sts|iam)::\\d{12}:");

    private Shorten() {
    }

    static String actor(String actor) {
        if (actor == null) {
            return null;
        }
        return ARN_PREFIX.matcher(actor).replaceFirst("");
    }

    static String target(String target) {
        if (target == null) {
            return null;
        }
        if (target.regionMatches(true, 0, "/subscriptions/", 0, 15)) {
            boolean scaleSetInstance = target.toLowerCase(java.util.Locale.ROOT).contains("/virtualmachinescalesets/");
            return lastSegments(target, scaleSetInstance ? 4 : 2);
        }
        if (target.startsWith("projects/") && target.contains("/instances/")) {
            return lastSegments(target, 3);
        }
        return target;
    }

    /** At most {@code max} characters, keeping both ends: "arn:aws:sts::1111...ce@corp.example". */
    static String middle(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int head = (max - 3) / 2;
        return text.substring(0, head) + "..." + text.substring(text.length() - (max - 3 - head));
    }

    private static String lastSegments(String path, int n) {
        int i = path.length();
        for (int k = 0; k < n; k++) {
            i = path.lastIndexOf('/', i - 1);
            if (i <= 0) {
                return path;
            }
        }
        return "..." + path.substring(i);
    }
}
