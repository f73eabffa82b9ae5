package dev.cidrstudio.wizard;

/** A file a step applies, as the runbook writes it under {@code manifests/}. */
public record Manifest(String fileName, String content) {

    public static final String FOLDER = "manifests/";

    /** The path a step's commands use for it, relative to the runbook folder. */
    public String path() {
        return FOLDER + fileName;
    }
}
