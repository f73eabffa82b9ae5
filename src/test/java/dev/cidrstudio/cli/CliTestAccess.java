package dev.cidrstudio.cli;

/** Lets tests of other packages read the pom's version the way CliTest does. */
public final class CliTestAccess {

    private CliTestAccess() {
    }

    public static String pomVersion() throws java.io.IOException {
        return CliTest.pomVersion();
    }
}
