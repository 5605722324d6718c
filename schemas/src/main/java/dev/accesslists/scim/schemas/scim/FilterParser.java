package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.accesslists.scim.schemas.scim.FilterLexer.Kind;
import dev.accesslists.scim.schemas.scim.FilterLexer.Token;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the filter grammar of RFC 7644 §3.4.2.2 (Figure 1), plus two dialects seen from real
 * identity providers:
 *
 * <ul>
 *   <li>unquoted values are strings ({@code externalId eq jyoung}, {@code userName eq a@b.c}), as
 *       some Entra ID tenants send them; unquoted {@code true}, {@code false}, {@code null} and
 *       JSON numbers keep their JSON meaning;</li>
 *   <li>a sub-attribute after a value filter ({@code emails[type eq "work"].value eq "x"}), which
 *       Entra ID sends and which is read as {@code emails[type eq "work" and value eq "x"]}.</li>
 * </ul>
 *
 * Keywords and operators are case-insensitive (ABNF literals are), {@code and} binds tighter than
 * {@code or}, and both associate to the left.
 */
public final class FilterParser {

    /** Guards the recursion against hostile input such as ten thousand '('. */
    static final int MAX_DEPTH = 64;

    /** Bounds the work one filter can cause; a thousand comparisons is far beyond real use. */
    static final int MAX_TOKENS = 4096;

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    private final List<Token> tokens;
    private int index;
    private int depth;
    private boolean inValueFilter;

    private FilterParser(List<Token> tokens, boolean inValueFilter) {
        this.tokens = tokens;
        this.inValueFilter = inValueFilter;
    }

    /**
     * Parses a filter.
     *
     * @throws ScimException invalidFilter, with the column of the problem, when the text is not a
     *     filter
     */
    public static Filter parse(String text) {
        try {
            return parseOrThrow(text, false);
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidFilter("invalid filter: " + e.getMessage());
        }
    }

    /** Parses the {@code valFilter} inside a PATCH path's brackets, which may not nest brackets. */
    static Filter parseValueFilter(String text) {
        return parseOrThrow(text, true);
    }

