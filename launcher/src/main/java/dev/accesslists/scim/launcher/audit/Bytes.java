package dev.accesslists.scim.launcher.audit;

import java.nio.charset.StandardCharsets;

/** Cheap looks at raw record bytes, so that most records are skipped without being decoded. */
final class Bytes {
    private Bytes() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static boolean equal(byte[] a, byte[] b) {
        return a != null && java.util.Arrays.equals(a, b);
    }

    static boolean startsWith(byte[] data, byte[] prefix) {
        if (data == null || data.length < prefix.length) {
            return false;
        }
        return java.util.Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Whether {@code needle} occurs in {@code data}, ASCII letters compared ignoring case. */
    static boolean containsIgnoreCase(byte[] data, byte[] needle) {
        if (data == null || needle.length == 0) {
            return needle.length == 0;
        }
        byte first = lower(needle[0]);
        int last = data.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (lower(data[i]) != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (lower(data[i + j]) != lower(needle[j])) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
