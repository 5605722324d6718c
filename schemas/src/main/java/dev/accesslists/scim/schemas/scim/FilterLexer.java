package dev.accesslists.scim.schemas.scim;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter into tokens: brackets, parentheses, JSON string literals, and words (everything
 * else up to whitespace, a bracket, a parenthesis or a quote). Words are classified by the parser,
 * because whether {@code jyoung} is an attribute or an unquoted value depends on its position.
 */
final class FilterLexer {

    enum Kind { LPAREN, RPAREN, LBRACKET, RBRACKET, STRING, WORD, END }

    /**
     * @param text the word, or the decoded string literal
     * @param start offset of the first character
     * @param end offset after the last character
     */
    record Token(Kind kind, String text, int start, int end) {
        String describe() {
            return switch (kind) {
                case END -> "the end of the filter";
                case STRING -> "the string \"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private final String input;
    private int pos;

    private FilterLexer(String input) {
        this.input = input;
    }

    /**
     * @throws IllegalArgumentException on an unterminated string or a bad escape
     */
    static List<Token> tokenize(String input) {
        return new FilterLexer(input).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < input.length() && isSpace(input.charAt(pos))) {
                pos++;
            }
            if (pos >= input.length()) {
                tokens.add(new Token(Kind.END, "", pos, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = input.charAt(pos);
        Kind single = switch (c) {
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case '[' -> Kind.LBRACKET;
            case ']' -> Kind.RBRACKET;
            default -> null;
        };
        if (single != null) {
            pos++;
            return new Token(single, String.valueOf(c), start, pos);
        }
        if (c == '"') {
            return string();
        }
        while (pos < input.length() && !isDelimiter(input.charAt(pos))) {
            pos++;
        }
        return new Token(Kind.WORD, input.substring(start, pos), start, pos);
    }

    /** A JSON string literal, RFC 8259 §7, as RFC 7644 §3.4.2.2 requires for string values. */
    private Token string() {
        int start = pos++;
        StringBuilder out = new StringBuilder();
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == '"') {
                return new Token(Kind.STRING, out.toString(), start, pos);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= input.length()) {
                break;
            }
            char e = input.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape(pos - 2));
                default -> throw new IllegalArgumentException(
                        "invalid escape '\\" + e + "' in the string at column " + (start + 1));
            }
        }
        throw new IllegalArgumentException("unterminated string starting at column " + (start + 1));
    }

    private char unicodeEscape(int escapeStart) {
        if (pos + 4 > input.length()) {
            throw new IllegalArgumentException("incomplete \\u escape at column " + (escapeStart + 1));
        }
        String hex = input.substring(pos, pos + 4);
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("invalid \\u escape at column " + (escapeStart + 1));
            }
        }
        pos += 4;
        return (char) Integer.parseInt(hex, 16);
    }

    private static boolean isDelimiter(char c) {
        return isSpace(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '"';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
