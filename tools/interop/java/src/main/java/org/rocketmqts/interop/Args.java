package org.rocketmqts.interop;

import java.util.HashMap;
import java.util.Map;

/** Tiny "-k value" / "--key value" parser shared by the interop programs. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] argv) {
        for (int i = 0; i < argv.length; i++) {
            String key = argv[i];
            if (!key.startsWith("-")) {
                throw new IllegalArgumentException("unexpected argument: " + key);
            }
            if (i + 1 >= argv.length) {
                throw new IllegalArgumentException("missing value for " + key);
            }
            values.put(key.replaceFirst("^-+", ""), argv[++i]);
        }
    }

    String get(String shortName, String longName, String fallback) {
        String value = values.get(shortName);
        if (value == null) value = values.get(longName);
        if (value == null) value = fallback;
        if (value == null) {
            throw new IllegalArgumentException("required: -" + shortName + " / --" + longName);
        }
        return value;
    }

    /** An optional value: null when neither name was given (get() with a null fallback requires it). */
    String opt(String shortName, String longName) {
        String value = values.get(shortName);
        return value != null ? value : values.get(longName);
    }

    int getInt(String shortName, String longName, int fallback) {
        return Integer.parseInt(get(shortName, longName, Integer.toString(fallback)));
    }

    long getLong(String shortName, String longName, long fallback) {
        return Long.parseLong(get(shortName, longName, Long.toString(fallback)));
    }
}
