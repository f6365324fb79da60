package org.rocketmqts.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Consumes a topic with an orderly listener (queue locks on the broker, LOCK_BATCH_MQ) from the
 * first offset until it has seen N distinct messages or the timeout passes, recording for each
 * queue the order in which its messages were handed to the listener.
 *
 * <pre>
 * InteropOrderlyConsumer -n 127.0.0.1:9876 -t TopicA -g GroupA -c 10 [--timeout-ms 60000]
 * </pre>
 *
 * Output: "STARTED {json}", then "SUMMARY {json}" whose "queues" maps queueId to the message keys
 * in consumption order. Exit code 0 iff N distinct messages arrived.
 */
public final class InteropOrderlyConsumer {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", null);
        String group = args.get("g", "group", null);
        int count = args.getInt("c", "count", 10);
        long timeoutMs = args.getLong("timeout-ms", "timeout-ms", 60_000);

        Map<String, Boolean> seen = new LinkedHashMap<>();
        Map<Integer, List<String>> queues = new LinkedHashMap<>();
        CountDownLatch done = new CountDownLatch(1);

        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("interop-orderly-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
            synchronized (seen) {
                for (MessageExt message : messages) {
                    if (seen.put(message.getMsgId(), Boolean.TRUE) != null) continue;
                    queues.computeIfAbsent(message.getQueueId(), id -> new ArrayList<>()).add(message.getKeys());
                }
                if (seen.size() >= count) done.countDown();
            }
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();
        System.out.println("STARTED " + new Json().put("group", group).put("topic", topic));

        boolean complete = done.await(timeoutMs, TimeUnit.MILLISECONDS);
        Json summary;
        synchronized (seen) {
            Map<String, Object> byQueue = new LinkedHashMap<>();
            for (Map.Entry<Integer, List<String>> entry : queues.entrySet()) byQueue.put(String.valueOf(entry.getKey()), new ArrayList<>(entry.getValue()));
            summary = new Json()
                .put("topic", topic)
                .put("group", group)
                .put("expected", count)
                .put("received", seen.size())
                .put("complete", complete)
                .put("queues", byQueue);
        }
        consumer.shutdown();
        System.out.println("SUMMARY " + summary);
        System.exit(complete ? 0 : 1);
    }
}
