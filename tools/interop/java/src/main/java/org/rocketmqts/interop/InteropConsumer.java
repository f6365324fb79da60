package org.rocketmqts.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Push-consumes a topic from the first offset with the official Java client until it has seen
 * N distinct messages (by client message id) or the timeout passes.
 *
 * <pre>
 * InteropConsumer -n 127.0.0.1:9876 -t TopicA -g GroupA -c 10 [--timeout-ms 60000] [--expression '*']
 * </pre>
 *
 * Output: one "RECV {json}" line per distinct message, then "SUMMARY {json}". Exit code 0 iff N were received.
 */
public final class InteropConsumer {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", null);
        String group = args.get("g", "group", null);
        int count = args.getInt("c", "count", 10);
        long timeoutMs = args.getLong("timeout-ms", "timeout-ms", 60_000);
        String expression = args.get("expression", "expression", "*");

        Map<String, String> received = new LinkedHashMap<>();
        CountDownLatch done = new CountDownLatch(1);

        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("interop-consumer-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, expression);
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            synchronized (received) {
                for (MessageExt message : messages) {
                    if (received.containsKey(message.getMsgId())) continue;
                    received.put(message.getMsgId(), message.getKeys());
                    System.out.println("RECV " + new Json()
                        .put("msgId", message.getMsgId())
                        .put("key", message.getKeys())
                        .put("tags", message.getTags())
                        .put("broker", message.getBrokerName())
                        .put("queueId", message.getQueueId())
                        .put("queueOffset", message.getQueueOffset())
                        .put("reconsumeTimes", message.getReconsumeTimes())
                        .put("body", new String(message.getBody(), StandardCharsets.UTF_8)));
                }
                if (received.size() >= count) done.countDown();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        System.out.println("STARTED " + new Json().put("group", group).put("topic", topic));

        boolean complete = done.await(timeoutMs, TimeUnit.MILLISECONDS);
        Json summary;
        synchronized (received) {
            summary = new Json()
                .put("topic", topic)
                .put("group", group)
                .put("expected", count)
                .put("received", received.size())
                .put("complete", complete)
                .put("msgIds", new ArrayList<>(received.keySet()))
                .put("keys", new ArrayList<>(received.values()));
        }
        consumer.shutdown();
        System.out.println("SUMMARY " + summary);
        System.exit(complete ? 0 : 1);
    }
}
