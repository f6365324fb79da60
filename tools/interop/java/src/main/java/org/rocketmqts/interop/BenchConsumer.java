package org.rocketmqts.interop;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;

/**
 * Consume-throughput benchmark on the official Java client: a push consumer (a new group, from the first
 * offset) drains a backlog; the listener only counts. Flag letters follow RocketMQ's benchmark consumer.
 *
 * <pre>
 * BenchConsumer -n 127.0.0.1:9876 -t BenchBacklog -c 1000000 [-g group] [-w 20] [--idle-s 30] [--timeout-s 900]
 * </pre>
 *
 * Prints "TPS t=… consumeTps=… total=…" each second; stops when c messages were consumed, when nothing
 * arrived for idle-s seconds, or at timeout-s; then one line "RESULT {json}" where tps counts from the first
 * message to the last one. Exit code 0 iff c messages arrived.
 */
public final class BenchConsumer {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", "BenchmarkTest");
        long expected = args.getLong("c", "count", 1_000_000);
        String group = args.get("g", "group", "benchmark_consumer_" + System.currentTimeMillis());
        int threads = args.getInt("w", "threads", 20);
        int idleS = args.getInt("idle-s", "idle-s", 30);
        int timeoutS = args.getInt("timeout-s", "timeout-s", 900);

        AtomicLong count = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        AtomicLong lastAt = new AtomicLong();

        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("bench-consumer-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setConsumeThreadMin(threads);
        consumer.setConsumeThreadMax(threads);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            long now = System.nanoTime();
            firstAt.compareAndSet(0, now);
            count.addAndGet(messages.size());
            lastAt.set(now);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        long begin = System.nanoTime();
        consumer.start();

        long last = 0;
        int second = 0;
        int idle = 0;
        String stoppedBy = "timeout";
        while (second < timeoutS) {
            Thread.sleep(1000);
            second++;
            long now = count.get();
            System.out.println("TPS t=" + second + " consumeTps=" + (now - last) + " total=" + now);
            idle = now == last ? idle + 1 : 0;
            last = now;
            if (now >= expected) { stoppedBy = "count"; break; }
            if (now > 0 && idle >= idleS) { stoppedBy = "idle"; break; }
        }
        consumer.shutdown();

        long n = count.get();
        double seconds = n == 0 ? 0 : (lastAt.get() - firstAt.get()) / 1e9;
        System.out.println("RESULT " + new Json()
            .put("topic", topic)
            .put("group", group)
            .put("threads", threads)
            .put("expected", expected)
            .put("consumed", n)
            .put("stoppedBy", stoppedBy)
            .put("firstMessageAfterS", n == 0 ? null : round((firstAt.get() - begin) / 1e9))
            .put("seconds", round(seconds))
            .put("tps", seconds > 0 ? round(n / seconds) : 0));
        System.exit(n >= expected ? 0 : 1);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
