package dev.cidrstudio.server;

import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.model.cluster.Status;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty itself refuses before the API sees the request (a malformed URI, headers too large): a
 * {@code metav1.Status} as everything else, never an HTML page or a stack trace.
 */
final class StatusErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        String reason = switch (code) {
            case 400 -> Status.BAD_REQUEST;
            case 404 -> Status.NOT_FOUND;
            case 405 -> Status.METHOD_NOT_ALLOWED;
            case 413 -> "RequestEntityTooLarge";
            case 431 -> "RequestHeaderFieldsTooLarge";
            default -> code >= 500 ? Status.INTERNAL_ERROR : "Unknown";
        };
        String text = message == null || message.isBlank() ? "the server rejected the request (" + code + ")"
                : message;
        Status s = new Status(code, reason, text, null, null, null, List.of());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, GoJson.compact(Statuses.toJson(s)), callback);
    }
}
