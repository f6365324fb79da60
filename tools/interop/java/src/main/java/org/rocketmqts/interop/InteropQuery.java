package org.rocketmqts.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Looks messages up through the client's public query API: by business key (QUERY_MESSAGE on
 * every broker of the topic) and by offsetMsgId (VIEW_MESSAGE_BY_ID on the broker whose address
 * the id encodes).
 *
 * <pre>
 * InteropQuery -n 127.0.0.1:9876 -t TopicA --key order-1 --offset-msg-id 7F000001...
 * </pre>
 *
 * Output: "SUMMARY {json}" with the keys and bodies found by key and the message viewed by id.
 * Exit code 0 iff both lookups found something.
 */
public final class InteropQuery {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", null);
        String key = args.get("key", "key", null);
        String offsetMsgId = args.get("offset-msg-id", "offset-msg-id", null);

        DefaultMQProducer client = new DefaultMQProducer("interop_query_" + ProcessHandle.current().pid());
        client.setNamesrvAddr(namesrv);
        client.setInstanceName("interop-query-" + ProcessHandle.current().pid());
        client.start();
        Json summary = new Json().put("topic", topic).put("key", key);
        boolean ok = true;
        try {
            QueryResult byKey = client.queryMessage(topic, key, 32, 0, Long.MAX_VALUE);
            List<Object> found = new ArrayList<>();
            for (MessageExt message : byKey.getMessageList()) found.add(describe(message));
            summary.put("byKey", found);
            ok &= !found.isEmpty();
        } catch (Exception e) {
            summary.put("byKeyError", e.toString());
            ok = false;
        }
        try {
            MessageExt viewed = client.viewMessage(topic, offsetMsgId);
            summary.put("byId", describe(viewed));
        } catch (Exception e) {
            summary.put("byIdError", e.toString());
            ok = false;
        } finally {
            client.shutdown();
        }
        System.out.println("SUMMARY " + summary);
        System.exit(ok ? 0 : 1);
    }

    private static Json describe(MessageExt message) {
        return new Json()
            .put("msgId", message.getMsgId())
            .put("offsetMsgId", message instanceof MessageClientExt ? ((MessageClientExt) message).getOffsetMsgId() : message.getMsgId())
            .put("topic", message.getTopic())
            .put("keys", message.getKeys())
            .put("tags", message.getTags())
            .put("body", new String(message.getBody(), StandardCharsets.UTF_8));
    }
}
