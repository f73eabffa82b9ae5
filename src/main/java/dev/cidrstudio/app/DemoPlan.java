package dev.cidrstudio.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The plan the app opens with when no file is given. */
public final class DemoPlan {

    public static final String RESOURCE = "/dev/cidrstudio/demo/demo.cidrplan.yaml";
    public static final String NAME = "demo.cidrplan.yaml";

    private DemoPlan() {
    }

    public static String text() {
        try (InputStream in = DemoPlan.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo plan is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PlanLoader.Result load() {
        try {
            return PlanLoader.load(NAME, text());
        } catch (ManifestImport.ImportException e) {
            throw new IllegalStateException("the built-in demo plan does not load: " + e.getMessage(), e);
        }
    }
}
