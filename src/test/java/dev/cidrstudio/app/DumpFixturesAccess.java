package dev.cidrstudio.app;

/** Lets tests in other packages use the dump fixtures. */
public final class DumpFixturesAccess {

    private DumpFixturesAccess() {
    }

    public static String smallDump() {
        return DumpFixtures.smallDump();
    }

    public static String service(String ns, String name, String ip, int i) {
        return DumpFixtures.service(ns, name, ip, i);
    }
}
