package org.rocketmqts.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A live producer and consumer for the mqadmin suite, so that producerConnection,
 * consumerConnection and consumerProgress have clients to show:
 *
 *   AdminWorkload -n 127.0.0.1:9876 -t Topic -p ProducerGroup -g ConsumerGroup -c 20 [--key-prefix k]
 *
 * Sends `count` keyed messages (message i to queue i mod queues), prints one `SEND {json}` per message, waits until the consumer has
 * them all, prints `READY {json}`, then keeps both clients online for --linger-ms (default 10 min);
 * the suite stops it (SIGTERM) when its commands are done.
 */
public final class AdminWorkload {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", null);
        String producerGroup = args.get("p", "producer-group", null);
        String consumerGroup = args.get("g", "group", null);
        int count = args.getInt("c", "count", 20);
        String keyPrefix = args.get("key-prefix", "key-prefix", "adminkey");
        long lingerMs = args.getLong("linger-ms", "linger-ms", 600_000);

        Set<String> received = ConcurrentHashMap.newKeySet();
        CountDownLatch allReceived = new CountDownLatch(count);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(consumerGroup);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("admin-consumer-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) if (received.add(message.getMsgId())) allReceived.countDown();
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();

        DefaultMQProducer producer = new DefaultMQProducer(producerGroup);
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("admin-producer-" + ProcessHandle.current().pid());
        producer.start();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = keyPrefix + "-" + i;
            // Queue i % n, so that both clusters put the same messages in the same queues.
            SendResult result = producer.send(new Message(topic, "admin", key, ("admin message " + i).getBytes(StandardCharsets.UTF_8)),
                (queues, message, index) -> queues.get((Integer) index % queues.size()), i);
            keys.add(key);
            System.out.println("SEND " + new Json()
                .put("key", key)
                .put("msgId", result.getMsgId())
                .put("offsetMsgId", result.getOffsetMsgId())
                .put("status", result.getSendStatus().name())
                .put("broker", result.getMessageQueue().getBrokerName())
                .put("queueId", result.getMessageQueue().getQueueId())
                .put("queueOffset", result.getQueueOffset()));
        }
        boolean complete = allReceived.await(120, TimeUnit.SECONDS);
        System.out.println("READY " + new Json().put("sent", count).put("received", received.size()).put("complete", complete).put("keys", keys));
        System.out.flush();

        Thread.sleep(lingerMs);
        producer.shutdown();
        consumer.shutdown();
        System.out.println("SUMMARY " + new Json().put("sent", count).put("received", received.size()).put("complete", complete));
        System.exit(complete ? 0 : 1);
    }
}
