package dev.cidrstudio.server;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.console.kubectl.VersionOptions;
import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The served Kubernetes API on Jetty's core handler: authentication (a bearer token when one is set), the read-only
 * switch, the request's path, media types and body limit, then discovery, version and the resources. Every answer is
 * JSON; every refusal a {@code metav1.Status}.
 */
final class ApiHandler extends Handler.Abstract {

    private static final System.Logger LOG = System.getLogger("dev.cidrstudio.server");
    static final String TABLE_MEDIA_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";
    /** The bodies POST and PUT take. */
    static final List<String> BODY_MEDIA_TYPES = List.of("application/json", "application/yaml",
            KubeProtobuf.MEDIA_TYPE);

    private final PlanSession session;
    private final RestStorage storage;
    private final boolean readOnly;
    private final String token;
    private final long maxBodyBytes;
    private final ChangeFeed feed;

    ApiHandler(PlanSession session, boolean readOnly, String token, long maxBodyBytes) {
        this.session = session;
        this.feed = new ChangeFeed(session);
        this.storage = new RestStorage(session);
        this.readOnly = readOnly;
        this.token = token;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Reply reply;
        try {
            reply = serve(request);
        } catch (ApiException e) {
            reply = Reply.of(e.status().code(), Statuses.toJson(e.status()), e.warnings());
        } catch (RuntimeException | IOException e) {
            LOG.log(System.Logger.Level.WARNING, "request failed: " + request.getMethod() + " "
                    + request.getHttpURI().getPath(), e);
            reply = Reply.of(500, Statuses.toJson(Statuses.internalError(e.getClass().getSimpleName())), List.of());
        }
        response.setStatus(reply.code());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
        if (reply.body() instanceof WatchStream watch) {
            stream(request, response, callback, watch);
            return true;
        }
        for (String w : reply.warnings()) {
            response.getHeaders().add("Warning", warningHeader(w));
        }
        Content.Sink.write(response, true, reply.body() instanceof PodLog.Text t ? t.text()
                : GoJson.compact(reply.body()), callback);
        return true;
    }

    /** Ends every watch under way (the server is stopping). */
    void closeWatches() {
        feed.close();
    }

