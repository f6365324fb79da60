package org.rocketmqts.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.exception.MQClientException;
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
 *                 [--sql "a > 5 AND b IN ('x','y')"] [--linger-ms 0]
 * </pre>
 *
 * With --sql it subscribes with MessageSelector.bySql; --linger-ms keeps consuming that long after
 * N arrived, so that a message that should not have come would show.
 *
 * Output: one "RECV {json}" line per distinct message, then "SUMMARY {json}". Exit code 0 iff N were received.
 * A start() the broker refuses (CHECK_CLIENT_CONFIG) gives "SUMMARY {startError, responseCode}" and exit code 2.
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
        String sql = args.opt("sql", "sql");
        long lingerMs = args.getLong("linger-ms", "linger-ms", 0);

        Map<String, String> received = new LinkedHashMap<>();
        CountDownLatch done = new CountDownLatch(1);

        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("interop-consumer-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        if (sql != null) consumer.subscribe(topic, MessageSelector.bySql(sql));
        else consumer.subscribe(topic, expression);
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            synchronized (received) {
                for (MessageExt message : messages) {
                    if (received.containsKey(message.getMsgId())) continue;
                    received.put(message.getMsgId(), message.getKeys());
                    if (received.size() > count) System.out.println("EXTRA " + message.getMsgId());
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
        try {
            consumer.start();
        } catch (MQClientException e) {
            // CHECK_CLIENT_CONFIG refused the subscription: the code and remark are the broker's.
            System.out.println("SUMMARY " + new Json().put("startError", String.valueOf(e.getErrorMessage())).put("responseCode", e.getResponseCode()));
            consumer.shutdown();
            System.exit(2);
        }
        System.out.println("STARTED " + new Json().put("group", group).put("topic", topic));

        boolean complete = done.await(timeoutMs, TimeUnit.MILLISECONDS);
        if (complete && lingerMs > 0) Thread.sleep(lingerMs);
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
