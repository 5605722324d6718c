package dev.accesslists.scim.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The contract of {@link Topics#DEAD_LETTERS}: the record's key and value are the original bytes,
 * its timestamp the original timestamp, and these headers (UTF-8 text) say where it came from and
 * why it was set aside.
 */
public final class DeadLetters {
    /** Topic the record was read from. */
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    /** Partition it was read from (decimal). */
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    /** Offset it was read from (decimal). */
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** Its original timestamp, epoch milliseconds (decimal). */
    public static final String SOURCE_TIMESTAMP = "dlq.source.timestamp";
    /** One of {@link Reason}, upper case. */
    public static final String REASON = "dlq.reason";
    /** A human-readable description of the problem. */
    public static final String ERROR = "dlq.error";
    /** The request id, when the record carried a readable one (its caller was answered). */
    public static final String REQUEST_ID = "dlq.request.id";

    private DeadLetters() {
    }

    /** Why a command record was set aside. */
    public enum Reason {
        /** The value is missing (a null record). */
        NULL_VALUE,
        /** The value is larger than the writer accepts. */
        OVERSIZED,
        /** The value is not a JSON document. */
        NOT_JSON,
        /** A command type (or part of one) this version does not know, e.g. from a newer version. */
        UNSUPPORTED,
        /** JSON of the right kind whose fields are missing, of the wrong type or out of range. */
        INVALID
    }

    /** The headers of a dead letter. */
    public static Headers headers(String topic, int partition, long offset, long timestamp, Reason reason,
                                  String error, String requestId) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, SOURCE_TOPIC, topic);
        add(headers, SOURCE_PARTITION, Integer.toString(partition));
        add(headers, SOURCE_OFFSET, Long.toString(offset));
        add(headers, SOURCE_TIMESTAMP, Long.toString(timestamp));
        add(headers, REASON, reason.name());
        add(headers, ERROR, error);
        if (requestId != null) {
            add(headers, REQUEST_ID, requestId);
        }
        return headers;
    }

    /** A header's text, or null when absent. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The reason header as a {@link Reason}, or null when absent or unknown. */
    public static Reason reason(Headers headers) {
        String text = text(headers, REASON);
        try {
            return text == null ? null : Reason.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
