package dev.sidedoor.core.source.defender;

import dev.sidedoor.core.source.process.ProcessEvents;
import java.util.List;

/**
 * The OS of a Defender process event, which DeviceProcessEvents does not name: a drive letter or backslash is
 * Windows; an absolute slash path is macOS when it has macOS's own shapes (application bundles, /System,
 * /Library, /Users, /private) in the process's or its parent's path, and Linux otherwise. A guess from the
 * paths, good enough to route rules by product; unknown when there is no path at all.
 */
final class DefenderPaths {

    private static final List<String> MACOS_PREFIXES = List.of("/Applications/", "/System/", "/Library/",
        "/Users/", "/private/", "/Volumes/", "/opt/homebrew/");

    private DefenderPaths() {
    }

    static String os(String image, String parentImage) {
        String windows = ProcessEvents.osOfPath(image);
        if (windows == null) {
            windows = ProcessEvents.osOfPath(parentImage);
        }
        if (windows != null) {
            return windows;
        }
        if (isMacOs(image) || isMacOs(parentImage)) {
            return "macos";
        }
        return isAbsolute(image) || isAbsolute(parentImage) ? "linux" : null;
    }

    private static boolean isMacOs(String path) {
        if (path == null) {
            return false;
        }
        for (String p : MACOS_PREFIXES) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        return path.contains(".app/Contents/");
    }

    private static boolean isAbsolute(String path) {
        return path != null && path.startsWith("/");
    }
}
