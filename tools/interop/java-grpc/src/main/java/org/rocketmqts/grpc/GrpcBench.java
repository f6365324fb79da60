package org.rocketmqts.grpc;

import static org.rocketmqts.grpc.Clients.PROVIDER;
import static org.rocketmqts.grpc.Clients.line;
import static org.rocketmqts.grpc.Clients.required;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.consumer.FilterExpression;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
import org.apache.rocketmq.client.apis.message.Message;
import org.apache.rocketmq.client.apis.producer.Producer;

/**
 * gRPC throughput with the official Java 5 client, for tools/bench's grpc-vs-proxy.ts:
 *   GrpcBench send endpoints=… topic=T seconds=10 warmup=2 threads=16 size=1024
 *     N threads, each a synchronous send loop; counts sends that completed inside the measured window.
 *   GrpcBench receive endpoints=… topic=T group=G count=N timeoutS=120 threads=20
 *     a PushConsumer (POP + ack underneath) drains N messages; the rate runs from its first to its last.
 * Prints one `SUMMARY {json}` line: count, ms and tps (messages per second).
 */
public final class GrpcBench {
  private GrpcBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = Clients.args(argv, 1);
    Map<String, Object> summary = switch (argv.length == 0 ? "" : argv[0]) {
      case "send" -> send(args);
      case "receive" -> receive(args);
      default -> throw new IllegalArgumentException("usage: GrpcBench send|receive endpoints=… topic=…");
    };
    line("SUMMARY", summary);
    System.exit(0);
  }

  private static Map<String, Object> send(Map<String, String> args) throws Exception {
    String topic = required(args, "topic");
    long warmupMs = Long.parseLong(args.getOrDefault("warmup", "2")) * 1000;
    long windowMs = Long.parseLong(args.getOrDefault("seconds", "10")) * 1000;
    int threads = Integer.parseInt(args.getOrDefault("threads", "16"));
    byte[] body = "x".repeat(Integer.parseInt(args.getOrDefault("size", "1024"))).getBytes(StandardCharsets.UTF_8);
    try (Producer producer = PROVIDER.newProducerBuilder().setClientConfiguration(Clients.configuration(args)).setTopics(topic).build()) {
      Message message = PROVIDER.newMessageBuilder().setTopic(topic).setTag("bench").setBody(body).build();
      long start = System.currentTimeMillis();
      long measureFrom = start + warmupMs;
      long end = measureFrom + windowMs;
      AtomicLong measured = new AtomicLong();
      AtomicLong total = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread worker = new Thread(() -> {
          while (System.currentTimeMillis() < end) {
            try {
              producer.send(message);
              total.incrementAndGet();
              long now = System.currentTimeMillis();
              if (now >= measureFrom && now < end) measured.incrementAndGet();
            } catch (Exception e) {
              failed.incrementAndGet();
            }
          }
        });
        worker.start();
        workers.add(worker);
      }
      for (Thread worker : workers) worker.join();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("count", measured.get());
      summary.put("total", total.get());
      summary.put("failed", failed.get());
      summary.put("ms", windowMs);
      summary.put("tps", measured.get() * 1000.0 / windowMs);
      return summary;
    }
  }

  private static Map<String, Object> receive(Map<String, String> args) throws Exception {
    String topic = required(args, "topic");
    long count = Long.parseLong(required(args, "count"));
    long timeoutMs = Long.parseLong(args.getOrDefault("timeoutS", "120")) * 1000;
    AtomicLong received = new AtomicLong();
    AtomicLong first = new AtomicLong();
    AtomicLong last = new AtomicLong();
    long started = System.currentTimeMillis();
    try (PushConsumer consumer = PROVIDER.newPushConsumerBuilder()
        .setClientConfiguration(Clients.configuration(args))
        .setConsumerGroup(required(args, "group"))
        .setSubscriptionExpressions(Map.of(topic, FilterExpression.SUB_ALL))
        .setConsumptionThreadCount(Integer.parseInt(args.getOrDefault("threads", "20")))
        .setMessageListener(message -> {
          long now = System.currentTimeMillis();
          first.compareAndSet(0, now);
          last.set(now);
          received.incrementAndGet();
          return ConsumeResult.SUCCESS;
        })
        .build()) {
      long deadline = started + timeoutMs;
      while (received.get() < count && System.currentTimeMillis() < deadline) Thread.sleep(50);
    }
    long ms = Math.max(1, last.get() - first.get());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("count", received.get());
    summary.put("expected", count);
    summary.put("firstAfterMs", first.get() == 0 ? -1 : first.get() - started);
    summary.put("ms", ms);
    summary.put("tps", received.get() * 1000.0 / ms);
    return summary;
  }
}
