package org.rocketmqts.interop;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Just enough JSON writing for one-line summaries, so that the programs need no JSON library of their own. */
final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    @Override
    public String toString() {
        return write(fields);
    }

    private static String write(Object value) {
        if (value == null) return "null";
        if (value instanceof Json) return value.toString();
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        if (value instanceof Map) {
            StringBuilder out = new StringBuilder("{");
            Iterator<? extends Map.Entry<?, ?>> entries = ((Map<?, ?>) value).entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                out.append(quote(String.valueOf(entry.getKey()))).append(':').append(write(entry.getValue()));
                if (entries.hasNext()) out.append(',');
            }
            return out.append('}').toString();
        }
        if (value instanceof Collection) {
            StringBuilder out = new StringBuilder("[");
            Iterator<?> items = ((Collection<?>) value).iterator();
            while (items.hasNext()) {
                out.append(write(items.next()));
                if (items.hasNext()) out.append(',');
            }
            return out.append(']').toString();
        }
        return quote(value.toString());
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
