package org.rocketmqts.interop;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A TransactionMQProducer and a push consumer of the same topic in one process, so every delivery
 * (duplicates included) is counted against the decision each message was given.
 *
 * <pre>
 * InteropTransactions -n ns -t topic -g producerGroup -c count [--decisions commit,rollback,unknown]
 *                     [--hold-first-ms 0] [--timeout-ms 90000] [--settle-ms 5000]
 * </pre>
 *
 * Message i gets decisions[i % n]: commit and rollback are the local transaction's answer; unknown
 * answers UNKNOW, and the check listener later answers COMMIT (UNKNOW while the local transaction
 * still runs). With --hold-first-ms the first local transaction sleeps that long before committing
 * (a test kills the broker meanwhile).
 *
 * Output: "LOCAL {json}" as each local transaction starts, "SEND {json}", "CHECK {json}" per check,
 * "RECV {json}" per delivery, then "SUMMARY {json}" once every message that should arrive arrived
 * (plus --settle-ms for late duplicates) or the timeout passed. Exit 0 iff complete.
 */
public final class InteropTransactions {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", null);
        String group = args.get("g", "group", null);
        int count = args.getInt("c", "count", 9);
        String[] decisions = args.get("decisions", "decisions", "commit,rollback,unknown").split(",");
        long holdFirstMs = args.getLong("hold-first-ms", "hold-first-ms", 0);
        long timeoutMs = args.getLong("timeout-ms", "timeout-ms", 90_000);
        long settleMs = args.getLong("settle-ms", "settle-ms", 5_000);
        String keyPrefix = "tx-" + System.currentTimeMillis();

        Map<String, String> decisionOf = new LinkedHashMap<>();
        Map<String, Integer> checks = new LinkedHashMap<>();
        Map<String, Integer> deliveries = new LinkedHashMap<>();
        java.util.Set<String> localDone = java.util.concurrent.ConcurrentHashMap.newKeySet();
        int expected = 0;
        for (int i = 0; i < count; i++) {
            String decision = decisions[i % decisions.length];
            decisionOf.put(keyPrefix + "-" + i, decision);
            if (!decision.equals("rollback")) expected++;
        }

        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group + "_consumer");
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("interop-tx-consumer-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            synchronized (deliveries) {
                for (MessageExt message : messages) {
                    deliveries.merge(message.getKeys(), 1, Integer::sum);
                    System.out.println("RECV " + new Json().put("key", message.getKeys()).put("msgId", message.getMsgId()).put("queueOffset", message.getQueueOffset()));
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });

        TransactionMQProducer producer = new TransactionMQProducer(group);
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("interop-tx-producer-" + ProcessHandle.current().pid());
        producer.setSendMsgTimeout(10_000);
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message message, Object arg) {
                String decision = decisionOf.get(message.getKeys());
                System.out.println("LOCAL " + new Json().put("key", message.getKeys()).put("decision", decision));
                if (holdFirstMs > 0 && message.getKeys().endsWith("-0")) sleep(holdFirstMs);
                localDone.add(message.getKeys());
                if ("commit".equals(decision)) return LocalTransactionState.COMMIT_MESSAGE;
                if ("rollback".equals(decision)) return LocalTransactionState.ROLLBACK_MESSAGE;
                return LocalTransactionState.UNKNOW;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt message) {
                synchronized (checks) {
                    checks.merge(message.getKeys(), 1, Integer::sum);
                }
                String decision = decisionOf.get(message.getKeys());
                // A local transaction still running has no outcome yet: the honest answer is UNKNOW.
                boolean done = localDone.contains(message.getKeys());
                System.out.println("CHECK " + new Json().put("key", message.getKeys()).put("decision", decision).put("localDone", done).put("transactionId", message.getTransactionId()));
                if (!done) return LocalTransactionState.UNKNOW;
                return "rollback".equals(decision) ? LocalTransactionState.ROLLBACK_MESSAGE : LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        producer.start();
        consumer.start();

        for (Map.Entry<String, String> entry : decisionOf.entrySet()) {
            Message message = new Message(topic, "tx", entry.getKey(), ("transactional " + entry.getKey()).getBytes(StandardCharsets.UTF_8));
            try {
                TransactionSendResult result = producer.sendMessageInTransaction(message, null);
                System.out.println("SEND " + new Json().put("key", entry.getKey()).put("status", result.getSendStatus().name())
                    .put("localState", result.getLocalTransactionState().name()).put("transactionId", result.getTransactionId()));
            } catch (Exception e) {
                System.out.println("SEND_FAILED " + new Json().put("key", entry.getKey()).put("error", e.toString()));
            }
        }

        long deadline = System.currentTimeMillis() + timeoutMs;
        boolean complete = false;
        while (System.currentTimeMillis() < deadline) {
            synchronized (deliveries) {
                complete = deliveries.size() >= expected;
            }
            if (complete) break;
            sleep(200);
        }
        if (complete) sleep(settleMs);
        Json summary;
        synchronized (deliveries) {
            synchronized (checks) {
                summary = new Json().put("topic", topic).put("expected", expected).put("complete", complete)
                    .put("decisions", new LinkedHashMap<String, Object>(decisionOf)).put("deliveries", new LinkedHashMap<String, Object>(deliveries))
                    .put("checks", new LinkedHashMap<String, Object>(checks));
            }
        }
        consumer.shutdown();
        producer.shutdown();
        System.out.println("SUMMARY " + summary);
        System.exit(complete ? 0 : 1);
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
