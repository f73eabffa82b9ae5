package dev.cidrstudio.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build stamped from the pom, for {@code --version}, the About dialog and installers. */
public final class AppVersion {

    private static final String VERSION = read();

    private AppVersion() {
    }

    /** The pom's version, like {@code 0.1.0-SNAPSHOT}; "development build" when the resource was not filtered. */
    public static String version() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = AppVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v.strip();
                }
            }
        } catch (IOException e) {
            // Fall through: an unreadable resource is a broken build, not a reason to fail to start.
            System.getLogger(AppVersion.class.getName()).log(System.Logger.Level.WARNING,
                    "the version resource could not be read", e);
        }
        String manifest = AppVersion.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "development build";
    }
}
