package org.rocketmqts.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * ACL interop probe: each step runs the official Java client with AclClientRPCHook (the way an
 * application turns ACL on) and prints one line, STEP {"step":..,"ok":..,"code":..,"error":..}:
 *
 *   send        DefaultMQProducer with the given keys sends one message to --topic
 *   pull        DefaultMQPullConsumer pulls queue 0 of --topic from offset 0
 *   createTopic DefaultMQAdminExt creates --new-topic on --broker
 *   createGroup DefaultMQAdminExt creates --new-group on --broker
 *
 * Steps are given as --steps "name:action:accessKey:secretKey,...". One JVM runs them all, so the
 * suite pays one start-up.
 */
public final class AclProbe {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String namesrv = args.get("n", "namesrv", null);
        String topic = args.get("t", "topic", null);
        String broker = args.get("b", "broker", null);
        List<Object> results = new ArrayList<>();
        for (String step : args.get("s", "steps", null).split(",")) {
            String[] parts = step.split(":", 4);
            Json line = new Json().put("step", parts[0]).put("action", parts[1]);
            RPCHook hook = new AclClientRPCHook(new SessionCredentials(parts[2], parts[3]));
            try {
                line.put("detail", run(parts[0], parts[1], hook, namesrv, topic, broker));
                line.put("ok", true);
            } catch (MQBrokerException e) {
                line.put("ok", false).put("code", e.getResponseCode()).put("error", e.getErrorMessage());
            } catch (MQClientException e) {
                line.put("ok", false).put("code", e.getResponseCode()).put("error", String.valueOf(e.getErrorMessage()));
            } catch (Exception e) {
                line.put("ok", false).put("error", e.toString());
            }
            System.out.println("STEP " + line);
            results.add(line);
        }
        System.out.println("SUMMARY " + new Json().put("steps", results));
        System.exit(0);
    }

    private static String run(String name, String action, RPCHook hook, String namesrv, String topic, String broker) throws Exception {
        String instance = "acl-probe-" + name + "-" + ProcessHandle.current().pid();
        switch (action) {
            case "send": {
                DefaultMQProducer producer = new DefaultMQProducer("acl_probe_producer", hook);
                producer.setNamesrvAddr(namesrv);
                producer.setInstanceName(instance);
                producer.setRetryTimesWhenSendFailed(0);
                producer.start();
                try {
                    SendResult result = producer.send(new Message(topic, "TagA", ("acl probe " + name).getBytes(StandardCharsets.UTF_8)));
                    return result.getSendStatus() + " " + result.getMsgId();
                } finally {
                    producer.shutdown();
                }
            }
            case "pull": {
                DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("acl_probe_consumer", hook);
                consumer.setNamesrvAddr(namesrv);
                consumer.setInstanceName(instance);
                consumer.start();
                try {
                    Set<MessageQueue> queues = consumer.fetchSubscribeMessageQueues(topic);
                    int found = 0;
                    for (MessageQueue queue : queues) {
                        PullResult result = consumer.pull(queue, "*", 0, 32);
                        found += result.getMsgFoundList() == null ? 0 : result.getMsgFoundList().size();
                    }
                    return "found " + found;
                } finally {
                    consumer.shutdown();
                }
            }
            case "createTopic":
            case "createGroup": {
                DefaultMQAdminExt admin = new DefaultMQAdminExt(hook);
                admin.setNamesrvAddr(namesrv);
                admin.setInstanceName(instance);
                admin.start();
                try {
                    if (action.equals("createTopic")) {
                        admin.createAndUpdateTopicConfig(broker, new TopicConfig(name, 4, 4));
                    } else {
                        SubscriptionGroupConfig group = new SubscriptionGroupConfig();
                        group.setGroupName(name);
                        admin.createAndUpdateSubscriptionGroupConfig(broker, group);
                    }
                    return "created " + name;
                } finally {
                    admin.shutdown();
                }
            }
            default:
                throw new IllegalArgumentException("unknown action " + action);
        }
    }
}
