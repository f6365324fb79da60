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
 * Message trace with the official Java client: a producer and a push consumer built with
 * enableMsgTrace=true (the constructor flag applications use) send and consume --count messages;
 * both shut down, which flushes their trace records to RMQ_SYS_TRACE_TOPIC.
 * Prints SUMMARY {"msgIds":[...],"consumed":n}.
 */
public final class TraceProbe {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", null);
        int count = args.getInt("c", "count", 3);
        String producerGroup = args.get("producer-group", "producer-group", "trace_probe_pg");
        String consumerGroup = args.get("consumer-group", "consumer-group", "trace_probe_cg");
        String pid = Long.toString(ProcessHandle.current().pid());

        DefaultMQProducer producer = new DefaultMQProducer(producerGroup, true, null);
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("trace-probe-producer-" + pid);
        producer.start();
        List<String> msgIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SendResult result = producer.send(new Message(topic, "TagT", "trace-key-" + i, ("traced " + i).getBytes(StandardCharsets.UTF_8)));
            msgIds.add(result.getMsgId());
        }

        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(count);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(consumerGroup, true, null);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("trace-probe-consumer-" + pid);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                if (msgIds.contains(message.getMsgId()) && seen.add(message.getMsgId())) all.countDown();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        boolean complete = all.await(90, TimeUnit.SECONDS);
        // Let the trace dispatchers take the last records before shutting down (shutdown flushes too).
        Thread.sleep(2000);
        consumer.shutdown();
        producer.shutdown();
        System.out.println("SUMMARY " + new Json().put("msgIds", msgIds).put("consumed", seen.size()).put("complete", complete));
        System.exit(0);
    }
}
