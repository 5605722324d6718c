package dev.accesslists.scim.launcher.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.MembershipChange;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads a membership change from its JSON with a streaming parser, taking only what a fold
 * needs; the list's grants only when asked. The time is the record's timestamp, which the writer
 * sets to the causing request's time ({@code cause.timestamp}, in milliseconds), so no date is
 * parsed. An order of magnitude cheaper than binding the whole document, which is what lets a
 * replay keep up with reading the log.
 */
final class ChangeDecoder {
    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private ChangeDecoder() {
    }

    /** Sees one field of an object: the parser stands on its value. */
    private interface Field {
        void read(String name, JsonToken value) throws IOException;
    }

    /** Hands each field of the object the parser stands on to {@code field}; skips anything that is not an object. */
    private static void fields(JsonParser parser, JsonToken start, Field field) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            field.read(name, parser.nextToken());
        }
    }

    /** What a change's JSON said, as read so far. */
    private static final class Read {
        String name;
        String title;
        String type;
        AccessList.Grants grants;
        String userId;
        String userName;
        String change;
        String groupId;
        String previousUserName;
        String requestId;
        String integrationId;
        String directoryId;
    }

    /** The change, or null when the record is not one this version can read. */
    static MembershipChange decode(byte[] value, long timestampMillis, boolean withGrants) {
        if (value == null) {
            return null;
        }
        Read r = new Read();
        try (JsonParser parser = FACTORY.createParser(value)) {
            fields(parser, parser.nextToken(), (field, token) -> {
                switch (field) {
                    case "accessList" -> fields(parser, token, (inner, innerToken) -> {
                        switch (inner) {
                            case "name" -> r.name = text(parser, innerToken);
                            case "title" -> r.title = text(parser, innerToken);
                            case "type" -> r.type = text(parser, innerToken);
                            case "grants" -> {
                                if (withGrants && innerToken == JsonToken.START_OBJECT) {
                                    r.grants = Json.mapper().readValue(parser, AccessList.Grants.class);
                                } else {
                                    parser.skipChildren();
                                }
                            }
                            default -> parser.skipChildren();
                        }
                    });
                    case "cause" -> fields(parser, token, (inner, innerToken) -> {
                        switch (inner) {
                            case "requestId" -> r.requestId = text(parser, innerToken);
                            case "integrationId" -> r.integrationId = text(parser, innerToken);
                            case "directoryId" -> r.directoryId = text(parser, innerToken);
                            default -> parser.skipChildren();
                        }
                    });
                    case "userId" -> r.userId = text(parser, token);
                    case "userName" -> r.userName = text(parser, token);
                    case "change" -> r.change = text(parser, token);
                    case "groupId" -> r.groupId = text(parser, token);
                    case "previousUserName" -> r.previousUserName = text(parser, token);
                    default -> parser.skipChildren();
                }
            });
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (r.title == null || r.userId == null || r.change == null || r.requestId == null) {
            return null;
        }
        MembershipChange.ChangeKind kind;
        try {
            kind = MembershipChange.ChangeKind.valueOf(r.change);
        } catch (IllegalArgumentException unknown) {
            // a kind added after this version: skipped, as the contract asks of consumers
            return null;
        }
        return new MembershipChange(new MembershipChange.ListRef(r.name, r.title, r.type,
                withGrants && r.grants == null ? AccessList.Grants.none() : r.grants), r.userId, r.userName, kind,
                r.groupId, new Cause(r.requestId, r.integrationId, r.directoryId, Instant.ofEpochMilli(timestampMillis)),
                r.previousUserName);
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }
}
