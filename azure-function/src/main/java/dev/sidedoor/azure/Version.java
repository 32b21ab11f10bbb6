package dev.sidedoor.azure;

/** The product version, from the jar manifest (set by the build); "dev" when run from classes. */
final class Version {

    private Version() {
    }

    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
