package dev.cidrstudio.io.yaml;

/** Bounds that keep hostile files cheap: size, nesting, aliases, documents. */
public record YamlLimits(long maxBytes, int maxDepth, int maxAliases, int maxDocuments) {

    public static final YamlLimits DEFAULT = new YamlLimits(64L * 1024 * 1024, 64, 50, 100_000);
}
