package org.rocketmqts.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Push-consumes timer messages until N distinct keys arrived or the timeout passed, noting for
 * every delivery (duplicates included) when it arrived. Routes are refreshed every second so a
 * restarted broker is found again quickly.
 *
 * <pre>
 * TimerConsumer -n 127.0.0.1:9876 -t TopicA -g GroupA -c 10000 --out deliveries.tsv [--timeout-ms 180000]
 * </pre>
 *
 * Output: "STARTED", "PROGRESS n" each 500 distinct keys, then "SUMMARY {json}". --out gets one line per
 * delivery: key, deliverAt, receivedAt, queueId, queueOffset, TIMER_OUT_MS, reconsumeTimes (tab-separated).
 * Exit code 0 iff N distinct keys were received.
 */
public final class TimerConsumer {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", null);
        String group = args.get("g", "group", null);
        int count = args.getInt("c", "count", 1);
        long timeoutMs = args.getLong("timeout-ms", "timeout-ms", 180_000);
        String out = args.get("out", "out", null);

        List<String> deliveries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        CountDownLatch done = new CountDownLatch(1);

        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("timer-consumer-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPollNameServerInterval(1_000);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            long receivedAt = System.currentTimeMillis();
            synchronized (deliveries) {
                for (MessageExt message : messages) {
                    deliveries.add(String.join("\t", message.getKeys(), String.valueOf(message.getUserProperty("deliverAt")), Long.toString(receivedAt),
                        Integer.toString(message.getQueueId()), Long.toString(message.getQueueOffset()), String.valueOf(message.getProperty("TIMER_OUT_MS")),
                        Integer.toString(message.getReconsumeTimes())));
                    if (keys.add(message.getKeys()) && keys.size() % 500 == 0) System.out.println("PROGRESS " + keys.size());
                }
                if (keys.size() >= count) done.countDown();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        System.out.println("STARTED " + new Json().put("group", group).put("topic", topic));

        boolean complete = done.await(timeoutMs, TimeUnit.MILLISECONDS);
        consumer.shutdown();
        Json summary;
        synchronized (deliveries) {
            Files.write(Paths.get(out), deliveries, StandardCharsets.UTF_8);
            summary = new Json().put("topic", topic).put("group", group).put("expected", count).put("received", keys.size())
                .put("deliveries", deliveries.size()).put("complete", complete);
        }
        System.out.println("SUMMARY " + summary);
        System.exit(complete ? 0 : 1);
    }
}
