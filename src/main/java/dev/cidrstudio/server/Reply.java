package dev.cidrstudio.server;

import java.util.List;

/** What the served API answers: an HTTP code, the JSON document, the media type, and Warning headers. */
record Reply(int code, Object body, String contentType, List<String> warnings) {

    static final String JSON = "application/json";

    static Reply ok(Object body) {
        return new Reply(200, body, JSON, List.of());
    }

    static Reply of(int code, Object body, List<String> warnings) {
        return new Reply(code, body, JSON, warnings);
    }
}
