package dev.cidrstudio.server;

import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ClusterState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One watch ({@code GET ...?watch=1}): a stream of {@code metav1.WatchEvent}s, one JSON object a line, as
 * kube-apiserver's watch encoder writes them ({@code {"type":"ADDED","object":{...}}}). It starts at the plan as of
 * the {@code resourceVersion} asked (a list's), or with an ADDED event for every object when none (or "0") is asked;
 * then after each change of the plan it sends what differs for the objects its namespace and selectors take: ADDED,
 * MODIFIED, DELETED. It ends after {@code timeoutSeconds}, when the client goes, or when the server stops.
 */
final class WatchStream {

    /** kube-apiserver's {@code --min-request-timeout} (1800 s): a watch that asks for no timeout ends after it. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1800);
    /** How often an idle watch that allows bookmarks gets one (which also finds a client that went away). */
    static final Duration BOOKMARK_INTERVAL = Duration.ofSeconds(10);

    private final ChangeFeed feed;
    private final ServedResource resource;
    private final String namespace;
    private final ListOptions options;
    private final RestStorage.TableRequest table;
    private final ClusterState start;
    private final Duration timeout;
    private final boolean bookmarks;
    private boolean columnsSent;

    private WatchStream(ChangeFeed feed, ServedResource resource, String namespace, ListOptions options,
            RestStorage.TableRequest table, ClusterState start, Duration timeout, boolean bookmarks) {
        this.feed = feed;
        this.resource = resource;
        this.namespace = namespace;
        this.options = options;
        this.table = table;
        this.start = start;
        this.timeout = timeout;
        this.bookmarks = bookmarks;
    }

    /**
     * A watch from the request's {@code resourceVersion}, {@code timeoutSeconds} and {@code allowWatchBookmarks}.
     * A resourceVersion the server no longer keeps starts from the plan as it is now.
     */
    static WatchStream of(ChangeFeed feed, ServedResource resource, String namespace, ListOptions options,
            RestStorage.TableRequest table, String resourceVersion, String timeoutSeconds, String allowBookmarks)
            throws ApiException {
        ClusterState start = null;
        if (resourceVersion != null && !resourceVersion.isEmpty() && !resourceVersion.equals("0")) {
            long rv;
            try {
                rv = Long.parseLong(resourceVersion);
            } catch (NumberFormatException e) {
                throw new ApiException(Statuses.badRequest("resourceVersion: Invalid value: \"" + resourceVersion
                        + "\": must be a number"));
            }
            start = feed.at(rv).orElse(feed.current());
        }
        Duration timeout = DEFAULT_TIMEOUT;
        if (timeoutSeconds != null && !timeoutSeconds.isEmpty()) {
            try {
                long seconds = Long.parseLong(timeoutSeconds);
                if (seconds > 0) {
                    timeout = Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                throw new ApiException(Statuses.badRequest("timeoutSeconds: Invalid value: \"" + timeoutSeconds
                        + "\": must be a number"));
            }
        }
        return new WatchStream(feed, resource, namespace, options, table, start, timeout,
                "true".equals(allowBookmarks) || "1".equals(allowBookmarks));
    }

    Duration timeout() {
        return timeout;
    }

    /** Sends events until the timeout, the server's stop, or a write that fails (the client went away). */
    void run(OutputStream out) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        ClusterState last;
        Map<String, RestStorage.Item> seen;
        if (start == null) {
            last = feed.current();
            seen = RestStorage.selected(last, resource, namespace, options);
            for (RestStorage.Item i : seen.values()) {
                send(out, "ADDED", i, last, null);
            }
        } else {
            last = start;
            seen = RestStorage.selected(last, resource, namespace, options);
        }
        // The headers go now, events or not: a client waits for them before it counts the watch as started.
        out.flush();
        long lastSent = System.nanoTime();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            long wait = Math.min(left, bookmarks ? BOOKMARK_INTERVAL.toNanos() : left) / 1_000_000L;
            Optional<ClusterState> next = feed.awaitChange(last, Math.max(1, wait));
            if (next.isEmpty()) {
                return;
            }
            ClusterState now = next.get();
            if (now != last) {
                Map<String, RestStorage.Item> current = RestStorage.selected(now, resource, namespace, options);
                boolean sent = false;
                for (Map.Entry<String, RestStorage.Item> e : seen.entrySet()) {
                    if (!current.containsKey(e.getKey())) {
                        send(out, "DELETED", e.getValue(), now, Long.toString(now.resourceVersionCounter()));
                        sent = true;
                    }
                }
                for (Map.Entry<String, RestStorage.Item> e : current.entrySet()) {
                    RestStorage.Item before = seen.get(e.getKey());
                    if (before == null) {
                        send(out, "ADDED", e.getValue(), now, null);
                        sent = true;
                    } else if (!before.json().equals(e.getValue().json())) {
                        send(out, "MODIFIED", e.getValue(), now, null);
                        sent = true;
                    }
                }
                if (sent) {
                    out.flush();
                    lastSent = System.nanoTime();
                }
                seen = current;
                last = now;
            }
            if (bookmarks && System.nanoTime() - lastSent >= BOOKMARK_INTERVAL.toNanos()) {
                bookmark(out, last);
                lastSent = System.nanoTime();
            }
        }
    }

    private void send(OutputStream out, String type, RestStorage.Item item, ClusterState state,
            String resourceVersion) throws IOException {
        Map<String, Object> object = RestStorage.watchObject(resource, item, state, table, !columnsSent);
        if (table != null) {
            columnsSent = true;
        }
        if (resourceVersion != null && table == null) {
            object = withResourceVersion(object, resourceVersion);
        }
        write(out, type, object);
    }

    /** A BOOKMARK: only the kind and the resourceVersion the watch has reached. */
    private void bookmark(OutputStream out, ClusterState state) throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceVersion", Long.toString(state.resourceVersionCounter()));
        meta.put("creationTimestamp", null);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("kind", resource.kind());
        object.put("apiVersion", resource.apiVersion());
        object.put("metadata", meta);
        write(out, "BOOKMARK", object);
        out.flush();
    }

    /** {@code {"type":"...","object":{...}}} and a newline, the fields in {@code metav1.WatchEvent}'s order. */
    private static void write(OutputStream out, String type, Map<String, Object> object) throws IOException {
        String line = "{\"type\":\"" + type + "\",\"object\":" + GoJson.compact(object) + "}\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withResourceVersion(Map<String, Object> object, String resourceVersion) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        Map<String, Object> meta = copy.get("metadata") instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        meta.put("resourceVersion", resourceVersion);
        copy.put("metadata", meta);
        return copy;
    }
}
