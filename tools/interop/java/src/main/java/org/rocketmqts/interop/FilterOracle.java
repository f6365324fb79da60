package org.rocketmqts.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import org.apache.rocketmq.filter.expression.BooleanExpression;
import org.apache.rocketmq.filter.expression.EvaluationContext;
import org.apache.rocketmq.filter.parser.SelectorParser;

/**
 * RocketMQ 5.3.3's own SQL92 filter (rocketmq-filter) as a reference: compiles each expression of
 * a cases file and evaluates it against each property set, the way the broker does (only a
 * Boolean result counts; an exception is "error").
 *
 * <pre>
 * FilterOracle --cases cases.jsonl --out results.jsonl
 *   cases.jsonl: one {"e": "a > 5", "p": [{"a": "7"}, {}]} per line
 * </pre>
 *
 * Output (in --out, too many lines for a process log): one {json} line per case, {"ok": true, "r": ["true", "null", "error", ...]} or
 * {"ok": false, "m": message}, then "SUMMARY {json}".
 */
public final class FilterOracle {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String casesFile = args.get("cases", "cases", null);
        String outFile = args.get("out", "out", null);
        List<String> outLines = new ArrayList<>();
        List<String> lines = Files.readAllLines(Paths.get(casesFile), StandardCharsets.UTF_8);
        int cases = 0;
        for (String line : lines) {
            if (line.isEmpty()) continue;
            JSONObject item = JSON.parseObject(line);
            String expression = item.getString("e");
            JSONArray propertySets = item.getJSONArray("p");
            Json out = new Json().put("i", cases);
            BooleanExpression compiled = null;
            try {
                compiled = SelectorParser.parse(expression);
            } catch (Exception e) {
                out.put("ok", false).put("m", String.valueOf(e.getCause()));
            }
            if (compiled != null) {
                List<String> results = new ArrayList<>();
                for (int i = 0; i < propertySets.size(); i++) {
                    JSONObject set = propertySets.getJSONObject(i);
                    Map<String, String> properties = new HashMap<>();
                    for (String key : set.keySet()) properties.put(key, set.getString(key));
                    results.add(evaluate(compiled, properties));
                }
                out.put("ok", true).put("r", results);
            }
            outLines.add(out.toString());
            cases++;
        }
        Files.write(Paths.get(outFile), outLines, StandardCharsets.UTF_8);
        System.out.println("SUMMARY " + new Json().put("cases", cases));
    }

    private static String evaluate(BooleanExpression expression, Map<String, String> properties) {
        EvaluationContext context = new EvaluationContext() {
            @Override
            public Object get(String name) {
                return properties.get(name);
            }

            @Override
            public Map<String, Object> keyValues() {
                return new HashMap<>(properties);
            }
        };
        try {
            Object value = expression.evaluate(context);
            if (value == null) return "null";
            if (value instanceof Boolean) return value.toString();
            return "other:" + value;
        } catch (Throwable e) {
            return "error";
        }
    }
}
