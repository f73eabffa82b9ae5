package dev.cidrstudio.io.yaml;

/**
 * Bounds that keep hostile files cheap: size, nesting, aliases, documents, and the length of one string.
 *
 * @param maxBytes        the largest file
 * @param maxDepth        the deepest nesting of collections
 * @param maxAliases      aliases to collections (SnakeYAML's own bound)
 * @param maxDocuments    documents in one file
 * @param maxScalarChars  the longest string, key or value: a request body kube-apiserver accepts is at most
 *                        {@link #KUBE_MAX_REQUEST_BODY_BYTES}, so no longer string can ever reach a cluster
 */
public record YamlLimits(long maxBytes, int maxDepth, int maxAliases, int maxDocuments, int maxScalarChars) {

    /** kube-apiserver's default {@code --max-request-body-bytes} (ServerRunOptions.MaxRequestBodyBytes): 3 MiB. */
    public static final int KUBE_MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

    /**
     * Characters that aliases may add beyond the file's own: a document set without aliases never holds more
     * characters in its strings than its text has, so only alias expansion (a "billion laughs" of long strings)
     * goes past the file's length plus this.
     */
    public static final int ALIAS_CHARACTER_HEADROOM = 16 * 1024 * 1024;

    public static final YamlLimits DEFAULT = new YamlLimits(64L * 1024 * 1024, 64, 50, 100_000,
            KUBE_MAX_REQUEST_BODY_BYTES);

    public YamlLimits(long maxBytes, int maxDepth, int maxAliases, int maxDocuments) {
        this(maxBytes, maxDepth, maxAliases, maxDocuments, KUBE_MAX_REQUEST_BODY_BYTES);
    }
}
