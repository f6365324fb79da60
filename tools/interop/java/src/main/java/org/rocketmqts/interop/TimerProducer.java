package org.rocketmqts.interop;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * Sends N timer messages with the 5.x API, Message#setDeliverTimeMs: message i is due at
 * start + delay + spread * i / N, where start is taken just before the first send. Sends are
 * asynchronous (at most --in-flight at once; a refused one is sent again up to twice) so that 10,000 leave well before the first is due.
 * Each message carries its due time in the user property "deliverAt" and its index in its key.
 *
 * <pre>
 * TimerProducer -n 127.0.0.1:9876 -t TopicA -c 10000 --delay-ms 10000 --spread-ms 60000 [--key-prefix k] [--in-flight 64]
 * </pre>
 *
 * Output: "SUMMARY {json}" with start, sendOk, failed, sentMs. Exit code 0 iff every send returned SEND_OK.
 */
public final class TimerProducer {
    /**
     * Asynchronous send; a refusal (e.g. an Apache broker's TIMEOUT_CLEAN_QUEUE flow control,
     * which the client does not retry for async sends) is sent again up to `attemptsLeft` times.
     */
    private static void sendWithRetries(DefaultMQProducer producer, Message message, int attemptsLeft, Semaphore slots,
                                        AtomicInteger ok, AtomicInteger failed, AtomicReference<String> lastError) throws Exception {
        producer.send(message, new SendCallback() {
            @Override
            public void onSuccess(SendResult result) {
                if (result.getSendStatus() == SendStatus.SEND_OK) ok.incrementAndGet();
                else {
                    failed.incrementAndGet();
                    lastError.set(result.getSendStatus().name());
                }
                slots.release();
            }

            @Override
            public void onException(Throwable error) {
                lastError.set(error.toString());
                if (attemptsLeft > 1) {
                    try {
                        Thread.sleep(100);
                        sendWithRetries(producer, message, attemptsLeft - 1, slots, ok, failed, lastError);
                        return;
                    } catch (Exception retryError) {
                        lastError.set(retryError.toString());
                    }
                }
                failed.incrementAndGet();
                slots.release();
            }
        });
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", null);
        int count = args.getInt("c", "count", 1);
        long delayMs = args.getLong("delay-ms", "delay-ms", 10_000);
        long spreadMs = args.getLong("spread-ms", "spread-ms", 0);
        String keyPrefix = args.get("key-prefix", "key-prefix", "timer-" + System.currentTimeMillis());
        int inFlight = args.getInt("in-flight", "in-flight", 64);

        DefaultMQProducer producer = new DefaultMQProducer(args.get("g", "group", "timer_producer_" + System.currentTimeMillis()));
        producer.setNamesrvAddr(namesrv);
        producer.setSendMsgTimeout(10_000);
        producer.setRetryTimesWhenSendAsyncFailed(2);
        producer.setInstanceName("timer-producer-" + ProcessHandle.current().pid());
        producer.start();

        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> lastError = new AtomicReference<>();
        long start = System.currentTimeMillis();
        try {
            for (int i = 0; i < count; i++) {
                long deliverAt = start + delayMs + spreadMs * i / count;
                Message message = new Message(topic, "timer", keyPrefix + "-" + i, ("timer message " + i).getBytes(StandardCharsets.UTF_8));
                message.putUserProperty("deliverAt", Long.toString(deliverAt));
                message.setDeliverTimeMs(deliverAt);
                slots.acquire();
                sendWithRetries(producer, message, 3, slots, ok, failed, lastError);
            }
            slots.tryAcquire(inFlight, 60, TimeUnit.SECONDS);
        } finally {
            producer.shutdown();
        }
        System.out.println("SUMMARY " + new Json()
            .put("topic", topic)
            .put("requested", count)
            .put("start", start)
            .put("sentMs", System.currentTimeMillis() - start)
            .put("sendOk", ok.get())
            .put("failed", failed.get())
            .put("lastError", lastError.get()));
        System.exit(ok.get() == count ? 0 : 1);
    }
}