    /** Streams a watch's events on this request's thread until it ends; the response is chunked. */
    private static void stream(Request request, Response response, Callback callback, WatchStream watch) {
        // The connection is quiet between events: it must outlive the watch, not Jetty's idle timeout.
        request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(
                watch.timeout().toMillis() + 30_000);
        try (java.io.OutputStream out = Content.Sink.asOutputStream(response)) {
            watch.run(out);
        } catch (IOException e) {
            // The client went away: the watch is over.
            LOG.log(System.Logger.Level.DEBUG, "watch ended: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "watch failed", e);
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    /** {@code 299 - "text"}: the agent is "-", the text quoted with backslash escapes (RFC 7234). */
    static String warningHeader(String text) {
        return "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Reply serve(Request request) throws ApiException, IOException {
        if (token != null && !authenticated(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            throw new ApiException(Statuses.unauthorized());
        }
        String method = request.getMethod();
        String rawPath = Request.getPathInContext(request);
        if (rawPath.equals("/openapi/v3") || rawPath.startsWith("/openapi/v3/")) {
            requireGet(method);
            String gitVersion = VersionOptions.serverGitVersion(session.current().settings().kubernetesVersion());
            if (rawPath.equals("/openapi/v3")) {
                return Reply.ok(OpenApi.root());
            }
            return Reply.ok(OpenApi.document(rawPath, gitVersion).orElseThrow(
                    () -> new ApiException(Statuses.pathNotFound())));
        }
        ApiPath path = ApiPath.parse(rawPath);
        Fields query = Request.extractQueryParameters(request);
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        switch (path.target()) {
            case VERSION -> {
                requireGet(method);
                return Reply.ok(VersionOptions.serverInfo(session.current().settings().kubernetesVersion()));
            }
            case CORE_VERSIONS -> {
                requireGet(method);
                if (Discovery.wantsAggregated(accept)) {
                    return new Reply(200, Discovery.aggregated(true), Discovery.AGGREGATED_V2, List.of());
                }
                return Reply.ok(Discovery.coreVersions(Request.getLocalAddr(request) + ":"
                        + Request.getLocalPort(request)));
            }
            case GROUPS -> {
                requireGet(method);
                if (Discovery.wantsAggregated(accept)) {
                    return new Reply(200, Discovery.aggregated(false), Discovery.AGGREGATED_V2, List.of());
                }
                return Reply.ok(Discovery.groupList());
            }
            case GROUP -> {
                requireGet(method);
                return Reply.ok(Discovery.group(path.group()));
            }
            case RESOURCES -> {
                requireGet(method);
                return Reply.ok(Discovery.resourceList(path.group(), path.version()));
            }
            case COLLECTION -> {
                return collection(request, method, path, query, accept);
            }
            case OBJECT -> {
                return object(request, method, path, query, accept);
            }
            case POD_LOG -> {
                requireGet(method);
                return new Reply(200, PodLog.of(session, path.namespace(), path.name(),
                        query.getValue("container")), PodLog.MEDIA_TYPE, List.of());
            }
            default -> throw new ApiException(Statuses.pathNotFound());
        }
    }

    private Reply collection(Request request, String method, ApiPath path, Fields query, String accept)
            throws ApiException, IOException {
        ServedResource r = path.resource();
        switch (method) {
            case "GET" -> {
                String watch = query.getValue("watch");
                List<String> selectable = new java.util.ArrayList<>(ListOptions.SELECTABLE_FIELDS);
                if (r.model() == dev.cidrstudio.model.api.Kind.EVENT) {
                    selectable.addAll(ListOptions.EVENT_FIELDS);
                }
                ListOptions options = ListOptions.parse(query.getValue("labelSelector"),
                        query.getValue("fieldSelector"), query.getValue("limit"), query.getValue("continue"),
                        selectable);
                if ("true".equals(watch) || "1".equals(watch)) {
                    RestStorage.TableRequest table = table(accept, query);
                    WatchStream stream = WatchStream.of(feed, r, r.namespaced() ? path.namespace() : null, options,
                            table, query.getValue("resourceVersion"), query.getValue("timeoutSeconds"),
                            query.getValue("allowWatchBookmarks"));
                    return new Reply(200, stream, table != null ? TABLE_MEDIA_TYPE : Reply.JSON, List.of());
                }
                Reply reply = storage.list(r, path.namespace(), options, table(accept, query));
                return tableMediaType(reply, accept);
            }
            case "POST" -> {
                if (r.namespaced() && path.namespace() == null) {
                    throw new ApiException(Statuses.methodNotAllowed("create", r));
                }
                refuseIfReadOnly("create", r, path.namespace(), null);
                String body = body(request, BODY_MEDIA_TYPES);
                return storage.create(r, path.namespace(), body, dryRun(query));
            }
            default -> throw new ApiException(Statuses.methodNotAllowed(method, r));
        }
    }

    private Reply object(Request request, String method, ApiPath path, Fields query, String accept)
            throws ApiException, IOException {
        ServedResource r = path.resource();
        String ns = path.namespace();
        String name = path.name();
        switch (method) {
            case "GET" -> {
                return tableMediaType(storage.get(r, ns, name, table(accept, query)), accept);
            }
            case "PUT" -> {
                refuseIfReadOnly("update", r, ns, name);
                return storage.update(r, ns, name, body(request, BODY_MEDIA_TYPES), dryRun(query));
            }
            case "PATCH" -> {
                refuseIfReadOnly("patch", r, ns, name);
                String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
                Optional<RestStorage.PatchType> type = RestStorage.PatchType.of(contentType);
                if (type.isEmpty()) {
                    throw new ApiException(Statuses.unsupportedMediaType(contentType, List.of(
                            RestStorage.PatchType.JSON.mediaType, RestStorage.PatchType.MERGE.mediaType,
                            RestStorage.PatchType.STRATEGIC.mediaType)));
                }
                return storage.patch(r, ns, name, type.get(), readBody(request), dryRun(query));
            }
            case "DELETE" -> {
                refuseIfReadOnly("delete", r, ns, name);
                return storage.delete(r, ns, name, readBody(request), dryRun(query));
            }
            default -> throw new ApiException(Statuses.methodNotAllowed(method, r));
        }
    }

    private boolean authenticated(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
    }

    private void refuseIfReadOnly(String verb, ServedResource r, String namespace, String name) throws ApiException {
        if (readOnly) {
            throw new ApiException(Statuses.forbidden(token == null ? "system:anonymous" : "cidrstudio", verb, r,
                    namespace, name));
        }
    }

    private static void requireGet(String method) throws ApiException {
        if (!method.equals("GET")) {
            throw new ApiException(new dev.cidrstudio.model.cluster.Status(405,
                    dev.cidrstudio.model.cluster.Status.METHOD_NOT_ALLOWED, "the server does not allow this method "
                            + "on the requested resource", null, null, null, List.of()));
        }
    }

    /** {@code dryRun=All}, or none. */
    private static ApiServer.DryRun dryRun(Fields query) throws ApiException {
        List<String> values = query.getValues("dryRun");
        if (values == null || values.isEmpty()) {
            return ApiServer.DryRun.NONE;
        }
        for (String v : values) {
            if (!v.equals("All")) {
                throw new ApiException(Statuses.badRequest("Invalid dryRun value: \"" + v
                        + "\": supported values: \"All\""));
            }
        }
        return ApiServer.DryRun.ALL;
    }

    /** Whether the client asked for a Table ({@code kubectl get}'s server-side printing), and with what object. */
    private static RestStorage.TableRequest table(String accept, Fields query) {
        if (accept == null || !accept.contains("as=Table")) {
            return null;
        }
        String include = query.getValue("includeObject");
        if ("Object".equals(include)) {
            return RestStorage.TableRequest.OBJECT;
        }
        if ("None".equals(include)) {
            return RestStorage.TableRequest.NONE;
        }
        return RestStorage.TableRequest.METADATA;
    }

    private static Reply tableMediaType(Reply reply, String accept) {
        return accept != null && accept.contains("as=Table")
                ? new Reply(reply.code(), reply.body(), TABLE_MEDIA_TYPE, reply.warnings()) : reply;
    }

    /** The body of a POST or PUT, in one of the media types given. */
    private String body(Request request, List<String> mediaTypes) throws ApiException, IOException {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String base = contentType == null ? "" : contentType.split(";")[0].trim();
        if (!mediaTypes.contains(base)) {
            throw new ApiException(Statuses.unsupportedMediaType(contentType, mediaTypes));
        }
        byte[] body = readBytes(request);
        if (base.equals(KubeProtobuf.MEDIA_TYPE)) {
            try {
                return GoJson.compact(KubeProtobuf.decode(body));
            } catch (KubeProtobuf.BodyException e) {
                throw new ApiException(Statuses.badRequest(e.getMessage()));
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as text, refused when larger than the limit (kube-apiserver's {@code --max-request-body-bytes}). */
    private String readBody(Request request) throws ApiException, IOException {
        return new String(readBytes(request), StandardCharsets.UTF_8);
    }

    private byte[] readBytes(Request request) throws ApiException, IOException {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw new ApiException(Statuses.tooLarge(maxBodyBytes));
        }
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        }
        if (bytes.length > maxBodyBytes) {
            throw new ApiException(Statuses.tooLarge(maxBodyBytes));
        }
        return bytes;
    }
}
