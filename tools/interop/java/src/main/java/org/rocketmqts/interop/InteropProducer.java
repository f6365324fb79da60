package org.rocketmqts.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * Sends N messages synchronously through the official Java client, given only a name server address.
 *
 * <pre>
 * InteropProducer -n 127.0.0.1:9876 -t TopicA -c 10 [-g group] [--tag TagA] [--key-prefix k] [--timeout-ms 10000]
 *                 [--pause-ms 0] [--poll-namesrv-ms 30000]
 * </pre>
 *
 * Output: one "SEND {json}" line per result, then "SUMMARY {json}". Exit code 0 iff every send returned SEND_OK.
 */
public final class InteropProducer {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", null);
        int count = args.getInt("c", "count", 10);
        String group = args.get("g", "group", "interop_producer_" + System.currentTimeMillis());
        String tag = args.get("tag", "tag", "interop");
        String keyPrefix = args.get("key-prefix", "key-prefix", "key-" + System.currentTimeMillis());
        int timeoutMs = args.getInt("timeout-ms", "timeout-ms", 10_000);
        // Steady load across a failover: a pause between sends and a short route refresh.
        int pauseMs = args.getInt("pause-ms", "pause-ms", 0);
        int pollNamesrvMs = args.getInt("poll-namesrv-ms", "poll-namesrv-ms", 30_000);

        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(namesrv);
        producer.setSendMsgTimeout(timeoutMs);
        producer.setInstanceName("interop-producer-" + ProcessHandle.current().pid());
        producer.setPollNameServerInterval(pollNamesrvMs);
        producer.start();

        List<String> msgIds = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int ok = 0;
        String lastError = null;
        try {
            for (int i = 0; i < count; i++) {
                String key = keyPrefix + "-" + i;
                Message message = new Message(topic, tag, key, ("interop message " + i + " of " + key).getBytes(StandardCharsets.UTF_8));
                try {
                    SendResult result = producer.send(message);
                    boolean sendOk = result.getSendStatus() == SendStatus.SEND_OK;
                    if (sendOk) ok++;
                    msgIds.add(result.getMsgId());
                    keys.add(key);
                    System.out.println("SEND " + new Json()
                        .put("index", i)
                        .put("key", key)
                        .put("msgId", result.getMsgId())
                        .put("offsetMsgId", result.getOffsetMsgId())
                        .put("status", result.getSendStatus().name())
                        .put("broker", result.getMessageQueue().getBrokerName())
                        .put("queueId", result.getMessageQueue().getQueueId())
                        .put("queueOffset", result.getQueueOffset())
                        .put("atMs", System.currentTimeMillis()));
                } catch (Exception e) {
                    lastError = e.toString();
                    System.out.println("SEND_FAILED " + new Json().put("index", i).put("key", key).put("error", lastError).put("atMs", System.currentTimeMillis()));
                }
                if (pauseMs > 0) Thread.sleep(pauseMs);
            }
        } finally {
            producer.shutdown();
        }
        System.out.println("SUMMARY " + new Json()
            .put("topic", topic)
            .put("requested", count)
            .put("sendOk", ok)
            .put("msgIds", msgIds)
            .put("keys", keys)
            .put("lastError", lastError));
        System.exit(ok == count ? 0 : 1);
    }
}
