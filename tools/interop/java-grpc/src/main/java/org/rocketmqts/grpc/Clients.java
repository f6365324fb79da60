package org.rocketmqts.grpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientServiceProvider;
import org.apache.rocketmq.client.apis.message.MessageView;

/** What every driver shares: `key=value` arguments, the client configuration, JSON output lines. */
final class Clients {
  static final ClientServiceProvider PROVIDER = ClientServiceProvider.loadService();

  private Clients() {}

  static Map<String, String> args(String[] argv, int from) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = from; i < argv.length; i++) {
      int eq = argv[i].indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("expected key=value, got " + argv[i]);
      out.put(argv[i].substring(0, eq), argv[i].substring(eq + 1));
    }
    return out;
  }

  static String required(Map<String, String> args, String key) {
    String value = args.get(key);
    if (value == null || value.isEmpty()) throw new IllegalArgumentException("missing argument " + key + "=...");
    return value;
  }

  /** TLS is the client's default; `ssl=false` switches it off. */
  static ClientConfiguration configuration(Map<String, String> args) {
    return ClientConfiguration.newBuilder()
        .setEndpoints(required(args, "endpoints"))
        .enableSsl(!"false".equals(args.get("ssl")))
        .setRequestTimeout(Duration.ofSeconds(10))
        .build();
  }

  static String body(MessageView message) {
    return StandardCharsets.UTF_8.decode(message.getBody().duplicate()).toString();
  }

  /** A JSON string literal (bodies and ids are plain ASCII in these drivers; quotes and backslashes escaped). */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\');
      if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }

  /** Prints `PREFIX {json}`; values are numbers, booleans, strings or already-rendered JSON (Raw). */
  static synchronized void line(String prefix, Map<String, ?> fields) {
    StringBuilder out = new StringBuilder(prefix).append(" {");
    boolean first = true;
    for (Map.Entry<String, ?> entry : fields.entrySet()) {
      if (!first) out.append(',');
      first = false;
      out.append(quote(entry.getKey())).append(':').append(render(entry.getValue()));
    }
    System.out.println(out.append('}'));
    System.out.flush();
  }

  static String render(Object value) {
    if (value == null) return "null";
    if (value instanceof Number || value instanceof Boolean) return value.toString();
    if (value instanceof Raw raw) return raw.json();
    if (value instanceof Iterable<?> items) {
      StringBuilder out = new StringBuilder("[");
      for (Object item : items) out.append(out.length() > 1 ? "," : "").append(render(item));
      return out.append(']').toString();
    }
    return quote(value.toString());
  }

  record Raw(String json) {}
}