    private static Filter parseOrThrow(String text, boolean valueFilter) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the filter is empty");
        }
        List<Token> tokens = FilterLexer.tokenize(text);
        if (tokens.size() > MAX_TOKENS) {
            throw new IllegalArgumentException("the filter has more than " + MAX_TOKENS + " tokens");
        }
        FilterParser parser = new FilterParser(tokens, valueFilter);
        Filter filter = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw parser.error(rest.kind() == Kind.RPAREN ? "unbalanced ')'"
                    : "expected 'and', 'or' or the end of the filter but found " + rest.describe()
                    + (parser.followsBareValue() ? " (quote values that contain spaces)" : ""), rest);
        }
        return filter;
    }

    private Filter or() {
        Filter left = and();
        while (isKeyword(peek(), "or")) {
            index++;
            left = new Filter.Or(left, and());
        }
        return left;
    }

    private Filter and() {
        Filter left = term();
        while (isKeyword(peek(), "and")) {
            index++;
            left = new Filter.And(left, term());
        }
        return left;
    }

    private Filter term() {
        Token token = peek();
        if (++depth > MAX_DEPTH) {
            throw error("the filter nests deeper than " + MAX_DEPTH + " levels", token);
        }
        try {
            if (token.kind() == Kind.LPAREN) {
                index++;
                return closed(or(), token);
            }
            if (isKeyword(token, "not") && peek(1).kind() == Kind.LPAREN) {
                index += 2;
                return new Filter.Not(closed(or(), peek(-1)));
            }
            if (token.kind() == Kind.WORD) {
                return attributeExpression();
            }
            throw error("expected an attribute path, '(' or 'not' but found " + token.describe(), token);
        } finally {
            depth--;
        }
    }

    private Filter closed(Filter inner, Token open) {
        Token close = peek();
        if (close.kind() != Kind.RPAREN) {
            throw error("expected ')' to close the '(' at column " + (open.start() + 1)
                    + " but found " + close.describe(), close);
        }
        index++;
        return inner;
    }

    private Filter attributeExpression() {
        Token word = next();
        AttrPath path = attrPath(word.text(), word);
        if (peek().kind() != Kind.LBRACKET) {
            return operatorTail(path, word);
        }
        Token open = next();
        if (inValueFilter) {
            throw error("value filters cannot be nested", open);
        }
        if (path.subAttribute() != null) {
            throw error("a value filter must follow an attribute, not the sub-attribute '"
                    + path.toScimString() + "'", open);
        }
        inValueFilter = true;
        Filter inner = or();
        inValueFilter = false;
        Token close = peek();
        if (close.kind() != Kind.RBRACKET) {
            throw error("expected ']' to close the '[' at column " + (open.start() + 1)
                    + " but found " + close.describe(), close);
        }
        index++;
        Token after = peek();
        if (after.kind() == Kind.WORD && after.text().startsWith(".")) {
            index++;
            AttrPath sub = attrPath(after.text().substring(1), after);
            if (sub.subAttribute() != null || sub.schemaUrn() != null) {
                throw error("expected a sub-attribute name after ']' but found " + after.describe(), after);
            }
            inner = new Filter.And(inner, operatorTail(sub, after));
        }
        return new Filter.ValuePath(path, inner);
    }

    private Filter operatorTail(AttrPath path, Token pathToken) {
        Token opToken = next();
        if (isKeyword(opToken, "pr")) {
            return new Filter.Present(path);
        }
        Optional<Operator> op = opToken.kind() == Kind.WORD ? Operator.fromKeyword(opToken.text()) : Optional.empty();
        if (op.isEmpty() && pathToken.text().equalsIgnoreCase("not")) {
            throw error("'not' must be followed by a filter in parentheses", pathToken);
        }
        if (op.isEmpty()) {
            throw error("expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after '"
                    + pathToken.text() + "' but found " + opToken.describe(), opToken);
        }
        Token valueToken = next();
        JsonNode value = value(valueToken, op.get());
        if (op.get().isOrdering() && (value.isBoolean() || value.isNull())) {
            throw error("'" + op.get().keyword() + "' cannot compare with " + value, valueToken);
        }
        return new Filter.Compare(path, op.get(), value);
    }

    private JsonNode value(Token token, Operator op) {
        if (token.kind() == Kind.STRING) {
            return TextNode.valueOf(token.text());
        }
        if (token.kind() != Kind.WORD) {
            throw error("expected a value after '" + op.keyword() + "' but found " + token.describe(), token);
        }
        return bareValue(token.text());
    }

    /** An unquoted value: a JSON literal or number when it is one, else a string. */
    static JsonNode bareValue(String text) {
        if (text.equalsIgnoreCase("true")) {
            return BooleanNode.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return BooleanNode.FALSE;
        }
        if (text.equalsIgnoreCase("null")) {
            return NullNode.getInstance();
        }
        if (NUMBER.matcher(text).matches()) {
            return number(text);
        }
        return TextNode.valueOf(text);
    }

    static JsonNode number(String text) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (!INTEGER.matcher(text).matches()) {
            return nodes.numberNode(new BigDecimal(text));
        }
        BigInteger integer = new BigInteger(text);
        if (integer.bitLength() < 32) {
            return nodes.numberNode(integer.intValue());
        }
        return integer.bitLength() < 64 ? nodes.numberNode(integer.longValue()) : nodes.numberNode(integer);
    }

    private AttrPath attrPath(String text, Token token) {
        try {
            return AttrPath.parseOrThrow(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage(), token);
        }
    }

    private boolean followsBareValue() {
        Token op = peek(-2);
        return peek(-1).kind() == Kind.WORD && op.kind() == Kind.WORD && Operator.fromKeyword(op.text()).isPresent();
    }

    private Token peek() {
        return peek(0);
    }

    private Token peek(int offset) {
        int at = Math.max(0, Math.min(index + offset, tokens.size() - 1));
        return tokens.get(at);
    }

    private Token next() {
        Token token = peek();
        if (token.kind() != Kind.END) {
            index++;
        }
        return token;
    }

    private static boolean isKeyword(Token token, String keyword) {
        return token.kind() == Kind.WORD && token.text().equalsIgnoreCase(keyword);
    }

    private IllegalArgumentException error(String message, Token at) {
        return new IllegalArgumentException(message + " at column " + (at.start() + 1));
    }
}
