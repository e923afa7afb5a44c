package autobench.web;

import java.nio.charset.StandardCharsets;

/** A rendered response body with its status and content type, before caching and compression. */
record Response(int status, String contentType, byte[] body) {
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";

    static Response html(String s) {
        return new Response(200, HTML, s.getBytes(StandardCharsets.UTF_8));
    }

    static Response of(int status, String contentType, String s) {
        return new Response(status, contentType, s.getBytes(StandardCharsets.UTF_8));
    }
}
