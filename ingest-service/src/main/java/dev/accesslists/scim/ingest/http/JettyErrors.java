package dev.accesslists.scim.ingest.http;

import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.scim.ScimError;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives by itself, before a request reaches the SCIM routes (a path with a NUL
 * byte, an ambiguous encoded segment, headers too large, a URI too long), in the SCIM Error schema
 * like every other error, instead of Jetty's HTML page. The detail never repeats the request.
 */
public final class JettyErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Scim.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Scim.MEDIA_TYPE);
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        String detail = switch (status) {
            case 400 -> "the request is malformed: its request line, path or headers cannot be read";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large";
            case 505 -> "this HTTP version is not supported";
            default -> "the request cannot be served";
        };
        ScimError error = new ScimError(status < 100 || status > 599 ? 400 : status, null, detail);
        try {
            return Json.mapper().writeValueAsBytes(error.toJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
