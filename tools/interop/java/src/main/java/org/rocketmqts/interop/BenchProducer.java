package org.rocketmqts.interop;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * Send-throughput benchmark on the official Java client: N threads, each sending synchronously in a loop
 * (the shape of RocketMQ's benchmark producer, with its flag letters), with every send's latency kept.
 *
 * <pre>
 * BenchProducer -n 127.0.0.1:9876 -t BenchTopic [-w 64] [-s 1024] [-k false]
 *               [--duration-s 25 --warmup-s 5]   measure a fixed time window after a warm-up
 *               [-q 1000000]                     or send exactly q messages, all measured
 *               [-b 127.0.0.1:10911 -r 8]        create the topic (r queues) on that broker first
 *               [--timeout-ms 3000]
 * </pre>
 *
 * Prints "TPS t=… sendTps=… failed=…" each second, and at the end one line "RESULT {json}" with tps and
 * avg/p50/p99/p999/max latency in ms over the measured sends. Exit code 0 iff no send failed.
 */
public final class BenchProducer {
    /** One growable array of latencies (microseconds) per thread; merged once at the end. */
    private static final class Samples {
        long[] values = new long[1 << 16];
        int size;

        void add(long v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }
    }

    private static volatile boolean stop;
    private static volatile boolean recording;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", "BenchmarkTest");
        int threads = args.getInt("w", "threads", 64);
        int size = args.getInt("s", "size", 128);
        boolean keys = Boolean.parseBoolean(args.get("k", "keys", "false"));
        long total = args.getLong("q", "count", 0);
        int durationS = args.getInt("duration-s", "duration-s", 25);
        int warmupS = args.getInt("warmup-s", "warmup-s", 5);
        String brokerAddr = args.get("b", "broker", "");
        int queues = args.getInt("r", "queues", 8);
        int timeoutMs = args.getInt("timeout-ms", "timeout-ms", 3000);

        // The official benchmark script sets this: SEND_MESSAGE_V2 (short header field names).
        System.setProperty("org.apache.rocketmq.client.sendSmartMsg", "true");

        if (!brokerAddr.isEmpty()) createTopic(namesrv, brokerAddr, topic, queues);

        DefaultMQProducer producer = new DefaultMQProducer("benchmark_producer");
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("bench-producer-" + ProcessHandle.current().pid());
        producer.setSendMsgTimeout(timeoutMs);
        producer.start();
        waitForRoute(producer, topic, queues);

        byte[] body = new byte[size];
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < size; i++) body[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));

        AtomicLong remaining = new AtomicLong(total);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong measuredFailed = new AtomicLong();
        String[] firstError = new String[1];
        Samples[] samples = new Samples[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            Samples mine = samples[t] = new Samples();
            workers[t] = new Thread(() -> {
                while (!stop) {
                    if (total > 0 && remaining.getAndDecrement() <= 0) break;
                    Message message = new Message(topic, body);
                    if (keys) message.setKeys(Long.toString(System.currentTimeMillis() / 1000));
                    boolean measure = recording;
                    long start = System.nanoTime();
                    try {
                        SendResult result = producer.send(message);
                        long micros = (System.nanoTime() - start) / 1000;
                        if (result.getSendStatus() == SendStatus.SEND_OK) {
                            ok.incrementAndGet();
                            if (measure && recording) mine.add(micros);
                        } else {
                            failed.incrementAndGet();
                            if (measure) measuredFailed.incrementAndGet();
                            synchronized (firstError) { if (firstError[0] == null) firstError[0] = result.getSendStatus().name(); }
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        if (measure) measuredFailed.incrementAndGet();
                        synchronized (firstError) { if (firstError[0] == null) firstError[0] = e.toString(); }
                        if (total > 0) remaining.incrementAndGet(); // count mode: retry that message later
                        try { Thread.sleep(100); } catch (InterruptedException ie) { return; }
                    }
                }
            }, "bench-sender-" + t);
        }

        long begin = System.nanoTime();
        if (total > 0) recording = true;
        for (Thread w : workers) w.start();

        long measureStart = total > 0 ? begin : begin + warmupS * 1_000_000_000L;
        long measureEnd = total > 0 ? Long.MAX_VALUE : measureStart + durationS * 1_000_000_000L;
        long lastOk = 0;
        int second = 0;
        while (true) {
            Thread.sleep(1000);
            second++;
            long now = System.nanoTime();
            long okNow = ok.get();
            System.out.println("TPS t=" + second + " sendTps=" + (okNow - lastOk) + " failed=" + failed.get()
                + (recording ? "" : " (warm-up)"));
            lastOk = okNow;
            if (!recording && total == 0 && now >= measureStart) {
                recording = true;
                measureStart = now;
                measureEnd = now + durationS * 1_000_000_000L;
            }
            if (total == 0 && now >= measureEnd) {
                recording = false;
                measureEnd = now;
                stop = true;
                break;
            }
            if (total > 0 && !anyAlive(workers)) {
                measureEnd = System.nanoTime();
                break;
            }
        }
        for (Thread w : workers) w.join();
        producer.shutdown();

        int n = 0;
        for (Samples s : samples) n += s.size;
        long[] all = new long[n];
        int at = 0;
        for (Samples s : samples) { System.arraycopy(s.values, 0, all, at, s.size); at += s.size; }
        Arrays.sort(all);
        double seconds = (measureEnd - measureStart) / 1e9;
        double sum = 0;
        for (long v : all) sum += v;
        System.out.println("RESULT " + new Json()
            .put("topic", topic)
            .put("threads", threads)
            .put("size", size)
            .put("measuredSends", n)
            .put("failed", failed.get())
            .put("measuredFailed", measuredFailed.get())
            .put("totalOk", ok.get())
            .put("seconds", round(seconds))
            .put("tps", round(n / seconds))
            .put("avgMs", round(n == 0 ? 0 : sum / n / 1000.0))
            .put("p50Ms", pct(all, 0.50))
            .put("p99Ms", pct(all, 0.99))
            .put("p999Ms", pct(all, 0.999))
            .put("maxMs", n == 0 ? 0 : round(all[n - 1] / 1000.0))
            .put("firstError", firstError[0]));
        System.exit(failed.get() == 0 ? 0 : 1);
    }

    private static boolean anyAlive(Thread[] workers) {
        for (Thread w : workers) if (w.isAlive()) return true;
        return false;
    }

    /** Nearest-rank percentile of a sorted array of microseconds, in ms. */
    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(p * sorted.length);
        return round(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static void createTopic(String namesrv, String brokerAddr, String topic, int queues) throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(namesrv);
        admin.setInstanceName("bench-admin-" + ProcessHandle.current().pid());
        admin.start();
        try {
            TopicConfig config = new TopicConfig(topic, queues, queues, 6);
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) {
                try {
                    admin.createAndUpdateTopicConfig(brokerAddr, config);
                    System.out.println("TOPIC created " + topic + " queues=" + queues + " on " + brokerAddr);
                    return;
                } catch (Exception e) {
                    if (System.currentTimeMillis() > deadline) throw e;
                    Thread.sleep(500);
                }
            }
        } finally {
            admin.shutdown();
        }
    }

    /** Waits until the name server's route for the topic has all its write queues. */
    private static void waitForRoute(DefaultMQProducer producer, String topic, int queues) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                int found = producer.fetchPublishMessageQueues(topic).size();
                if (found >= queues) {
                    System.out.println("ROUTE " + topic + " queues=" + found);
                    return;
                }
                last = "queues=" + found;
            } catch (Exception e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no route with " + queues + " queues for " + topic + ": " + last);
    }
}
